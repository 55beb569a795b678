import { createHash } from 'node:crypto';
import type { AuditAction } from '@homeward/core';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../db/schema';

export interface AuditEntry {
  userId: string | null;
  organisationId: string | null;
  roles: readonly string[];
  /** What happened, e.g. `case.read`, `auth.login_failed`: one of the catalogue, so each has a label. */
  action: AuditAction;
  caseId?: string | null;
  /** Facts about the action; never a child's name or narrative. */
  detail?: Record<string, unknown>;
  ip?: string | null;
}

export const GENESIS_HASH = '0'.repeat(64);
// Any constant works; it names the lock that serialises appends so the chain has no forks.
const AUDIT_CHAIN_LOCK = 726_001;

/** JSON with object keys sorted: jsonb stores keys in its own order, so the hash must not depend on it. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export function auditHash(prevHash: string, fields: Record<string, unknown>): string {
  return createHash('sha256').update(prevHash).update(canonicalJson(fields)).digest('hex');
}

export function hashedFields(row: {
  at: Date;
  user_id: string | null;
  organisation_id: string | null;
  roles: string | null;
  action: string;
  case_id: string | null;
  detail: Record<string, unknown>;
  ip: string | null;
}): Record<string, unknown> {
  return {
    at: row.at.toISOString(),
    user_id: row.user_id,
    organisation_id: row.organisation_id,
    roles: row.roles,
    action: row.action,
    case_id: row.case_id,
    detail: row.detail,
    ip: row.ip,
  };
}

/**
 * Appends one entry to the hash-chained audit log, inside the caller's transaction so that an action and
 * its audit entry are written together or not at all. The chain lock is a transaction lock: outside a
 * transaction it would be released when its own statement ends, before the entry is read and written, and
 * two appends would link to the same predecessor. Given no transaction, the append makes its own.
 */
export async function appendAudit(db: Transaction<Database> | Kysely<Database>, entry: AuditEntry): Promise<void> {
  if (!db.isTransaction) return db.transaction().execute((trx) => appendAudit(trx, entry));
  const trx = db;
  await sql`select pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK})`.execute(trx);
  const last = await trx.selectFrom('audit_log').select('hash').orderBy('id', 'desc').limit(1).executeTakeFirst();
  const prevHash = last?.hash ?? GENESIS_HASH;
  const row = {
    at: new Date(),
    user_id: entry.userId,
    organisation_id: entry.organisationId,
    roles: entry.roles.join(',') || null,
    action: entry.action,
    case_id: entry.caseId ?? null,
    detail: entry.detail ?? {},
    ip: entry.ip ?? null,
  };
  const hash = auditHash(prevHash, hashedFields(row));
  await trx
    .insertInto('audit_log')
    .values({ ...row, detail: JSON.stringify(row.detail), prev_hash: prevHash, hash })
    .execute();
}
