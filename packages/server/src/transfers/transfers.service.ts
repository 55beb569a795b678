import {
  sharingConsentCovers,
  ageOn,
  DomainError,
  mayRead,
  redactCase,
  SECTIONS_WITHOUT_SHARING_CONSENT,
  tiersOnCase,
  type AcceptTransfer,
  type Access,
  type CaseReach,
  type CaseTransfers,
  type DeclineTransfer,
  type IncomingTransfer,
  type Transfer,
} from '@homeward/core';
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { newTransferSchema } from '@homeward/core';
import { requirePermission } from '../access/require-permission';
import { appendAudit } from '../audit/audit.repository';
import type { Actor } from '../auth/actor';
import { eventsForRules, insertEvent } from '../cases/case-events.repository';
import { lockCaseForWrite, readCase } from '../cases/case-reads.repository';
import { refuseReadOnlyTiers } from '../cases/field-access';
import { refuseUnlessRetry, requestDigest } from '../cases/client-ids';
import type { Database } from '../db/schema';
import { changeLead } from '../participation/lead-change.repository';
import { assignParticipation } from '../participation/participants.repository';
import { refreshCareStays } from '../reports/care-stays.repository';
import {
  caseWorkerOf,
  incomingOfferCount,
  incomingOffers,
  lockCaseRow,
  openTransferOf,
  receiverOrganisation,
  referencesOf,
  transferById,
  TRANSFER_NOT_FOUND,
  transfersOfCase,
  transferWithNames,
  type TransferRow,
} from './transfers.repository';
import { notify } from '../notifications/notifications.repository';
import { placeOnAcceptance } from './transfer-placement';

/**
 * Transfers: the lead of a case moves to another organisation (issue 10 point 2, decision 0010). Every step is
 * one transaction under the case's lock, idempotent on its client-generated id (the offer) or on the transfer
 * and the decision's request (accept, decline, withdraw: the same request again answers as the retry it is),
 * audited, and a case event of the course that both timelines show.
 */
type NewTransferInput = z.output<typeof newTransferSchema>;

const notFound = () => new DomainError('not_found', TRANSFER_NOT_FOUND, [], 'not_found');

function decided(status: string) {
  return new DomainError(
    'conflict',
    `This transfer was already ${status}; it can no longer be changed.`,
    [],
    'transfer_decided',
  );
}

/** One transfer as the reader may see it: the notes are accounts of the case, hidden without that tier. */
export function transferAnswer(row: TransferRow, access: Pick<Access, 'tiers'>): Transfer {
  const narrative = mayRead(access, 'narrative');
  const base = redactCase(
    {
      id: row.id,
      caseId: row.case_id,
      fromOrganisationId: row.from_organisation_id,
      fromOrganisationName: row.from_organisation_name,
      toOrganisationId: row.to_organisation_id,
      toOrganisationName: row.to_organisation_name,
      transferReason: row.reason as Transfer['transferReason'],
      note: row.note,
      sectionsKept: row.sections_kept as Transfer['sectionsKept'],
      status: row.status,
      offeredOn: String(row.offered_on),
      offeredByName: row.offered_by_name,
      decidedOn: row.decided_on === null ? null : String(row.decided_on),
      decidedByName: row.decided_by_name,
      declineReason: row.decline_reason as Transfer['declineReason'],
      declineNote: narrative ? row.decline_note : null,
      senderCaseNumber: row.sender_case_number,
      receiverCaseNumber: row.receiver_case_number,
    },
    access,
  );
  if (!narrative && row.decline_note && !base.hidden.includes('narrative')) base.hidden.push('narrative');
  return base;
}

function parties(row: { id: string; from_organisation_id: string; to_organisation_id: string }, names: TransferRow) {
  return {
    transferId: row.id,
    fromOrganisationId: row.from_organisation_id,
    fromOrganisationName: names.from_organisation_name,
    toOrganisationId: row.to_organisation_id,
    toOrganisationName: names.to_organisation_name,
  };
}

/** The sender offers the case: only its lead's users with `case.transfer`, one open offer at a time. */
export async function offerTransfer(
  db: Kysely<Database>,
  actor: Actor,
  caseId: string,
  input: NewTransferInput,
  today: string,
): Promise<{ created: boolean; transfer: Transfer }> {
  requirePermission(actor, 'case.transfer');
  refuseReadOnlyTiers(actor, input);
  const digest = requestDigest({ caseId, ...input });
  const created = await db.transaction().execute(async (trx) => {
    const lead = await lockCaseForWrite(trx, actor, caseId);
    // Looked up under the lock, so two copies of one offer at once are one offer and a retry.
    const used = await transferById(trx, input.id);
    if (used) {
      refuseUnlessRetry(
        { organisation_id: used.from_organisation_id, request_digest: used.request_digest },
        actor,
        digest,
      );
      return false;
    }
    const receiver = await receiverOrganisation(trx, input.toOrganisationId);
    if (!receiver || receiver.kind === 'government' || receiver.id === actor.organisationId) {
      throw new DomainError('invalid', 'Choose another organisation that can lead the case.', [
        { field: 'toOrganisationId', message: 'Choose another organisation that can lead the case.' },
      ]);
    }
    const consent = sharingConsentCovers(await eventsForRules(trx, caseId), receiver.id);
    const beyond = input.sectionsKept.filter((section) => !SECTIONS_WITHOUT_SHARING_CONSENT.includes(section));
    if (!consent && beyond.length > 0) {
      const message = 'Without the child’s consent to share, only services can be kept after the transfer.';
      throw new DomainError(
        'invalid',
        message,
        [{ field: 'sectionsKept', message, code: 'consent_needed' }],
        'consent_needed',
      );
    }
    if (await openTransferOf(trx, caseId)) {
      throw new DomainError(
        'conflict',
        'This case is already offered to an organisation: withdraw that offer first.',
        [],
        'transfer_open',
      );
    }
    await trx
      .insertInto('case_transfer')
      .values({
        id: input.id,
        case_id: caseId,
        from_organisation_id: actor.organisationId,
        to_organisation_id: receiver.id,
        reason: input.transferReason,
        note: input.note ?? null,
        sections_kept: input.sectionsKept,
        status: 'offered',
        sender_case_number: lead.case_number,
        offered_on: today,
        offered_by: actor.userId,
        request_digest: digest,
      })
      .execute();
    const names = await transferWithNames(trx, input.id);
    await insertEvent(trx, actor, {
      id: randomUUID(),
      caseId,
      type: 'transfer_offered',
      occurredOn: today,
      payload: { ...parties(names, names), sectionsKept: input.sectionsKept },
    });
    await appendAudit(trx, {
      ...actor,
      action: 'transfer.offer',
      caseId,
      detail: { transferId: input.id, toOrganisationId: receiver.id, sectionsKept: input.sectionsKept },
    });
    await notify(trx, {
      kind: 'transfer.offered',
      organisationId: receiver.id,
      caseId,
      subjectId: input.id,
      to: { organisationId: receiver.id, permission: 'case.transfer' },
    });
    return true;
  });
  return { created, transfer: transferAnswer(await transferWithNames(db, input.id), actor.access) };
}

export type Decision =
  { kind: 'accept'; body: AcceptTransfer } | { kind: 'decline'; body: DeclineTransfer } | { kind: 'withdraw' };

const STATUS_OF: Record<Decision['kind'], 'accepted' | 'declined' | 'withdrawn'> = {
  accept: 'accepted',
  decline: 'declined',
  withdraw: 'withdrawn',
};

/**
 * Accept, decline (the receiver) or withdraw (the sender) an open offer. The case is locked first, then the
 * transfer read again, so of two identical requests at once one decides and the other finds its own decision
 * and answers as a retry; a different decision after it is refused.
 */
export async function decideTransfer(
  db: Kysely<Database>,
  actor: Actor,
  transferId: string,
  decision: Decision,
  today: string,
): Promise<{ created: boolean; transfer: Transfer }> {
  requirePermission(actor, 'case.transfer');
  if (decision.kind === 'decline') refuseReadOnlyTiers(actor, decision.body);
  const digest = requestDigest({ transferId, decision });
  const status = STATUS_OF[decision.kind];
  const created = await db.transaction().execute(async (trx) => {
    const first = await transferById(trx, transferId);
    const side = decision.kind === 'withdraw' ? first?.from_organisation_id : first?.to_organisation_id;
    if (!first || side !== actor.organisationId) throw notFound();
    const lead =
      decision.kind === 'withdraw'
        ? await lockCaseForWrite(trx, actor, first.case_id)
        : await lockCaseRow(trx, first.case_id);
    const transfer = (await transferById(trx, transferId))!;
    if (transfer.status !== 'offered') {
      if (transfer.status === status && transfer.decision_digest === digest) return false;
      throw decided(transfer.status);
    }
    const names = await transferWithNames(trx, transferId);
    const decidedRow = { status, decided_on: today, decided_by: actor.userId, decision_digest: digest };
    if (decision.kind === 'accept') {
      if (lead.organisation_id !== transfer.from_organisation_id) throw decided('overtaken by another change');
      if (!(await caseWorkerOf(trx, actor.organisationId, decision.body.workerId))) {
        const message = 'Choose a caseworker or supervisor of your organisation.';
        throw new DomainError('invalid', message, [{ field: 'workerId', message }]);
      }
      const numbers = await changeLead(trx, {
        caseId: transfer.case_id,
        toOrganisationId: actor.organisationId,
        workerId: decision.body.workerId,
        sectionsKept: transfer.sections_kept as never,
        via: 'transfer',
        sourceId: transfer.id,
        decidedBy: actor.userId,
        on: today,
      });
      // The sender's worker keeps reaching what they wrote, whatever their scope (team, assigned).
      await assignParticipation(trx, transfer.case_id, transfer.from_organisation_id, lead.assigned_worker_id);
      await trx
        .updateTable('case_transfer')
        .set({ ...decidedRow, accepted_worker_id: decision.body.workerId, receiver_case_number: numbers.caseNumber })
        .where('id', '=', transferId)
        .execute();
      await insertEvent(trx, actor, {
        id: randomUUID(),
        caseId: transfer.case_id,
        type: 'transfer_accepted',
        occurredOn: today,
        payload: { ...parties(transfer, names), ...numbers },
      });
      // The sender's stay in care ends on the transfer date and the receiver's begins (care-stays).
      await refreshCareStays(trx, transfer.case_id);
      await placeOnAcceptance(trx, actor, {
        caseId: transfer.case_id,
        currentFacilityId: lead.current_facility_id,
        placement: decision.body.placement,
        on: today,
      });
      await notify(trx, {
        kind: 'transfer.accepted',
        organisationId: transfer.from_organisation_id,
        caseId: transfer.case_id,
        subjectId: transferId,
        to: { userIds: transfer.offered_by ? [transfer.offered_by] : [] },
      });
    } else {
      await trx
        .updateTable('case_transfer')
        .set({
          ...decidedRow,
          ...(decision.kind === 'decline'
            ? { decline_reason: decision.body.declineReason, decline_note: decision.body.note ?? null }
            : {}),
        })
        .where('id', '=', transferId)
        .execute();
      await insertEvent(trx, actor, {
        id: randomUUID(),
        caseId: transfer.case_id,
        type: decision.kind === 'decline' ? 'transfer_declined' : 'transfer_withdrawn',
        occurredOn: today,
        payload:
          decision.kind === 'decline'
            ? { ...parties(transfer, names), declineReason: decision.body.declineReason }
            : parties(transfer, names),
      });
      // A withdrawal is the sender's own act; a decline is told to whoever offered.
      if (decision.kind === 'decline') {
        await notify(trx, {
          kind: 'transfer.declined',
          organisationId: transfer.from_organisation_id,
          caseId: transfer.case_id,
          subjectId: transferId,
          to: { userIds: transfer.offered_by ? [transfer.offered_by] : [] },
        });
      }
    }
    await appendAudit(trx, {
      ...actor,
      action: `transfer.${decision.kind}`,
      caseId: transfer.case_id,
      detail: { transferId },
    });
    return true;
  });
  return { created, transfer: transferAnswer(await transferWithNames(db, transferId), actor.access) };
}

/** A case's transfers and earlier numbers, for whoever reads the case (a participant: those naming it). */
export async function caseTransfers(db: Kysely<Database>, actor: Actor, caseId: string): Promise<CaseTransfers> {
  const row = await readCase(db, actor, caseId);
  const reach: CaseReach = row.reach;
  const rows = await transfersOfCase(db, caseId, reach.kind === 'lead' ? null : actor.organisationId);
  const tiers = tiersOnCase(actor.access, reach);
  const references = await referencesOf(db, caseId);
  return {
    lead: reach.kind === 'lead',
    formerLead:
      reach.kind === 'lead'
        ? false
        : references.some((reference) => reference.organisation_id === actor.organisationId),
    items: rows.map((transfer) => transferAnswer(transfer, tiers)),
    references: references.map((reference) => ({
      organisationId: reference.organisation_id,
      organisationName: reference.organisation_name,
      caseNumber: reference.case_number,
      untilOn: String(reference.until_on),
    })),
    sharingConsent: reach.kind === 'lead' ? sharingConsentCovers(await eventsForRules(db, caseId), null) : false,
  };
}

/** The offers waiting for the actor's organisation, the child as anyone outside the case sees them. */
export async function incomingTransfers(
  db: Kysely<Database>,
  actor: Actor,
  today: string,
): Promise<{ items: IncomingTransfer[] }> {
  requirePermission(actor, 'case.transfer');
  const rows = await incomingOffers(db, actor.organisationId);
  await appendAudit(db, {
    ...actor,
    action: 'transfer.list_incoming',
    detail: { caseIds: rows.map((row) => row.case_id) },
  });
  return {
    items: rows.map((row) => ({
      ...transferAnswer(row, actor.access),
      alias: row.alias,
      sex: row.sex,
      ageYears: row.date_of_birth ? ageOn(String(row.date_of_birth), today) : null,
      caseTypes: row.case_types,
      livesInFacility: row.current_facility_id !== null,
    })),
  };
}

export async function incomingTransferCount(db: Kysely<Database>, actor: Actor): Promise<{ count: number }> {
  requirePermission(actor, 'case.transfer');
  return { count: await incomingOfferCount(db, actor.organisationId) };
}
