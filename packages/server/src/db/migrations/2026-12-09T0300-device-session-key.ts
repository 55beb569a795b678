import { sql, type Kysely } from 'kysely';

/**
 * The device store's second key (decision 0017, "Online, the session opens the store"): a random key per device
 * and session, sealed like other stored secrets. It lives only as long as the session that asked for it (signing
 * out deletes the session, and this row with it) and the device (revoking deletes it in the same transaction).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table device_session_key (
      device_id uuid primary key references device (id) on delete cascade,
      session_id text not null references user_session (id) on delete cascade,
      sealed_key text not null,
      created_at timestamptz not null default now()
    )
  `.execute(db);
  await sql`create index device_session_key_session on device_session_key (session_id)`.execute(db);
}
