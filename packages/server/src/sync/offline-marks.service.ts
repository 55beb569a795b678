import { DomainError, type OfflineMark } from '@homeward/core';
import type { Kysely } from 'kysely';
import { requirePermission } from '../access/require-permission';
import type { Actor } from '../auth/actor';
import { auditCase } from '../cases/case-audit';
import { CASE_NOT_FOUND } from '../cases/case-reads.repository';
import type { Database } from '../db/schema';
import { hasOfflineMark, markedCases, setOfflineMark } from './offline-marks.repository';
import { readableCases } from './pull.repository';

/**
 * Marks a case to keep offline beyond the assigned ones, or unmarks it. Only a case the user may read can be
 * marked; she may unmark her own mark on a case she no longer reaches (another's answers "not found").
 */
export async function markOffline(db: Kysely<Database>, actor: Actor, input: OfflineMark): Promise<string[]> {
  requirePermission(actor, 'case.read');
  const reached = (await readableCases(db, actor, [input.caseId])).has(input.caseId);
  if (!reached && (input.offline || !(await hasOfflineMark(db, actor.userId, input.caseId)))) {
    throw new DomainError('not_found', CASE_NOT_FOUND, [], 'not_found');
  }
  await db.transaction().execute(async (trx) => {
    if (await setOfflineMark(trx, actor.userId, input.caseId, input.offline)) {
      await auditCase(trx, actor, 'case.offline_mark', input.caseId, { offline: input.offline });
    }
  });
  return markedCases(db, actor);
}

export function listOfflineMarks(db: Kysely<Database>, actor: Actor): Promise<string[]> {
  requirePermission(actor, 'case.read');
  return markedCases(db, actor);
}
