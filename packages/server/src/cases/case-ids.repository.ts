import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../db/schema';
import type { UsedId } from './client-ids';

type Executor = Kysely<Database> | Transaction<Database>;

/** Who used each of these case ids, in any organisation, and for which request; in the order asked. */
export async function caseIdUses(db: Executor, caseIds: readonly string[]): Promise<(UsedId | undefined)[]> {
  if (caseIds.length === 0) return [];
  const rows = await db
    .selectFrom('child_case')
    .select(['id', 'organisation_id', 'request_digest'])
    .where('id', 'in', caseIds)
    .execute();
  const byId = new Map(
    rows.map((row) => [row.id, { organisation_id: row.organisation_id, request_digest: row.request_digest }]),
  );
  return caseIds.map((id) => byId.get(id));
}
