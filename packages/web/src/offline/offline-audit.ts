/**
 * Reads and changes made offline, kept in the outbox (sealed like everything else) and pushed as `audit`
 * operations: the server writes them to the audit log with the device's time and its own time of arrival.
 */
import type { SyncOperation } from '@homeward/core';
import type { DeviceStore } from './device-store';

type AuditAction = Extract<SyncOperation, { kind: 'audit' }>['action'];

export async function recordOfflineAudit(
  store: DeviceStore,
  caseIds: readonly string[],
  action: AuditAction,
): Promise<void> {
  const madeAt = new Date().toISOString();
  for (const caseId of new Set(caseIds)) {
    await store.enqueue({ kind: 'audit', opId: crypto.randomUUID(), madeAt, caseId, action });
  }
}
