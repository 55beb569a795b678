import {
  retentionSettingsSchema,
  type CaseStatus,
  type RetentionCandidate,
  type RetentionSettings,
} from '@homeward/core';
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../db/schema';

type Executor = Kysely<Database> | Transaction<Database>;

export async function readRetentionSettings(db: Executor, organisationId: string): Promise<RetentionSettings> {
  const row = await db
    .selectFrom('organisation')
    .select('retention_settings')
    .where('id', '=', organisationId)
    .executeTakeFirstOrThrow();
  return retentionSettingsSchema.parse(row.retention_settings);
}

export async function writeRetentionSettings(db: Executor, organisationId: string, settings: RetentionSettings) {
  await db
    .updateTable('organisation')
    .set({ retention_settings: JSON.stringify(settings) })
    .where('id', '=', organisationId)
    .execute();
}

/** The organisation's cases as the retention rules see them: numbers and dates, never names. */
export async function retentionCandidates(db: Executor, organisationId: string): Promise<RetentionCandidate[]> {
  const rows = await db
    .selectFrom('child_case')
    .select(['id', 'case_number', 'status', 'closed_on', 'last_event_on', 'pseudonymised_at'])
    .where('organisation_id', '=', organisationId)
    .execute();
  return rows.map((row) => ({
    id: row.id,
    caseNumber: row.case_number,
    status: row.status as CaseStatus,
    since: row.status === 'closed' && row.closed_on ? row.closed_on : row.last_event_on,
    pseudonymised: row.pseudonymised_at !== null,
  }));
}

export async function organisationsWithRules(db: Executor): Promise<{ id: string; name: string }[]> {
  const rows = await db
    .selectFrom('organisation')
    .select(['id', 'name', 'retention_settings'])
    .orderBy('name')
    .execute();
  return rows.filter((row) => retentionSettingsSchema.parse(row.retention_settings).rules.length > 0);
}
