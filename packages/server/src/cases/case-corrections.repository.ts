import type { CorrectedField, RecordedCorrection } from '@homeward/core';
import type { Transaction } from 'kysely';
import { appendAudit } from '../audit/audit.repository';
import type { Actor } from '../auth/actor';
import type { Database } from '../db/schema';

/**
 * SQL of profile corrections. Callers hold the case's write lock (`lockCaseForWrite`), which is where the access
 * check is made; the correction event itself is written by `insertEvent`, audited like every event.
 */

/** The case's corrections, oldest first, with who made them: the merge rule reads values at a base version here. */
export async function readCorrections(trx: Transaction<Database>, caseId: string): Promise<RecordedCorrection[]> {
  const rows = await trx
    .selectFrom('case_event')
    .leftJoin('app_user as author', 'author.id', 'case_event.author_id')
    .select(['case_event.payload', 'case_event.recorded_at', 'author.display_name as author_name'])
    .where('case_event.case_id', '=', caseId)
    .where('case_event.type', '=', 'profile_correction')
    .orderBy('case_event.seq')
    .execute();
  return rows.map((row) => ({
    authorName: row.author_name,
    recordedAt: row.recorded_at.toISOString(),
    changes: row.payload.changes as Record<string, CorrectedField>,
  }));
}

/** An event id already used, in any organisation: a retried correction is recognised by it. */
export function eventWithId(trx: Transaction<Database>, eventId: string) {
  return trx
    .selectFrom('case_event')
    .select(['case_id', 'type', 'payload'])
    .where('id', '=', eventId)
    .executeTakeFirst();
}

/** Which fields were corrected, never their values: the audit log must not repeat a child's name. */
export async function auditCorrection(
  trx: Transaction<Database>,
  actor: Actor,
  caseId: string,
  detail: { eventId: string; fields: string[] },
): Promise<void> {
  await appendAudit(trx, { ...actor, action: 'case.correct', caseId, detail });
}
