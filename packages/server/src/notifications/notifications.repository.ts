import { randomUUID } from 'node:crypto';
import {
  accessUnder,
  can,
  DomainError,
  notificationPayloadSchema,
  type Notification,
  type NotificationKind,
  type NotificationPayload,
  type Permission,
} from '@homeward/core';
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../db/schema';

type Executor = Kysely<Database> | Transaction<Database>;

/**
 * Who is told: named users, or every active user of an organisation whose roles (under that organisation's
 * own policy) hold a permission, e.g. the department's users who may read cases.
 */
export type Recipients = { userIds: readonly string[] } | { organisationId?: string; permission: Permission };

export type Notice = NotificationPayload & {
  /** The organisation whose users are told; a named user of another organisation is not. */
  organisationId: string;
  to: Recipients;
  /** Tells apart two notices of one kind about one subject that are both wanted (a reminder's day). */
  occasion?: string;
  /** The user whose act this is, who needs no notice of it. */
  exceptUserId?: string;
};

function recipientOrganisation(notice: Notice): string {
  return 'permission' in notice.to ? (notice.to.organisationId ?? notice.organisationId) : notice.organisationId;
}

async function recipientsOf(trx: Transaction<Database>, notice: Notice): Promise<string[]> {
  const to = notice.to;
  const organisationId = recipientOrganisation(notice);
  let query = trx
    .selectFrom('app_user as u')
    .innerJoin('organisation as o', 'o.id', 'u.organisation_id')
    .select(['u.id', 'u.roles', 'o.access_policy'])
    .where('u.organisation_id', '=', organisationId)
    .where('u.disabled_at', 'is', null);
  if ('userIds' in to) {
    if (to.userIds.length === 0) return [];
    query = query.where('u.id', 'in', [...to.userIds]);
  }
  const users = await query.orderBy('u.id').execute();
  return users
    .filter((user) => !('permission' in to) || can(accessUnder(user.roles, user.access_policy).access, to.permission))
    .map((user) => user.id)
    .filter((id) => id !== notice.exceptUserId);
}

/**
 * Tells users that something waits for them. Call it inside the transaction of the write it tells of: a write
 * rolled back then leaves no notice and sends no e-mail. The same kind, subject and recipient (and occasion) is
 * told once, so a retried or doubled request notifies nobody twice. Each new notice gets an e-mail outbox row,
 * sent after commit by mail-outbox.ts if the operator configured SMTP. Answers the ids of the new notices.
 */
export async function notify(trx: Transaction<Database>, notice: Notice): Promise<string[]> {
  const payload = notificationPayloadSchema.parse(notice);
  const recipients = await recipientsOf(trx, notice);
  if (recipients.length === 0) return [];
  const organisationId = recipientOrganisation(notice);
  const inserted = await trx
    .insertInto('notification')
    .values(
      recipients.map((recipientId) => ({
        id: randomUUID(),
        recipient_id: recipientId,
        organisation_id: organisationId,
        kind: payload.kind,
        case_id: payload.caseId ?? null,
        subject_id: payload.subjectId,
        occasion: notice.occasion ?? '',
      })),
    )
    .onConflict((conflict) => conflict.columns(['recipient_id', 'kind', 'subject_id', 'occasion']).doNothing())
    .returning('id')
    .execute();
  if (inserted.length > 0) {
    await trx
      .insertInto('email_outbox')
      .values(inserted.map((row) => ({ id: randomUUID(), notification_id: row.id })))
      .execute();
  }
  return inserted.map((row) => row.id);
}

const iso = (value: Date | string) => (value instanceof Date ? value.toISOString() : new Date(value).toISOString());

/** The user's notices, newest first, with the case's number (never the child's name), and the counts. */
export async function notificationsOf(
  db: Executor,
  userId: string,
  page: { limit: number; offset: number; unreadOnly: boolean },
): Promise<{ items: Notification[]; total: number; unread: number }> {
  const counts = await db
    .selectFrom('notification')
    .select((eb) => [
      eb.fn.countAll<number>().as('total'),
      eb.fn.count<number>('id').filterWhere('read_at', 'is', null).as('unread'),
    ])
    .where('recipient_id', '=', userId)
    .executeTakeFirstOrThrow();
  const total = Number(counts.total);
  const unread = Number(counts.unread);
  if (page.limit === 0) return { items: [], total: page.unreadOnly ? unread : total, unread };
  let query = db
    .selectFrom('notification as n')
    .leftJoin('child_case as c', 'c.id', 'n.case_id')
    .select([
      'n.id',
      'n.kind',
      'n.case_id as caseId',
      'c.case_number as caseNumber',
      'n.subject_id as subjectId',
      'n.created_at as createdAt',
      'n.read_at as readAt',
    ])
    .where('n.recipient_id', '=', userId);
  if (page.unreadOnly) query = query.where('n.read_at', 'is', null);
  const rows = await query
    .orderBy('n.created_at', 'desc')
    .orderBy('n.id', 'desc')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
  return {
    items: rows.map((row) => ({
      ...row,
      kind: row.kind as NotificationKind,
      createdAt: iso(row.createdAt),
      readAt: row.readAt ? iso(row.readAt) : null,
    })),
    total: page.unreadOnly ? unread : total,
    unread,
  };
}

/** Marks one of the user's notices read; another user's is "not found", as if it did not exist. */
export async function markRead(db: Kysely<Database>, userId: string, id: string): Promise<void> {
  const row = await db
    .selectFrom('notification')
    .select('read_at')
    .where('id', '=', id)
    .where('recipient_id', '=', userId)
    .executeTakeFirst();
  if (!row) throw new DomainError('not_found', 'No notification with this id.', [], 'not_found');
  // Read once stays read at the first time: a second click changes nothing.
  if (row.read_at === null) {
    await db
      .updateTable('notification')
      .set({ read_at: new Date() })
      .where('id', '=', id)
      .where('read_at', 'is', null)
      .execute();
  }
}

export async function markAllRead(db: Kysely<Database>, userId: string): Promise<void> {
  await db
    .updateTable('notification')
    .set({ read_at: new Date() })
    .where('recipient_id', '=', userId)
    .where('read_at', 'is', null)
    .execute();
}

export async function unreadCount(db: Executor, userId: string): Promise<number> {
  const row = await db
    .selectFrom('notification')
    .select((eb) => eb.fn.countAll<number>().as('unread'))
    .where('recipient_id', '=', userId)
    .where('read_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.unread);
}
