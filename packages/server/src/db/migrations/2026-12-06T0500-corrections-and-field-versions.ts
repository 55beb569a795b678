import { sql, type Kysely } from 'kysely';

/**
 * Corrections of a case's profile (decision 0006): the child's nationality, which the case did not hold; the
 * version of each correctable field; and the whole-case version, raised by the database on every change to the
 * case row, so that no write path (events, corrections, assignment, pseudonymisation) can forget it.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table child_case add column nationality text`.execute(db);
  await sql`alter table child_case add column field_versions jsonb not null default '{}'::jsonb`.execute(db);
  await sql`
    create function child_case_next_version() returns trigger language plpgsql as $$
    begin
      new.version := old.version + 1;
      return new;
    end $$;
  `.execute(db);
  await sql`
    create trigger child_case_version before update on child_case
    for each row execute function child_case_next_version();
  `.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Migrations are forward-only.');
}
