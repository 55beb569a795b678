import type { AuditAction } from '@homeward/core';
import type { Kysely, Transaction } from 'kysely';
import { appendAudit } from '../audit/audit.repository';
import type { Actor } from '../auth/actor';
import type { Database } from '../db/schema';

type Executor = Kysely<Database> | Transaction<Database>;

/** The audit entry for one case read or write, in the same transaction as what it records. */
export function auditCase(
  db: Executor,
  actor: Actor,
  action: AuditAction,
  caseId: string | null,
  detail?: Record<string, unknown>,
) {
  return appendAudit(db, { ...actor, action, caseId, ...(detail ? { detail } : {}) });
}
