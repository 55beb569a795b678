import { DomainError } from '@homeward/core';
import type { Kysely, Transaction } from 'kysely';
import type { Actor } from '../auth/actor';
import type { CaseRow, Database } from '../db/schema';
import { requirePermission } from '../access/require-permission';
import { auditCase } from './case-audit';
import { visibleCases, writableCases } from './child-visibility';
import type { UsedId } from './client-ids';

/**
 * The one way to a case. Every function takes the acting user, refuses what their roles do not allow, sees
 * only the cases their scope reaches (another organisation's case is "not found", never "forbidden"; see
 * child-visibility), and writes an audit entry in the same transaction as the read or write it records.
 */
type Executor = Kysely<Database> | Transaction<Database>;

export const CASE_NOT_FOUND = 'No case with this id.';

export type CaseWithWorker = CaseRow & { assigned_worker_name: string | null };

/**
 * One case through the reader's scope (or, for an update, the writer's), with no permission check or audit:
 * the caller does both, as it knows which permission and which audit action the read is for.
 */
export async function selectCase(
  db: Executor,
  actor: Actor,
  caseId: string,
  forUpdate: boolean,
): Promise<CaseWithWorker> {
  let query = (forUpdate ? writableCases(db, actor) : visibleCases(db, actor))
    .leftJoin('app_user as worker', 'worker.id', 'child_case.assigned_worker_id')
    .selectAll('child_case')
    .select('worker.display_name as assigned_worker_name')
    .where('child_case.id', '=', caseId);
  if (forUpdate) query = query.forUpdate('child_case');
  const row = await query.executeTakeFirst();
  if (!row) throw new DomainError('not_found', CASE_NOT_FOUND, [], 'not_found');
  return row;
}

export async function readCase(db: Executor, actor: Actor, caseId: string): Promise<CaseWithWorker> {
  requirePermission(actor, 'case.read');
  const row = await selectCase(db, actor, caseId, false);
  await auditCase(db, actor, 'case.read', caseId);
  return row;
}

/** Locks the case for a write; the caller's transaction holds the lock until it commits. */
export async function lockCaseForWrite(trx: Transaction<Database>, actor: Actor, caseId: string) {
  requirePermission(actor, 'case.write');
  return selectCase(trx, actor, caseId, true);
}

/** A case id already used, in any organisation: client-generated ids must stay unique. */
export function caseIdUse(db: Executor, caseId: string): Promise<UsedId | undefined> {
  return db
    .selectFrom('child_case')
    .select(['organisation_id', 'request_digest'])
    .where('id', '=', caseId)
    .executeTakeFirst();
}

/** The organisation holding each of these case ids, for those already used. */
export async function caseIdOwners(db: Executor, caseIds: readonly string[]): Promise<Map<string, string>> {
  if (caseIds.length === 0) return new Map();
  const rows = await db.selectFrom('child_case').select(['id', 'organisation_id']).where('id', 'in', caseIds).execute();
  return new Map(rows.map((row) => [row.id, row.organisation_id]));
}
