import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table organisation add column retention_settings jsonb not null default '{}';
    alter table child_case add column pseudonymised_at timestamptz;

    -- The administrators' audit search reads one organisation's entries newest first.
    create index audit_log_organisation_idx on audit_log (organisation_id, id desc);
  `.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Migrations are forward-only.');
}
