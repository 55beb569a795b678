import type { HeldOperation, PushRequest, PushResponse, PushResult, SyncOperation } from '@homeward/core';
import type { Kysely } from 'kysely';
import { appendAudit } from '../audit/audit.repository';
import type { Actor } from '../auth/actor';
import type { Clock } from '../cases/cases.service';
import type { Database } from '../db/schema';
import type { FileKeys } from '../documents/attachments.service';
import { deviceForSync } from '../devices/devices.service';
import { applyOperation, caseOf, type ApplyContext, type Outcome } from './apply-operation';
import { findHeld, insertHeld } from './held.repository';

const NOT_SYNCED = 'The new case this belongs to is waiting for a person (needs attention): it is kept until then.';

/**
 * Applies a device's outbox in the order it was made, each operation in its own transaction (decision 0013): an
 * operation kept before answers as kept; one for a new case kept in this push, or still kept from an earlier
 * one, is kept too (`case_not_synced`), since its case does not exist yet; one for a case whose intake failed
 * fails with it.
 */
export async function push(
  db: Kysely<Database>,
  actor: Actor,
  request: PushRequest,
  clock: Clock,
  fileKeys: FileKeys,
): Promise<PushResponse> {
  await deviceForSync(db, actor, request.deviceId);
  const context: ApplyContext = { deviceId: request.deviceId, receivedAt: new Date().toISOString(), clock, fileKeys };
  const unsynced = new Map<string, 'held' | 'failed'>();
  const results: PushResult[] = [];
  for (const operation of request.operations) {
    const result = await pushOne(db, actor, operation, context, unsynced);
    if (operation.kind === 'case' && result.status !== 'applied') {
      unsynced.set(operation.opId, result.status === 'failed' ? 'failed' : 'held');
    }
    results.push(result);
  }
  return { results };
}

/** One operation of a push, as `actor`; a hub's push calls it as the person who made each (decision 0019). */
export async function pushOne(
  db: Kysely<Database>,
  actor: Actor,
  operation: SyncOperation,
  context: ApplyContext,
  unsynced: ReadonlyMap<string, 'held' | 'failed'>,
): Promise<PushResult> {
  const kept = await findHeld(db, operation.opId);
  if (kept?.organisationId === actor.organisationId) return answerKept(kept);
  const caseId = caseOf(operation);
  const intake = unsynced.get(caseId) ?? (operation.kind === 'case' ? undefined : await heldIntake(db, actor, caseId));
  const outcome: Outcome =
    intake === 'failed'
      ? { status: 'failed' }
      : intake === 'held'
        ? { status: 'held', kind: 'attention', reason: 'case_not_synced', message: NOT_SYNCED, conflicts: [] }
        : await applyOperation(db, actor, operation, context);
  return settle(db, actor, operation, context, outcome);
}

/** Whether the case's own intake is kept open from an earlier push: its operations wait with it. */
async function heldIntake(db: Kysely<Database>, actor: Actor, caseId: string): Promise<'held' | undefined> {
  const intake = await findHeld(db, caseId);
  const waiting =
    intake?.organisationId === actor.organisationId && intake.operation.kind === 'case' && intake.status === 'open';
  return waiting ? 'held' : undefined;
}

/** A kept operation sent again answers as it stands: still kept, or applied when a person re-applied it. */
function answerKept(held: HeldOperation): PushResult {
  const applied = held.status === 'reapplied' || held.status === 'resolved';
  return {
    opId: held.id,
    status: applied ? 'applied' : held.kind,
    caseId: held.caseId,
    caseNumber: applied && held.operation.kind === 'case' ? held.caseNumber : null,
    held: applied ? null : held,
  };
}

/** Answers an outcome, keeping a refused operation on the server (once, whatever the number of copies). */
export async function settle(
  db: Kysely<Database>,
  actor: Actor,
  operation: SyncOperation,
  context: Pick<ApplyContext, 'deviceId'>,
  outcome: Outcome,
): Promise<PushResult> {
  const caseId = caseOf(operation);
  if (outcome.status === 'applied') {
    return { opId: operation.opId, status: 'applied', caseId, caseNumber: outcome.caseNumber, held: null };
  }
  if (outcome.status === 'failed')
    return { opId: operation.opId, status: 'failed', caseId, caseNumber: null, held: null };
  await db.transaction().execute(async (trx) => {
    const kept = await insertHeld(trx, {
      id: operation.opId,
      organisationId: actor.organisationId,
      deviceId: context.deviceId,
      userId: actor.userId,
      caseId,
      kind: outcome.kind,
      reason: outcome.reason,
      message: outcome.message,
      operation,
      conflicts: outcome.conflicts,
      madeAt: operation.madeAt,
    });
    if (kept) {
      await appendAudit(trx, {
        ...actor,
        action: 'sync.hold',
        caseId: operation.kind === 'case' ? null : caseId,
        detail: { opId: operation.opId, deviceId: context.deviceId, kind: outcome.kind, reason: outcome.reason },
      });
    }
  });
  const held = await findHeld(db, operation.opId);
  // The id is kept for another organisation's operation: answered as refused, without a word of that one.
  if (held?.organisationId !== actor.organisationId) {
    return { opId: operation.opId, status: 'failed', caseId, caseNumber: null, held: null };
  }
  return answerKept(held);
}
