import { sql, type Kysely } from 'kysely';

/**
 * Second factor (TOTP) and the organisation's rule requiring it. Existing organisations keep working as
 * before (no requirement); first-run setup and `homeward init` turn it on for new ones.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table organisation add column require_two_factor boolean not null default false;

    alter table app_user add column totp_secret text;
    alter table app_user add column totp_pending_secret text;
    alter table app_user add column totp_enrolled_at timestamptz;
    alter table app_user add column totp_last_step integer;

    create table recovery_code (
      id uuid primary key,
      user_id uuid not null references app_user (id) on delete cascade,
      code_hash text not null,
      used_at timestamptz,
      unique (user_id, code_hash)
    );

    create table login_challenge (
      id text primary key,
      user_id uuid not null references app_user (id) on delete cascade,
      expires_at timestamptz not null,
      ip text,
      user_agent text
    );
    create index login_challenge_user_idx on login_challenge (user_id);
  `.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Migrations are forward-only.');
}
