import { dueForRetention, type RetentionDue } from '@homeward/core';
import type { Kysely } from 'kysely';
import { pseudonymiseCase } from '../cases/case-removal.repository';
import type { Database } from '../db/schema';
import { readRetentionSettings, retentionCandidates } from './retention.repository';

export async function retentionPreview(
  db: Kysely<Database>,
  organisationId: string,
  today: string,
): Promise<RetentionDue[]> {
  const settings = await readRetentionSettings(db, organisationId);
  if (settings.rules.length === 0) return [];
  return dueForRetention(await retentionCandidates(db, organisationId), settings, today);
}

/** Applies the due rules, one transaction per case, so an interrupted run leaves each case whole. */
export async function runRetention(
  db: Kysely<Database>,
  organisationId: string,
  today: string,
): Promise<RetentionDue[]> {
  const due = await retentionPreview(db, organisationId, today);
  for (const item of due) {
    await db.transaction().execute((trx) =>
      pseudonymiseCase(trx, organisationId, item.caseId, {
        status: item.rule.status,
        afterYears: item.rule.afterYears,
        dueOn: item.dueOn,
      }),
    );
  }
  return due;
}
