/**
 * Reads and changes made offline, kept in the outbox (sealed like everything else) and pushed as `audit`
 * operations: the server writes them to the audit log with the device's time and its own time of arrival.
 */
import { enqueue, type Replica, type SyncOperation } from '@homeward/core';

type AuditAction = Extract<SyncOperation, { kind: 'audit' }>['action'];

/** Adds one audit entry per case to a replica (composed with the change it records, saved with it). */
export function withAudit(replica: Replica, caseIds: readonly string[], action: AuditAction): Replica {
  const madeAt = new Date().toISOString();
  return [...new Set(caseIds)].reduce(
    (current, caseId) => enqueue(current, { kind: 'audit', opId: crypto.randomUUID(), madeAt, caseId, action }),
    replica,
  );
}
