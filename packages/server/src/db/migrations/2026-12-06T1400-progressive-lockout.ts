import { sql, type Kysely } from 'kysely';

/**
 * How many locks an account has met since it last signed in, which decides how long the next one lasts:
 * a person who mistypes is locked for a minute, a guessed account for longer each time.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table app_user add column lock_count integer not null default 0`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Migrations are forward-only.');
}
