import { sql, type Kysely } from 'kysely';

/**
 * Organisations other than the lead that take part in a case (decision 0010), each with a role and the sections
 * it reads. Departments' read access (`case_share`) becomes the first kind of participation, with every section,
 * as it read before.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table case_participant (
      id uuid primary key,
      case_id uuid not null references child_case (id) on delete cascade,
      organisation_id uuid not null references organisation (id),
      role text not null check (role in ('service_provider', 'department', 'former_lead')),
      sections text[] not null,
      via text not null check (via in ('referral', 'handover', 'transfer')),
      source_id uuid,
      note text,
      assigned_worker_id uuid references app_user (id),
      granted_by uuid references app_user (id),
      started_on date not null,
      ended_on date,
      created_at timestamptz not null default now()
    )
  `.execute(db);
  await sql`
    create unique index case_participant_active on case_participant (case_id, organisation_id)
    where ended_on is null
  `.execute(db);
  await sql`create index case_participant_organisation on case_participant (organisation_id, case_id)`.execute(db);
  await sql`
    insert into case_participant
      (id, case_id, organisation_id, role, sections, via, note, granted_by, started_on, created_at)
    select id, case_id, organisation_id, 'department',
           array['identity', 'assessments', 'care_plan', 'placements', 'services', 'notes', 'documents'],
           kind, note, shared_by, shared_on, created_at
    from case_share
  `.execute(db);
  await sql`drop table case_share`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Migrations are forward-only.');
}
