import { sql, type Kysely } from 'kysely';

/**
 * Access policy as data: an organisation's adjustments to the default roles; the team and the facility that
 * decide which cases a caseworker or a caregiver reaches; and the cases referred or handed over to a department.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table organisation add column access_policy jsonb not null default '{}'::jsonb`.execute(db);
  await sql`alter table app_user add column team text`.execute(db);
  await sql`alter table app_user add column facility_id uuid references facility (id)`.execute(db);
  await sql`
    create table case_share (
      id uuid primary key,
      case_id uuid not null references child_case (id) on delete cascade,
      organisation_id uuid not null references organisation (id),
      kind text not null check (kind in ('referral', 'handover')),
      note text,
      shared_by uuid references app_user (id),
      shared_on date not null,
      created_at timestamptz not null default now(),
      unique (case_id, organisation_id)
    );
  `.execute(db);
  await sql`create index case_share_organisation on case_share (organisation_id)`.execute(db);
  await sql`create index child_case_assigned_worker on child_case (assigned_worker_id)`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Migrations are forward-only.');
}
