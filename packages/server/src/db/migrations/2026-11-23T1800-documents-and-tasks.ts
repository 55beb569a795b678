import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    -- Files are kept encrypted (AES-256-GCM) in the database, so they are backed up and access-checked with it.
    create table attachment (
      id uuid primary key,
      organisation_id uuid not null references organisation (id),
      case_id uuid not null references child_case (id),
      kind text not null check (kind in ('photo', 'document')),
      title text not null,
      file_name text not null,
      media_type text not null,
      size integer not null,
      key_id text not null,
      iv bytea not null,
      auth_tag bytea not null,
      content bytea not null,
      uploaded_by uuid references app_user (id),
      created_at timestamptz not null default now()
    );
    create index attachment_case_idx on attachment (case_id);

    create table task (
      id uuid primary key,
      organisation_id uuid not null references organisation (id),
      case_id uuid not null references child_case (id),
      assigned_to uuid not null references app_user (id),
      assigned_by uuid references app_user (id),
      title text not null,
      due_on date not null,
      done_on date,
      created_at timestamptz not null default now()
    );
    create index task_assignee_idx on task (assigned_to) where done_on is null;
  `.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Migrations are forward-only.');
}
