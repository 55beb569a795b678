import { sql, type Kysely } from 'kysely';

// Plain SQL kept to PostgreSQL 15: the embedded engine is newer, the servers we support are not.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table organisation (
      id uuid primary key,
      name text not null,
      kind text not null check (kind in ('ngo', 'government', 'service_provider')),
      province_code text,
      case_prefix text not null,
      case_counter integer not null default 0,
      created_at timestamptz not null default now()
    );

    create table app_user (
      id uuid primary key,
      organisation_id uuid not null references organisation (id),
      email text not null unique,
      display_name text not null,
      password_hash text not null,
      roles text[] not null,
      locale text not null default 'en',
      disabled_at timestamptz,
      failed_logins integer not null default 0,
      locked_until timestamptz,
      last_login_at timestamptz,
      created_at timestamptz not null default now()
    );
    create index app_user_organisation_idx on app_user (organisation_id);

    create table user_session (
      id text primary key,
      user_id uuid not null references app_user (id) on delete cascade,
      csrf_token text not null,
      created_at timestamptz not null default now(),
      last_seen_at timestamptz not null default now(),
      expires_at timestamptz not null,
      ip text,
      user_agent text
    );
    create index user_session_user_idx on user_session (user_id);

    create table child_case (
      id uuid primary key,
      organisation_id uuid not null references organisation (id),
      case_number text not null,
      family_name_km text,
      given_name_km text,
      family_name_latin text,
      given_name_latin text,
      alias text,
      sex text not null,
      date_of_birth date not null,
      date_of_birth_estimated boolean not null,
      village_code text,
      child_type text,
      case_types text[] not null,
      referral jsonb not null,
      search_key text not null,
      status text not null,
      risk_level text,
      opened_on date not null,
      last_event_on date not null,
      assigned_worker_id uuid references app_user (id),
      version integer not null default 1,
      created_by uuid references app_user (id),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      unique (organisation_id, case_number)
    );
    create index child_case_organisation_idx on child_case (organisation_id, opened_on desc);

    create table case_event (
      seq bigserial not null unique,
      id uuid primary key,
      case_id uuid not null references child_case (id),
      organisation_id uuid not null references organisation (id),
      type text not null,
      occurred_on date not null,
      recorded_at timestamptz not null default now(),
      author_id uuid references app_user (id),
      payload jsonb not null
    );
    create index case_event_case_idx on case_event (case_id, occurred_on);

    create table audit_log (
      id bigserial primary key,
      at timestamptz not null,
      user_id uuid,
      organisation_id uuid,
      roles text,
      action text not null,
      case_id uuid,
      detail jsonb not null,
      ip text,
      prev_hash text not null,
      hash text not null
    );
    create index audit_log_case_idx on audit_log (case_id);
  `.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Migrations are forward-only.');
}
