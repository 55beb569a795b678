import { sql, type Kysely } from 'kysely';

/**
 * A shelter's own server as a hub (issue 11 point 7, decision 0019). At the central server: the hash of a hub's
 * token on its device. At the hub: its one link to the central server (the token sealed like other stored
 * secrets), the central server's mark per case (its sequence numbers are not the hub's), which of the hub's
 * records the central server already has, and the log of rounds.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table device add column token_hash text`.execute(db);
  await sql`create unique index device_token_hash on device (token_hash) where token_hash is not null`.execute(db);
  await sql`
    create table hub_link (
      id text primary key check (id = 'this'),
      central_url text not null,
      device_id uuid not null,
      organisation_id uuid not null,
      token text not null,
      linked_at timestamptz not null default now()
    )
  `.execute(db);
  await sql`
    create table hub_case_mark (
      case_id uuid primary key,
      seq bigint not null,
      version integer not null
    )
  `.execute(db);
  // A record made at the hub is pushed until the central server answers it; one from the central server never is.
  await sql`
    create table hub_known (
      id uuid primary key,
      status text not null check (status in ('central', 'applied', 'conflict', 'attention')),
      known_at timestamptz not null default now()
    )
  `.execute(db);
  await sql`
    create table hub_round (
      id bigint generated always as identity primary key,
      started_at timestamptz not null,
      finished_at timestamptz not null default now(),
      outcome text not null check (outcome in ('done', 'failed')),
      pushed integer not null,
      held jsonb not null default '[]',
      pulled_cases integer not null,
      pulled_events integer not null,
      error text
    )
  `.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Migrations are forward-only.');
}
