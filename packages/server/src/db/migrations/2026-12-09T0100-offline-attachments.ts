import { sql, type Kysely } from 'kysely';

/**
 * Photos and documents added offline (issue 11 point 3, decision 0020). A file's bytes arrive ahead of its
 * `attachment` operation and wait in `sync_file`, sealed like stored files, under the operation's id and the
 * SHA-256 of the bytes as sent; they leave when the operation is applied or discarded, and stay while it is held.
 * `attachment.sent_sha256` keeps that hash for a file that came this way, so a retry is told apart from other
 * bytes under the same id.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table sync_file (
      organisation_id uuid not null references organisation (id),
      id uuid not null,
      sha256 text not null,
      device_id uuid not null references device (id),
      user_id uuid references app_user (id),
      size integer not null,
      key_id text not null,
      iv bytea not null,
      auth_tag bytea not null,
      content bytea not null,
      received_at timestamptz not null default now(),
      primary key (organisation_id, id, sha256)
    )
  `.execute(db);
  await sql`alter table attachment add column sent_sha256 text`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Migrations are forward-only.');
}
