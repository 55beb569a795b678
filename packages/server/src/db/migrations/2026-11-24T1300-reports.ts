import { sql, type Kysely } from 'kysely';

/**
 * Reports read the events themselves (docs/decisions/0004-report-engine.md): these indexes find one kind of
 * event in a period, per organisation or across a province, and skip corrected events cheaply.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create index case_event_report_idx on case_event (organisation_id, type, occurred_on) include (case_id);
    create index case_event_type_period_idx on case_event (type, occurred_on) include (case_id, organisation_id);
    create index case_event_supersedes_idx on case_event (supersedes) where supersedes is not null;
    create index child_case_province_idx on child_case (left(village_code, 2));

    create table saved_report (
      id uuid primary key,
      organisation_id uuid not null references organisation (id),
      name text not null,
      definition jsonb not null,
      created_by uuid references app_user (id),
      created_at timestamptz not null default now(),
      unique (organisation_id, name)
    );
  `.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Migrations are forward-only.');
}
