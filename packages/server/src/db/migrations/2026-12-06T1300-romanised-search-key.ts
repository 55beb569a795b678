import { sql, type Kysely } from 'kysely';

/**
 * Each case's names as the duplicate matcher keys them (Khmer romanised), so that search finds a child typed in
 * either script. Null until the back-fill (the next migration) or the next write of the case fills it.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table child_case add column romanised_key text`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Migrations are forward-only.');
}
