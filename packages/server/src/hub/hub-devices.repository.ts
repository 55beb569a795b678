import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../db/schema';

/** SQL of the hubs' tokens at the central server; the rest of a hub's device is an ordinary device row. */
type Executor = Kysely<Database> | Transaction<Database>;

export async function setHubTokenHash(trx: Transaction<Database>, deviceId: string, tokenHash: string): Promise<void> {
  await trx.updateTable('device').set({ token_hash: tokenHash }).where('id', '=', deviceId).execute();
}

/** The hub whose token hashes so, if any. */
export async function findHubByTokenHash(db: Executor, tokenHash: string) {
  return db
    .selectFrom('device')
    .select(['id', 'organisation_id', 'user_id', 'name', 'revoked_at'])
    .where('kind', '=', 'hub')
    .where('token_hash', '=', tokenHash)
    .executeTakeFirst();
}
