import { caseSettingsSchema, type CaseSettings } from '@homeward/core';
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../db/schema';

type Executor = Kysely<Database> | Transaction<Database>;

/** The organisation's case settings, with the defaults for anything it has not set. */
export async function readCaseSettings(db: Executor, organisationId: string): Promise<CaseSettings> {
  const row = await db
    .selectFrom('organisation')
    .select('case_settings')
    .where('id', '=', organisationId)
    .executeTakeFirstOrThrow();
  return caseSettingsSchema.parse(row.case_settings);
}

export async function writeCaseSettings(db: Executor, organisationId: string, settings: CaseSettings): Promise<void> {
  await db
    .updateTable('organisation')
    .set({ case_settings: JSON.stringify(settings) })
    .where('id', '=', organisationId)
    .execute();
}
