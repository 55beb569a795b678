import { sql, type Kysely } from 'kysely';

/**
 * Case files between installations (decision 0012): this installation's long-lived keys (one row; the private
 * keys sealed with the stored-data key), the partner installations each organisation trusts, the cases imported
 * from them (so nothing is imported twice), and, on an imported event, where it was written.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table installation_identity (
      id text primary key check (id = 'this'),
      signing_key text not null,
      signing_private text not null,
      agreement_key text not null,
      agreement_private text not null,
      fingerprint text not null,
      created_at timestamptz not null default now()
    );
  `.execute(db);
  await sql`
    create table partner_installation (
      id uuid primary key,
      organisation_id uuid not null references organisation (id),
      name text not null,
      fingerprint text not null,
      signing_key text not null,
      agreement_key text not null,
      added_by uuid references app_user (id),
      created_at timestamptz not null default now(),
      unique (organisation_id, fingerprint)
    );
  `.execute(db);
  await sql`
    create table imported_case (
      organisation_id uuid not null references organisation (id),
      sender_fingerprint text not null,
      source_case_id uuid not null,
      source_case_number text not null,
      sender_organisation text not null,
      case_id uuid not null references child_case (id) on delete cascade,
      bundle_id uuid not null,
      imported_by uuid references app_user (id),
      imported_at timestamptz not null default now(),
      primary key (organisation_id, sender_fingerprint, source_case_id)
    );
  `.execute(db);
  await sql`create index imported_case_case on imported_case (case_id)`.execute(db);
  await sql`alter table case_event add column origin jsonb`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Migrations are forward-only.');
}
