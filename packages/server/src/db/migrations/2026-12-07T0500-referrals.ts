import { sql, type Kysely } from 'kysely';

/**
 * Referrals for a service (issue 10 point 1, decision 0010): one row per referral with each step's date and
 * actor, and the services each organisation offers, so a sender can find a receiver.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table organisation add column services text[] not null default '{}'`.execute(db);
  await sql`
    create table referral (
      id uuid primary key,
      case_id uuid not null references child_case (id) on delete cascade,
      sender_organisation_id uuid not null references organisation (id),
      receiver_organisation_id uuid not null references organisation (id),
      services text[] not null,
      urgency text not null check (urgency in ('normal', 'urgent')),
      note text,
      sections text[] not null,
      consent_basis text check (consent_basis in ('given', 'recorded_now', 'override')),
      override_by uuid references app_user (id),
      override_reason text,
      status text not null check (status in ('sent', 'accepted', 'declined', 'withdrawn', 'done')),
      sent_on date not null,
      sent_by uuid references app_user (id),
      answered_on date,
      answered_by uuid references app_user (id),
      decline_reason text,
      withdrawn_on date,
      withdrawn_by uuid references app_user (id),
      withdraw_reason text,
      done_on date,
      done_by uuid references app_user (id),
      feedback text,
      assigned_worker_id uuid references app_user (id),
      receiver_case_id uuid references child_case (id),
      request_digest text,
      created_at timestamptz not null default now(),
      check (override_by is null or override_reason is not null)
    )
  `.execute(db);
  await sql`create index referral_case on referral (case_id)`.execute(db);
  await sql`create index referral_receiver on referral (receiver_organisation_id, status)`.execute(db);
  await sql`create index referral_sender on referral (sender_organisation_id, sent_on)`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Migrations are forward-only.');
}
