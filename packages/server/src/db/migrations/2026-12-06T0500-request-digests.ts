import { sql, type Kysely } from 'kysely';

/**
 * What each client-identified write asked for (a hash of its request), so that the same id sent again is told
 * apart: the same request is a retry and gets the stored record; a different one is a conflict. Rows written
 * before, or by the server itself, have none and are never taken for a retry.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table child_case add column request_digest text;
    alter table case_event add column request_digest text;
    alter table group_activity add column request_digest text;
  `.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Migrations are forward-only.');
}
