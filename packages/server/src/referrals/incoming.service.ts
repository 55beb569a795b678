import { referralOverdue, type IncomingReferrals } from '@homeward/core';
import type { Kysely } from 'kysely';
import type { Actor } from '../auth/actor';
import type { Database } from '../db/schema';
import { requirePermission } from '../access/require-permission';
import type { Clock } from '../cases/cases.service';
import { readCaseSettings } from '../organisations/case-settings.repository';
import { referralView } from './referral-view';
import { incomingReferrals, waitingReferrals } from './referrals.repository';

/**
 * The receiver's inbox. Before accepting, a receiver learns what it needs to answer (services, urgency, the
 * note, the child's sex and age) and the child's name only when the sender shared identity.
 */
export async function incomingInbox(db: Kysely<Database>, actor: Actor, clock: Clock): Promise<IncomingReferrals> {
  requirePermission(actor, 'case.write');
  const reminder = (await readCaseSettings(db, actor.organisationId)).referralReminder;
  const items = (await incomingReferrals(db, actor.organisationId)).map((row) =>
    referralView(row, actor, clock.today(), reminder),
  );
  const waiting = items.filter((item) => item.status === 'sent');
  return { items, waiting: waiting.length, overdue: waiting.filter((item) => item.overdue).length };
}

export async function waitingCount(db: Kysely<Database>, actor: Actor, clock: Clock) {
  requirePermission(actor, 'case.write');
  const reminder = (await readCaseSettings(db, actor.organisationId)).referralReminder;
  const rows = await waitingReferrals(db, actor.organisationId);
  const overdue = rows.filter((row) =>
    referralOverdue({ status: row.status, urgency: row.urgency, sentOn: String(row.sent_on) }, clock.today(), reminder),
  );
  return { waiting: rows.length, overdue: overdue.length };
}
