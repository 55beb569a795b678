import { DomainError, eventWritable, type CaseReach } from '@homeward/core';
import type { Kysely, Transaction } from 'kysely';
import type { Actor } from '../auth/actor';
import type { CaseRow, Database } from '../db/schema';
import { requirePermission } from '../access/require-permission';
import { auditCase } from './case-audit';
import { reachOf, visibleCases, writableCases } from './child-visibility';
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
  lock: 'read' | 'write' | 'add_event',
): Promise<CaseWithWorker> {
  let query = (lock === 'write' ? writableCases(db, actor) : visibleCases(db, actor))
    .leftJoin('app_user as worker', 'worker.id', 'child_case.assigned_worker_id')
    .selectAll('child_case')
    .select('worker.display_name as assigned_worker_name')
    .where('child_case.id', '=', caseId);
  if (lock !== 'read') query = query.forUpdate('child_case');
  const row = await query.executeTakeFirst();
  if (!row) throw new DomainError('not_found', CASE_NOT_FOUND, [], 'not_found');
  return row;
}

export type ReachedCase = CaseWithWorker & { reach: CaseReach };

/** A case the user reaches, with how far: as its lead, through a participation's sections, or to their writing. */
export async function readCase(db: Executor, actor: Actor, caseId: string): Promise<ReachedCase> {
  requirePermission(actor, 'case.read');
  const row = await selectCase(db, actor, caseId, 'read');
  await auditCase(db, actor, 'case.read', caseId);
  return { ...row, reach: await reachOf(db, actor, row) };
}

/** Locks the case for a write; the caller's transaction holds the lock until it commits. */
export async function lockCaseForWrite(trx: Transaction<Database>, actor: Actor, caseId: string) {
  requirePermission(actor, 'case.write');
  return selectCase(trx, actor, caseId, 'write');
}

/**
 * Locks the case for a new event of this type: the lead's users within their scope add any event; a service
 * provider's users add events of the writable sections they were given (decision 0010); a reader who reaches
 * the case but may not write there is refused, anyone else finds no case.
 */
export async function lockCaseForEvent(
  trx: Transaction<Database>,
  actor: Actor,
  caseId: string,
  eventType: string,
): Promise<ReachedCase> {
  requirePermission(actor, 'case.write');
  const row = await selectCase(trx, actor, caseId, 'add_event');
  const reach = await reachOf(trx, actor, row);
  if (reach.kind === 'lead') return { ...(await selectCase(trx, actor, caseId, 'write')), reach };
  if (!eventWritable(reach, eventType)) {
    throw new DomainError(
      'forbidden',
      'Your organisation takes part in this case but may not add this to it.',
      [],
      'section_not_shared',
    );
  }
  return { ...row, reach };
}

/** A case id already used, in any organisation: client-generated ids must stay unique. */
export function caseIdUse(db: Executor, caseId: string): Promise<UsedId | undefined> {
  return db
    .selectFrom('child_case')
    .select(['organisation_id', 'request_digest'])
    .where('id', '=', caseId)
    .executeTakeFirst();
}
