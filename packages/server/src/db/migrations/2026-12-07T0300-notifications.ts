import { sql, type Kysely } from 'kysely';

/**
 * What waits for each user, and the e-mails still to send about it. A notice is written in the same transaction
 * as the write it tells of, so a rolled-back write leaves none; the unique key makes a retried request notify
 * once. The outbox holds one row per notice to e-mail, sent after commit by a background loop
 * (notifications/mail-outbox.ts); see docs/decisions/0011-notifications.md.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table notification (
      id uuid primary key,
      recipient_id uuid not null references app_user (id) on delete cascade,
      organisation_id uuid not null references organisation (id),
      kind text not null,
      case_id uuid references child_case (id) on delete cascade,
      subject_id uuid not null,
      occasion text not null default '',
      created_at timestamptz not null default now(),
      read_at timestamptz
    );
    create unique index notification_once on notification (recipient_id, kind, subject_id, occasion);
    create index notification_inbox on notification (recipient_id, created_at desc, id desc);
    create index notification_unread on notification (recipient_id) where read_at is null;

    create table email_outbox (
      id uuid primary key,
      notification_id uuid not null unique references notification (id) on delete cascade,
      attempts integer not null default 0,
      next_attempt_at timestamptz not null default now(),
      last_error text,
      sent_at timestamptz,
      created_at timestamptz not null default now()
    );
    create index email_outbox_due on email_outbox (next_attempt_at) where sent_at is null;
  `.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Migrations are forward-only.');
}
