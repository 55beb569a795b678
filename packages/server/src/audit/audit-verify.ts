import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { auditHash, GENESIS_HASH, hashedFields } from './audit.repository';

export interface AuditProblem {
  id: number;
  problem: 'changed' | 'broken_link';
}

export interface AuditVerification {
  entries: number;
  problems: AuditProblem[];
  lastHash: string;
}

const BATCH = 5000;

/**
 * Recomputes the hash chain of the audit log. An entry whose content was changed no longer matches its hash;
 * an entry deleted from the middle breaks the link of the next one. (Entries removed from the very end leave
 * no trace in the chain itself: compare `lastHash` with one written down earlier to detect that.)
 */
export async function verifyAuditChain(db: Kysely<Database>): Promise<AuditVerification> {
  const problems: AuditProblem[] = [];
  let previous = GENESIS_HASH;
  let afterId = 0;
  let entries = 0;
  for (;;) {
    const rows = await db
      .selectFrom('audit_log')
      .selectAll()
      .where('id', '>', afterId)
      .orderBy('id')
      .limit(BATCH)
      .execute();
    if (rows.length === 0) break;
    for (const row of rows) {
      entries += 1;
      if (row.prev_hash !== previous) problems.push({ id: row.id, problem: 'broken_link' });
      if (auditHash(row.prev_hash, hashedFields(row)) !== row.hash) problems.push({ id: row.id, problem: 'changed' });
      previous = row.hash;
      afterId = row.id;
    }
  }
  return { entries, problems, lastHash: previous };
}
