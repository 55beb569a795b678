import {
  caseCorrectionSchema,
  DomainError,
  type AuditAction,
  type HeldOperation,
  type ResolveHeld,
  type SyncOperation,
} from '@homeward/core';
import type { Kysely } from 'kysely';
import { requirePermission } from '../access/require-permission';
import { appendAudit } from '../audit/audit.repository';
import type { Actor } from '../auth/actor';
import { getCase, type Clock } from '../cases/cases.service';
import type { Database } from '../db/schema';
import type { FileKeys } from '../documents/attachments.service';
import { applyOperation, type Outcome } from './apply-operation';
import { actableHeld, closeHeldIfOpen, updateHeldReason } from './held.repository';
import { deleteStagedFile } from './sync-files.repository';

const NOT_FOUND = 'No kept operation with this id.';
const DECIDED = 'Someone has already decided what becomes of this change.';
const NOT_A_CONFLICT = 'Only a conflict is resolved with chosen values; apply this change again or discard it.';
const TRY_AGAIN = 'The server could not apply this now. Try again in a moment.';

/** The open and recently decided operations the user may act on, of one case or all. */
export function listHeld(db: Kysely<Database>, actor: Actor, caseId?: string): Promise<HeldOperation[]> {
  requirePermission(actor, 'case.read');
  return actableHeld(db, actor, { caseId, openOnly: false });
}

async function actable(db: Kysely<Database>, actor: Actor, id: string): Promise<HeldOperation | undefined> {
  const [held] = await actableHeld(db, actor, { id, openOnly: false });
  return held;
}

/**
 * A person's decision on a kept operation: apply it again (kept, with the new reason, if refused again), resolve
 * a conflict with the values she chose (a correction from the current versions), or discard it with a reason.
 * Two decisions at once have one effect: the operation's own id makes its record once, and only the first to
 * close it is recorded; the other is told it was decided.
 */
export async function decideHeld(
  db: Kysely<Database>,
  actor: Actor,
  id: string,
  decision: ResolveHeld,
  clock: Clock,
  fileKeys: FileKeys,
): Promise<HeldOperation> {
  requirePermission(actor, 'case.write');
  const held = await actable(db, actor, id);
  if (!held) throw new DomainError('not_found', NOT_FOUND, [], 'not_found');
  if (held.status !== 'open') throw new DomainError('conflict', DECIDED, [], 'held_decided');
  if (decision.action === 'discard') {
    await close(db, actor, held, 'discarded', decision.reason);
  } else {
    const operation =
      decision.action === 'resolve' ? await resolution(db, actor, held, decision.values) : held.operation;
    const outcome = await applyOperation(db, actor, operation, {
      deviceId: held.deviceId ?? '',
      receivedAt: new Date().toISOString(),
      clock,
      fileKeys,
    });
    await settleDecision(db, actor, held, decision.action, outcome);
  }
  return (await actable(db, actor, id)) ?? held;
}

/**
 * The correction a resolved conflict writes, under the operation's own id: the values chosen, each from the
 * field's current version, with the operation's other fields from the versions they were made from.
 */
async function resolution(
  db: Kysely<Database>,
  actor: Actor,
  held: HeldOperation,
  values: Record<string, unknown>,
): Promise<SyncOperation> {
  const operation = held.operation;
  if (held.kind !== 'conflict' || operation.kind !== 'correction') {
    throw new DomainError('conflict', NOT_A_CONFLICT, [], 'not_a_conflict');
  }
  const current = (await getCase(db, actor, operation.caseId)).fieldVersions;
  const chosen = Object.fromEntries(Object.keys(values).map((field) => [field, current[field] ?? 0]));
  const body = caseCorrectionSchema.safeParse({
    changes: { ...operation.body.changes, ...values },
    baseVersions: { ...operation.body.baseVersions, ...chosen },
  });
  if (!body.success) {
    const issues = body.error.issues.map((issue) => ({
      field: `values.${issue.path.slice(1).join('.')}`,
      message: issue.message,
    }));
    throw new DomainError('invalid', 'These values cannot be written.', issues, 'invalid');
  }
  return { ...operation, body: body.data };
}

const DECISION_AUDIT: Record<'reapply' | 'resolve', AuditAction> = {
  reapply: 'sync.held_reapply',
  resolve: 'sync.held_resolve',
};

async function settleDecision(
  db: Kysely<Database>,
  actor: Actor,
  held: HeldOperation,
  action: 'reapply' | 'resolve',
  outcome: Outcome,
): Promise<void> {
  if (outcome.status === 'failed') throw new DomainError('busy', TRY_AGAIN, [], 'busy', 5);
  if (outcome.status === 'applied') {
    await close(db, actor, held, action === 'reapply' ? 'reapplied' : 'resolved');
    return;
  }
  // Values chosen for a conflict that the case's rules refuse (a date of birth after the referral, say): said at
  // once, field by field, and the conflict stays as it was for another choice rather than turning into another kind.
  if (action === 'resolve' && outcome.issues) {
    const issues = outcome.issues.map((issue) => ({ ...issue, field: `values.${issue.field}` }));
    throw new DomainError('invalid', outcome.message, issues, 'invalid');
  }
  await db.transaction().execute(async (trx) => {
    await updateHeldReason(trx, held.id, outcome);
    await appendAudit(trx, {
      ...actor,
      action: DECISION_AUDIT[action],
      caseId: caseIdOf(held),
      detail: { opId: held.id, refused: outcome.reason },
    });
  });
}

async function close(
  db: Kysely<Database>,
  actor: Actor,
  held: HeldOperation,
  status: 'reapplied' | 'resolved' | 'discarded',
  note?: string,
): Promise<void> {
  const action: AuditAction =
    status === 'discarded' ? 'sync.held_discard' : status === 'resolved' ? 'sync.held_resolve' : 'sync.held_reapply';
  const closed = await db.transaction().execute(async (trx) => {
    if (!(await closeHeldIfOpen(trx, held.id, { status, by: actor.userId, ...(note ? { note } : {}) }))) return false;
    // A discarded file goes with its change; one re-applied was already moved into its attachment.
    if (status === 'discarded' && held.operation.kind === 'attachment') {
      await deleteStagedFile(trx, actor.organisationId, held.id, held.operation.body.sha256);
    }
    await appendAudit(trx, { ...actor, action, caseId: caseIdOf(held), detail: { opId: held.id, kind: held.kind } });
    return true;
  });
  if (!closed) throw new DomainError('conflict', DECIDED, [], 'held_decided');
}

/** The case a kept operation is about, for the audit log; a new intake's case does not exist yet. */
function caseIdOf(held: HeldOperation): string | null {
  return held.operation.kind === 'case' ? null : held.caseId;
}
