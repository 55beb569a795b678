import {
  DomainError,
  FieldConflictError,
  type FieldIssue,
  type HeldOperation,
  type SyncOperation,
} from '@homeward/core';
import type { Kysely } from 'kysely';
import type { Actor } from '../auth/actor';
import { correctCase } from '../cases/case-corrections.service';
import { addEvent } from '../cases/case-events.service';
import { createCase, type Clock } from '../cases/cases.service';
import type { Database } from '../db/schema';
import type { FileKeys } from '../documents/attachments.service';
import { applyAttachment } from './apply-attachment';
import { recordAttendance } from '../groups/group-attendance.service';
import { appendOfflineAudit } from './sync-audit.repository';

/** What became of one pushed operation before it is kept or answered. */
export type Outcome =
  | { status: 'applied'; caseId: string; caseNumber: string | null }
  | {
      status: 'held';
      kind: HeldOperation['kind'];
      reason: string;
      message: string;
      conflicts: HeldOperation['conflicts'];
      /** The fields the case's rules refused, where values were the reason (a correction's profile checks). */
      issues?: FieldIssue[];
    }
  | { status: 'failed' };

export interface ApplyContext {
  deviceId: string;
  receivedAt: string;
  clock: Clock;
  /** For an attachment's file: sealed with the current key, sent files opened with any. */
  fileKeys: FileKeys;
}

/** The case an operation belongs to: a new intake's is its own id. */
export function caseOf(operation: SyncOperation): string {
  return operation.kind === 'case' ? operation.opId : operation.caseId;
}

/**
 * Applies one operation through the same services as the online API, under its own id (`opId`, the record's
 * client id), so a retry of something applied is answered as applied by the client-id rules. The case's rules
 * refusing it, or a stale correction, are returned to be kept; anything else the server could not decide is
 * `failed`, for the device to send again.
 */
export async function applyOperation(
  db: Kysely<Database>,
  actor: Actor,
  operation: SyncOperation,
  context: ApplyContext,
): Promise<Outcome> {
  try {
    return await apply(db, actor, operation, context);
  } catch (error) {
    return refusal(error);
  }
}

async function apply(
  db: Kysely<Database>,
  actor: Actor,
  operation: SyncOperation,
  context: ApplyContext,
): Promise<Outcome> {
  switch (operation.kind) {
    case 'case': {
      const { detail } = await createCase(db, actor, { ...operation.body, id: operation.opId }, context.clock);
      return { status: 'applied', caseId: detail.id, caseNumber: detail.caseNumber };
    }
    case 'event':
      await addEvent(db, actor, operation.caseId, { ...operation.body, id: operation.opId }, context.clock);
      return { status: 'applied', caseId: operation.caseId, caseNumber: null };
    case 'attendance':
      await recordAttendance(db, actor, operation.caseId, operation.opId, operation.body, context.clock);
      return { status: 'applied', caseId: operation.caseId, caseNumber: null };
    case 'correction':
      await correctCase(db, actor, operation.caseId, { ...operation.body, id: operation.opId }, context.clock);
      return { status: 'applied', caseId: operation.caseId, caseNumber: null };
    case 'attachment': {
      const written = await applyAttachment(db, actor, operation, context.fileKeys, context.clock.today());
      // Its bytes have not arrived (or were lost with a failed upload): the device sends them and it again.
      if (written === 'missing') return { status: 'failed' };
      return { status: 'applied', caseId: operation.caseId, caseNumber: null };
    }
    case 'audit':
      await appendOfflineAudit(db, actor, operation, context);
      return { status: 'applied', caseId: operation.caseId, caseNumber: null };
  }
}

function refusal(error: unknown): Outcome {
  if (error instanceof FieldConflictError) {
    return {
      status: 'held',
      kind: 'conflict',
      reason: 'stale_field',
      message: error.message,
      conflicts: error.conflicts.map(({ field, yours, current, currentVersion }) => ({
        field,
        yours,
        current,
        currentVersion,
      })),
    };
  }
  // A busy server decides nothing: the device sends the operation again.
  if (!(error instanceof DomainError) || error.kind === 'busy' || error.kind === 'unauthenticated') {
    return { status: 'failed' };
  }
  const reason = error.kind === 'not_found' ? 'case_not_reachable' : (error.code ?? error.kind);
  const issues = error.kind === 'invalid' && error.issues.length > 0 ? { issues: error.issues } : {};
  return { status: 'held', kind: 'attention', reason, message: error.message, conflicts: [], ...issues };
}
