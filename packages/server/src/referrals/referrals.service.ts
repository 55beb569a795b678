import { randomUUID } from 'node:crypto';
import {
  can,
  checkNewCase,
  DomainError,
  needsSharingConsent,
  projectCase,
  sharingConsentCovers,
  type AcceptReferral,
  type NewReferral,
  type ServiceReferral,
} from '@homeward/core';
import type { Kysely, Transaction } from 'kysely';
import { appendAudit } from '../audit/audit.repository';
import type { Actor } from '../auth/actor';
import type { Database } from '../db/schema';
import { requirePermission } from '../access/require-permission';
import { eventsForRules, insertEvent } from '../cases/case-events.repository';
import { lockCaseForWrite, readCase } from '../cases/case-reads.repository';
import { assignCase } from '../cases/case-access.repository';
import { updateCaseProjection } from '../cases/case-projection.repository';
import type { Clock } from '../cases/cases.service';
import { openCase } from '../cases/cases.service';
import { refreshChildKeys } from '../cases/child-keys.repository';
import { requestDigest, writeOnce } from '../cases/client-ids';
import { readCaseSettings } from '../organisations/case-settings.repository';
import { addParticipant, endParticipation } from '../participation/participants.repository';
import { referralView } from './referral-view';
import {
  caseWorkerOf,
  findReferral,
  insertReferral,
  lockCaseRow,
  lockReferral,
  referralIdUse,
  referralsOfCase,
  updateReferral,
  type ReferralRow,
} from './referrals.repository';
import { notify } from '../notifications/notifications.repository';

/**
 * A referral for a service, step by step (decision 0010): the sender's writer sends it within the child's
 * consent; the receiver accepts (working on the sender's case, or opening its own), declines, or marks it
 * done; the sender may withdraw it. Each step is one transaction holding the case's and the referral's locks,
 * audited, and written as an event of the case's course so both timelines show it.
 */
export const REFERRAL_NOT_FOUND = 'No referral with this id.';
const notFound = () => new DomainError('not_found', REFERRAL_NOT_FOUND, [], 'not_found');

const CASE_ROLES = ['caseworker', 'supervisor'];

/** A referral as the reader sees it, with the receiver's reminder setting deciding "overdue". */
export async function viewReferral(db: Kysely<Database>, actor: Actor, row: ReferralRow, clock: Clock) {
  const settings = await readCaseSettings(db, row.receiver_organisation_id);
  return referralView(row, actor, clock.today(), settings.referralReminder);
}

async function viewById(db: Kysely<Database>, actor: Actor, id: string, clock: Clock): Promise<ServiceReferral> {
  const row = await findReferral(db, id);
  if (
    !row ||
    (row.sender_organisation_id !== actor.organisationId && row.receiver_organisation_id !== actor.organisationId)
  )
    throw notFound();
  return viewReferral(db, actor, row, clock);
}

function stepPayload(row: { id: string; services: string[] }, senderName: string, receiverName: string) {
  return { referralId: row.id, senderName, receiverName, services: row.services };
}

/** A step after the sending (declined, done, withdrawn) on the case's course, naming both organisations. */
async function recordLaterStep(
  trx: Transaction<Database>,
  actor: Actor,
  row: {
    id: string;
    case_id: string;
    services: string[];
    sender_organisation_id: string;
    receiver_organisation_id: string;
  },
  type: 'referral_declined' | 'referral_done' | 'referral_withdrawn',
  today: string,
  detail: Record<string, unknown>,
): Promise<void> {
  const names = await Promise.all([
    organisationName(trx, row.sender_organisation_id),
    organisationName(trx, row.receiver_organisation_id),
  ]);
  await insertEvent(trx, actor, {
    id: randomUUID(),
    caseId: row.case_id,
    type,
    occurredOn: today,
    payload: { ...stepPayload(row, ...names), ...detail },
  });
}

async function organisationName(trx: Transaction<Database>, id: string): Promise<string> {
  const row = await trx.selectFrom('organisation').select('name').where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound();
  return row.name;
}

/** Sends a referral from a case the actor may write; the same request again answers the same referral. */
export async function sendReferral(
  db: Kysely<Database>,
  actor: Actor,
  caseId: string,
  input: NewReferral,
  clock: Clock,
): Promise<{ created: boolean; referral: ServiceReferral }> {
  requirePermission(actor, 'case.write');
  const digest = requestDigest({ caseId, ...input });
  const created = await writeOnce(
    actor,
    digest,
    () => referralIdUse(db, input.id),
    () =>
      db.transaction().execute(async (trx) => {
        const row = await lockCaseForWrite(trx, actor, caseId);
        if (row.status === 'closed')
          throw new DomainError(
            'conflict',
            'The case is closed: reopen it before referring the child.',
            [],
            'case_closed',
          );
        if (input.receiverOrganisationId === actor.organisationId) throw invalidReceiver();
        const receiver = await trx
          .selectFrom('organisation')
          .select(['id', 'name'])
          .where('id', '=', input.receiverOrganisationId)
          .executeTakeFirst();
        if (!receiver) throw invalidReceiver();
        const covered = sharingConsentCovers(await eventsForRules(trx, caseId), receiver.id);
        const today = clock.today();
        const basis = await consentBasis(trx, actor, caseId, input, covered, today);
        await insertReferral(trx, {
          id: input.id,
          case_id: caseId,
          sender_organisation_id: actor.organisationId,
          receiver_organisation_id: receiver.id,
          services: input.services,
          urgency: input.urgency,
          note: input.note ?? null,
          sections: [...input.sections],
          consent_basis: basis,
          override_by: basis === 'override' ? actor.userId : null,
          override_reason: input.consent.kind === 'override' ? input.consent.reason : null,
          status: 'sent',
          sent_on: today,
          sent_by: actor.userId,
          request_digest: digest,
        });
        const sender = await organisationName(trx, actor.organisationId);
        await insertEvent(trx, actor, {
          id: randomUUID(),
          caseId,
          type: 'referral_sent',
          occurredOn: today,
          payload: {
            ...stepPayload({ id: input.id, services: input.services }, sender, receiver.name),
            urgency: input.urgency,
            sections: [...input.sections],
            consentBasis: basis,
          },
        });
        await appendAudit(trx, {
          ...actor,
          action: 'referral.send',
          caseId,
          detail: { referralId: input.id, receiverOrganisationId: receiver.id, sections: input.sections, basis },
        });
        // The receiver's people who take referrals in: a referral waits in their inbox.
        await notify(trx, {
          kind: 'referral.received',
          organisationId: receiver.id,
          caseId,
          subjectId: input.id,
          to: { organisationId: receiver.id, permission: 'case.write' },
        });
      }),
  );
  return { created, referral: await viewById(db, actor, input.id, clock) };
}

const invalidReceiver = () =>
  new DomainError('invalid', 'Choose another organisation on this server.', [
    { field: 'receiverOrganisationId', message: 'Choose another organisation on this server.' },
  ]);

/**
 * The consent the sections are shared under. Beyond the sections shared without consent, the case needs a
 * `sharing` consent that covers this receiver: on file, recorded now for this receiver (as a consent event, in
 * this transaction), or a supervisor's override with a reason, audited on its own.
 */
async function consentBasis(
  trx: Transaction<Database>,
  actor: Actor,
  caseId: string,
  input: NewReferral,
  sharingOnFile: boolean,
  today: string,
): Promise<'given' | 'recorded_now' | 'override' | null> {
  const needed = needsSharingConsent(input.sections);
  switch (input.consent.kind) {
    case 'on_file':
      if (needed && !sharingOnFile) {
        throw new DomainError(
          'invalid',
          'The child has not consented to sharing with this organisation: record the consent now, share only services, or ask a supervisor to override.',
          [
            {
              field: 'consent',
              message: 'No consent to share with this organisation on file.',
              code: 'sharing_consent_needed',
            },
          ],
          'sharing_consent_needed',
        );
      }
      return sharingOnFile ? 'given' : null;
    case 'record_now':
      await insertEvent(trx, actor, {
        id: randomUUID(),
        caseId,
        type: 'consent',
        occurredOn: today,
        payload: {
          scope: 'sharing',
          action: 'given',
          sharedWith: [input.receiverOrganisationId],
          givenBy: input.consent.givenBy,
          ...(input.consent.guardianName ? { guardianName: input.consent.guardianName } : {}),
          note: 'Recorded with a referral',
        },
      });
      await updateCaseProjection(
        trx,
        caseId,
        projectCase(await eventsForRules(trx, caseId), await readCaseSettings(trx, actor.organisationId)),
      );
      return 'recorded_now';
    case 'override':
      if (!can(actor.access, 'case.approve')) {
        throw new DomainError(
          'forbidden',
          'Only a supervisor can share without the child’s consent.',
          [{ field: 'consent', message: 'Only a supervisor can override.', code: 'override_needs_supervisor' }],
          'override_needs_supervisor',
        );
      }
      await appendAudit(trx, {
        ...actor,
        action: 'referral.consent_override',
        caseId,
        detail: { referralId: input.id, sections: input.sections, reason: input.consent.reason },
      });
      return 'override';
  }
}

/**
 * Locks a referral addressed to the actor's organisation; anyone else's is "not found". `already` answers a
 * repeated step (a retry, or the same button pressed on two phones) with the referral as it stands.
 */
async function lockIncoming(trx: Transaction<Database>, actor: Actor, id: string) {
  requirePermission(actor, 'case.write');
  const row = await lockReferral(trx, id);
  if (!row || row.receiver_organisation_id !== actor.organisationId) throw notFound();
  return row;
}

function refuseStep(status: string, wanted: string): never {
  throw new DomainError('conflict', `This referral is ${status}: it cannot be ${wanted} now.`, [], 'referral_not_open');
}

export async function acceptReferral(
  db: Kysely<Database>,
  actor: Actor,
  id: string,
  input: AcceptReferral,
  clock: Clock,
): Promise<ServiceReferral> {
  await db.transaction().execute(async (trx) => {
    const row = await lockIncoming(trx, actor, id);
    if (row.status === 'accepted') return;
    if (row.status !== 'sent') refuseStep(row.status, 'accepted');
    await lockCaseRow(trx, row.case_id);
    const today = clock.today();
    const [sender, receiver] = [
      await organisationName(trx, row.sender_organisation_id),
      await organisationName(trx, row.receiver_organisation_id),
    ];
    const workerId = await chooseWorker(trx, actor, input.mode === 'link' ? undefined : input.workerId);
    let receiverCaseId: string | null = null;
    if (input.mode === 'participate') {
      await addParticipant(trx, {
        id: randomUUID(),
        caseId: row.case_id,
        organisationId: actor.organisationId,
        role: 'service_provider',
        sections: row.sections as never,
        via: 'referral',
        sourceId: row.id,
        note: row.note,
        assignedWorkerId: workerId,
        grantedBy: row.sent_by,
        startedOn: today,
      });
    } else {
      receiverCaseId = await receiverCase(trx, actor, row.case_id, input, today);
      // The new case goes to the chosen worker as any assignment does: checked, audited, the worker told.
      if (input.mode === 'own_case' && workerId !== actor.userId)
        await assignCase(trx, actor, receiverCaseId, workerId);
    }
    await updateReferral(trx, id, {
      status: 'accepted',
      answered_on: today,
      answered_by: actor.userId,
      assigned_worker_id: workerId,
      receiver_case_id: receiverCaseId,
    });
    await insertEvent(trx, actor, {
      id: randomUUID(),
      caseId: row.case_id,
      type: 'referral_accepted',
      occurredOn: today,
      payload: { ...stepPayload(row, sender, receiver), ownCase: receiverCaseId !== null },
    });
    await appendAudit(trx, {
      ...actor,
      action: 'referral.accept',
      caseId: row.case_id,
      detail: { referralId: id, mode: input.mode, workerId, receiverCaseId },
    });
    await tellSender(trx, 'referral.accepted', row, actor.userId);
  });
  return viewById(db, actor, id, clock);
}

/** The worker who takes the child on: the actor, or (for a user who assigns cases) one of their colleagues. */
async function chooseWorker(trx: Transaction<Database>, actor: Actor, workerId: string | undefined) {
  if (!workerId || workerId === actor.userId) return actor.userId;
  if (!can(actor.access, 'case.assign'))
    throw new DomainError('forbidden', 'Only a supervisor can give the referral to another worker.', [], 'forbidden');
  const worker = await caseWorkerOf(trx, actor.organisationId, workerId);
  if (!worker || !worker.roles.some((role) => CASE_ROLES.includes(role))) {
    throw new DomainError('invalid', 'Choose a caseworker or supervisor of your organisation.', [
      { field: 'workerId', message: 'Choose a caseworker or supervisor of your organisation.' },
    ]);
  }
  return worker.id;
}

/**
 * Point 3: the receiver opens a case of its own (after its duplicate check, in the browser) or links one it
 * already has; either way both cases are marked as the same child, so reports count the child once.
 */
async function receiverCase(
  trx: Transaction<Database>,
  actor: Actor,
  senderCaseId: string,
  input: Exclude<AcceptReferral, { mode: 'participate' }>,
  today: string,
): Promise<string> {
  requirePermission(actor, 'case.create');
  let caseId: string;
  if (input.mode === 'own_case') {
    checkNewCase(input.newCase, today);
    caseId = input.newCase.id ?? randomUUID();
    await openCase(trx, actor, caseId, input.newCase, null);
  } else {
    caseId = (await lockCaseForWrite(trx, actor, input.caseId)).id;
  }
  for (const [here, other] of [
    [caseId, senderCaseId],
    [senderCaseId, caseId],
  ] as const) {
    await insertEvent(trx, actor, {
      id: randomUUID(),
      caseId: here,
      type: 'duplicate_resolution',
      occurredOn: today,
      payload: { otherCaseId: other, resolution: 'linked', note: 'Same child: opened from a referral' },
    });
  }
  await refreshChildKeys(trx, [caseId, senderCaseId]);
  return caseId;
}

export async function declineReferral(
  db: Kysely<Database>,
  actor: Actor,
  id: string,
  reason: string,
  clock: Clock,
): Promise<ServiceReferral> {
  await db.transaction().execute(async (trx) => {
    const row = await lockIncoming(trx, actor, id);
    if (row.status === 'declined') return;
    if (row.status !== 'sent') refuseStep(row.status, 'declined');
    await lockCaseRow(trx, row.case_id);
    const today = clock.today();
    await updateReferral(trx, id, {
      status: 'declined',
      answered_on: today,
      answered_by: actor.userId,
      decline_reason: reason,
    });
    await recordLaterStep(trx, actor, row, 'referral_declined', today, { reason });
    await appendAudit(trx, { ...actor, action: 'referral.decline', caseId: row.case_id, detail: { referralId: id } });
    await tellSender(trx, 'referral.declined', row, actor.userId);
  });
  return viewById(db, actor, id, clock);
}

/** The receiver finishes the service: its participation ends, and it reads only what it wrote from then on. */
export async function completeReferral(
  db: Kysely<Database>,
  actor: Actor,
  id: string,
  feedback: string,
  clock: Clock,
): Promise<ServiceReferral> {
  await db.transaction().execute(async (trx) => {
    const row = await lockIncoming(trx, actor, id);
    if (row.status === 'done') return;
    if (row.status !== 'accepted') refuseStep(row.status, 'marked done');
    await lockCaseRow(trx, row.case_id);
    const today = clock.today();
    await updateReferral(trx, id, { status: 'done', done_on: today, done_by: actor.userId, feedback });
    await recordLaterStep(trx, actor, row, 'referral_done', today, { feedback });
    await endParticipation(trx, row.case_id, row.receiver_organisation_id, today);
    await appendAudit(trx, { ...actor, action: 'referral.done', caseId: row.case_id, detail: { referralId: id } });
    await tellSender(trx, 'referral.done', row, actor.userId);
  });
  return viewById(db, actor, id, clock);
}

/** The sender takes the referral back; an accepted one's participation ends with it. */
export async function withdrawReferral(
  db: Kysely<Database>,
  actor: Actor,
  id: string,
  reason: string | undefined,
  clock: Clock,
): Promise<ServiceReferral> {
  await db.transaction().execute(async (trx) => {
    const found = await trx
      .selectFrom('referral')
      .select(['case_id', 'sender_organisation_id'])
      .where('id', '=', id)
      .executeTakeFirst();
    if (!found || found.sender_organisation_id !== actor.organisationId) throw notFound();
    // The case's lock first, as every other writer of the case takes it, then the referral's.
    await lockCaseForWrite(trx, actor, found.case_id);
    const row = (await lockReferral(trx, id))!;
    if (row.status === 'withdrawn') return;
    if (row.status !== 'sent' && row.status !== 'accepted') refuseStep(row.status, 'withdrawn');
    const today = clock.today();
    await updateReferral(trx, id, {
      status: 'withdrawn',
      withdrawn_on: today,
      withdrawn_by: actor.userId,
      withdraw_reason: reason ?? null,
    });
    if (row.status === 'accepted' && !row.receiver_case_id)
      await endParticipation(trx, row.case_id, row.receiver_organisation_id, today);
    await recordLaterStep(trx, actor, row, 'referral_withdrawn', today, { reason: reason ?? null });
    await appendAudit(trx, { ...actor, action: 'referral.withdraw', caseId: row.case_id, detail: { referralId: id } });
    await notify(trx, {
      kind: 'referral.withdrawn',
      organisationId: row.receiver_organisation_id,
      caseId: row.case_id,
      subjectId: id,
      to: { organisationId: row.receiver_organisation_id, permission: 'case.write' },
      exceptUserId: actor.userId,
    });
  });
  return viewById(db, actor, id, clock);
}

/** The sender hears of the receiver's answer: the person who sent it, and the case's worker. */
async function tellSender(
  trx: Transaction<Database>,
  kind: 'referral.accepted' | 'referral.declined' | 'referral.done',
  row: { id: string; case_id: string; sender_organisation_id: string; sent_by: string | null },
  actorId: string,
) {
  const worker = await trx
    .selectFrom('child_case')
    .select('assigned_worker_id')
    .where('id', '=', row.case_id)
    .executeTakeFirst();
  const userIds = [row.sent_by, worker?.assigned_worker_id].filter((id): id is string => Boolean(id));
  await notify(trx, {
    kind,
    organisationId: row.sender_organisation_id,
    caseId: row.case_id,
    subjectId: row.id,
    to: { userIds },
    exceptUserId: actorId,
  });
}

/** A case's referrals: all of them for the lead; a participant sees only those addressed to it. */
export async function caseReferrals(db: Kysely<Database>, actor: Actor, caseId: string, clock: Clock) {
  const row = await readCase(db, actor, caseId);
  const rows = await referralsOfCase(db, caseId, row.reach.kind === 'lead' ? undefined : actor.organisationId);
  return Promise.all(rows.map((referral) => viewReferral(db, actor, referral, clock)));
}
