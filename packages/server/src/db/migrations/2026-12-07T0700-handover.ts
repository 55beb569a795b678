import { sql, type Kysely } from 'kysely';

/**
 * Caseload handover (issue 10 point 4): a plan of the office that closes, and one item per case with its
 * receiver and type. A handover does not go through referrals or transfers: each accepted item acts on the case
 * with the participation primitives (decision 0010), and leaves a `handover` event on the case's course.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table handover_plan (
      id uuid primary key,
      organisation_id uuid not null references organisation (id),
      name text not null,
      reason text not null,
      status text not null default 'draft'
        check (status in ('draft', 'submitted', 'approved', 'in_progress', 'completed')),
      users_to_disable uuid[] not null default '{}',
      created_by uuid not null references app_user (id),
      created_at timestamptz not null default now(),
      submitted_by uuid references app_user (id),
      submitted_at timestamptz,
      approved_by uuid references app_user (id),
      approved_at timestamptz,
      completed_by uuid references app_user (id),
      completed_at timestamptz,
      request_digest text
    )
  `.execute(db);
  await sql`create index handover_plan_organisation on handover_plan (organisation_id, created_at)`.execute(db);
  await sql`
    create table handover_item (
      id uuid primary key,
      plan_id uuid not null references handover_plan (id) on delete cascade,
      case_id uuid not null references child_case (id) on delete cascade,
      kind text not null check (kind in ('direct', 'remote')),
      receiver_id uuid references organisation (id),
      type text check (type in ('transfer', 'referral', 'close_as_stable', 'to_authorities')),
      note text,
      sections text[] not null default '{services}',
      status text not null default 'waiting' check (status in ('waiting', 'accepted', 'declined', 'done')),
      decline_reason text,
      decided_by uuid references app_user (id),
      decided_at timestamptz,
      position integer not null,
      unique (plan_id, case_id)
    )
  `.execute(db);
  await sql`create index handover_item_receiver on handover_item (receiver_id, status)`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Migrations are forward-only.');
}
