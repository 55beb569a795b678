import { referralOverdue } from '@homeward/core';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import type { Clock } from '../cases/cases.service';
import { readCaseSettings } from '../organisations/case-settings.repository';
import { notify } from '../notifications/notifications.repository';
import { allWaitingReferrals } from './referrals.repository';

/**
 * Reminds both sides of a referral that has waited for an answer longer than the receiver's setting (3 days,
 * an urgent one 1): the receiver's people who take referrals in, and the worker who sent it. Each is told once
 * per referral: the notices' unique key (recipient, kind, referral) makes a second run, or two servers' runs at
 * once, tell nobody again. Answers how many notices were new.
 */
export async function remindWaitingReferrals(db: Kysely<Database>, clock: Clock): Promise<number> {
  const today = clock.today();
  const waiting = await allWaitingReferrals(db);
  const reminders = new Map<string, Awaited<ReturnType<typeof readCaseSettings>>['referralReminder']>();
  let told = 0;
  for (const referral of waiting) {
    let reminder = reminders.get(referral.receiverOrganisationId);
    if (!reminder) {
      reminder = (await readCaseSettings(db, referral.receiverOrganisationId)).referralReminder;
      reminders.set(referral.receiverOrganisationId, reminder);
    }
    const sentOn = String(referral.sentOn);
    if (!referralOverdue({ status: referral.status, urgency: referral.urgency, sentOn }, today, reminder)) continue;
    told += await db.transaction().execute(async (trx) => {
      const notice = { kind: 'referral.waiting', caseId: referral.caseId, subjectId: referral.id } as const;
      const receiver = await notify(trx, {
        ...notice,
        organisationId: referral.receiverOrganisationId,
        to: { organisationId: referral.receiverOrganisationId, permission: 'case.write' },
      });
      const sender = await notify(trx, {
        ...notice,
        organisationId: referral.senderOrganisationId,
        to: { userIds: referral.sentBy ? [referral.sentBy] : [] },
      });
      return receiver.length + sender.length;
    });
  }
  return told;
}

/**
 * Runs the reminders now and then every `intervalMinutes` while the server runs (`homeward serve`); a failed
 * run is logged and the next one tries again. Answers the function that stops it.
 */
export function startReferralReminders(
  db: Kysely<Database>,
  clock: Clock,
  intervalMinutes: number,
  log: (message: string, error?: unknown) => void,
): () => void {
  let running = false;
  const run = () => {
    // A slow run is not overlapped by the next tick of the same server.
    if (running) return;
    running = true;
    remindWaitingReferrals(db, clock)
      .catch((error: unknown) => log('The referral reminders failed; they run again at the next interval.', error))
      .finally(() => {
        running = false;
      });
  };
  run();
  const timer = setInterval(run, intervalMinutes * 60_000);
  timer.unref();
  return () => clearInterval(timer);
}
