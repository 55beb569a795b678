import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table case_event add column supersedes uuid references case_event (id);
    alter table organisation add column case_settings jsonb not null default '{}';

    create table facility (
      id uuid primary key,
      organisation_id uuid not null references organisation (id),
      name text not null,
      care_type text not null,
      village_code text,
      capacity integer not null check (capacity > 0),
      status text not null default 'operating' check (status in ('operating', 'transitioning', 'closed')),
      created_at timestamptz not null default now()
    );
    create index facility_organisation_idx on facility (organisation_id);

    -- The rest of the projection, kept on the case so lists, tasks and occupancy need no replay of events.
    alter table child_case
      add column current_care_type text,
      add column current_facility_id uuid references facility (id),
      add column placed_since date,
      add column reintegrated_on date,
      add column closed_on date,
      add column next_follow_up_on date,
      add column has_assessment boolean not null default false,
      add column care_plan_review_on date,
      add column care_plan_approved boolean,
      add column pending_approvals integer not null default 0;
    create index child_case_facility_idx on child_case (current_facility_id) where current_facility_id is not null;
    create index child_case_follow_up_idx on child_case (organisation_id, next_follow_up_on) where next_follow_up_on is not null;

    create table group_activity (
      id uuid primary key,
      organisation_id uuid not null references organisation (id),
      topic text not null,
      title text,
      occurred_on date not null,
      facilitator_id uuid references app_user (id),
      created_at timestamptz not null default now()
    );
  `.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Migrations are forward-only.');
}
