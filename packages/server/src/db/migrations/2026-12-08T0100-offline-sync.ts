import { sql, type Kysely } from 'kysely';

/**
 * Offline sync (issue 11, decision 0013): the devices that keep cases offline and which cases each said it holds,
 * the cases users mark to keep offline beyond their assigned ones, the offline operations the server kept
 * instead of applying (a conflict, or a refusal on arrival), and the offline audit entries already written, so a
 * retried push writes each once.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table device (
      id uuid primary key,
      organisation_id uuid not null references organisation (id),
      user_id uuid not null references app_user (id),
      kind text not null check (kind in ('browser', 'hub')),
      name text not null,
      registered_at timestamptz not null default now(),
      last_sync_at timestamptz,
      revoked_at timestamptz,
      revoked_by uuid references app_user (id)
    )
  `.execute(db);
  await sql`create index device_organisation on device (organisation_id, registered_at)`.execute(db);
  await sql`
    create table device_case (
      device_id uuid not null references device (id) on delete cascade,
      case_id uuid not null references child_case (id) on delete cascade,
      primary key (device_id, case_id)
    )
  `.execute(db);
  await sql`
    create table offline_mark (
      user_id uuid not null references app_user (id) on delete cascade,
      case_id uuid not null references child_case (id) on delete cascade,
      marked_at timestamptz not null default now(),
      primary key (user_id, case_id)
    )
  `.execute(db);
  // case_id has no foreign key: a held new intake names a case that does not exist, and a held operation
  // outlives the deletion of its case (a person still discards it).
  await sql`
    create table sync_held (
      id uuid primary key,
      organisation_id uuid not null references organisation (id),
      device_id uuid references device (id),
      user_id uuid references app_user (id),
      case_id uuid,
      kind text not null check (kind in ('conflict', 'attention')),
      status text not null check (status in ('open', 'reapplied', 'resolved', 'discarded')),
      reason text not null,
      message text not null,
      operation jsonb not null,
      conflicts jsonb not null default '[]',
      made_at text not null,
      received_at timestamptz not null default now(),
      resolved_by uuid references app_user (id),
      resolved_at timestamptz,
      resolution_note text
    )
  `.execute(db);
  await sql`create index sync_held_open on sync_held (organisation_id, status, case_id)`.execute(db);
  await sql`
    create table sync_audit_op (
      id uuid primary key,
      organisation_id uuid not null references organisation (id),
      device_id uuid not null references device (id),
      received_at timestamptz not null default now()
    )
  `.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Migrations are forward-only.');
}
