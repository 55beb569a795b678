import { sql, type Kysely } from 'kysely';

/**
 * Indicator targets of an organisation (a department's for its province). Only the plan is stored: progress is
 * computed from the cases each time it is shown.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table indicator_target (
      id uuid primary key,
      organisation_id uuid not null references organisation (id),
      indicator text not null,
      breakdown_key text,
      period_from date not null,
      period_to date not null,
      baseline_on date,
      value double precision not null check (value > 0),
      note text not null default '',
      created_by uuid references app_user (id),
      updated_at timestamptz not null default now(),
      check (period_from <= period_to)
    );
    create index indicator_target_organisation_idx on indicator_target (organisation_id, period_to);
  `.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Migrations are forward-only.');
}
