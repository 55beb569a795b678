import { sql, type Kysely } from 'kysely';

/**
 * Transfers (issue 10 point 2): the lead of a case offered to another organisation, and the answer. A case has
 * at most one open offer, which the partial unique index keeps true when two offers race.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table case_transfer (
      id uuid primary key,
      case_id uuid not null references child_case (id) on delete cascade,
      from_organisation_id uuid not null references organisation (id),
      to_organisation_id uuid not null references organisation (id),
      reason text not null,
      note text,
      sections_kept text[] not null,
      status text not null check (status in ('offered', 'accepted', 'declined', 'withdrawn')),
      sender_case_number text not null,
      receiver_case_number text,
      offered_on date not null,
      offered_by uuid references app_user (id),
      decided_on date,
      decided_by uuid references app_user (id),
      decline_reason text,
      decline_note text,
      accepted_worker_id uuid references app_user (id),
      request_digest text,
      decision_digest text,
      created_at timestamptz not null default now()
    )
  `.execute(db);
  await sql`create unique index case_transfer_open on case_transfer (case_id) where status = 'offered'`.execute(db);
  await sql`create index case_transfer_receiver on case_transfer (to_organisation_id, status)`.execute(db);
  await sql`create index case_transfer_case on case_transfer (case_id)`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Migrations are forward-only.');
}
