import { randomUUID } from 'node:crypto';
import {
  CASE_SECTIONS,
  DomainError,
  projectCase,
  type CaseSection,
  type HandoverItemKind,
  type HandoverItemType,
  type HandoverStep,
} from '@homeward/core';
import type { Transaction } from 'kysely';
import { appendAudit } from '../audit/audit.repository';
import type { Actor } from '../auth/actor';
import { deleteUserSessions } from '../auth/sessions.repository';
import { eventsForRules } from '../cases/case-events.repository';
import { updateCaseProjection } from '../cases/case-projection.repository';
import type { Database } from '../db/schema';
import { readCaseSettings } from '../organisations/case-settings.repository';
import { activeParticipation, addParticipant, endParticipation } from '../participation/participants.repository';

/**
 * What a handover item does to its case, in the caller's transaction (decision 0010, issue 10 point 4). A
 * handover does not go through referrals or transfers: each step acts with the participation primitives and
 * leaves a `handover` event on the case's course, so both the office's and the receiver's timelines show it.
 */

/** Locks the case row for a step taken by someone outside the case's scope (the receiver, before it accepts). */
export async function lockCaseRow(trx: Transaction<Database>, caseId: string) {
  return trx
    .selectFrom('child_case')
    .select(['id', 'organisation_id', 'case_number', 'status'])
    .where('id', '=', caseId)
    .forUpdate()
    .executeTakeFirstOrThrow();
}

export interface StepEvent {
  planId: string;
  itemId: string;
  step: HandoverStep;
  type: HandoverItemType;
  kind: HandoverItemKind;
  fromOrganisationName: string;
  toOrganisationName: string | null;
  reason?: string;
  planName?: string;
  approverName?: string;
}

/** The step on the case's history, written by the actor's organisation, dated today. */
export async function writeStepEvent(
  trx: Transaction<Database>,
  actor: Actor,
  caseId: string,
  step: StepEvent,
  today: string,
): Promise<void> {
  const id = randomUUID();
  await trx
    .insertInto('case_event')
    .values({
      id,
      case_id: caseId,
      organisation_id: actor.organisationId,
      type: 'handover',
      occurred_on: today,
      author_id: actor.userId,
      supersedes: null,
      payload: JSON.stringify(step),
      request_digest: null,
    })
    .execute();
  await appendAudit(trx, {
    ...actor,
    action: 'case.event_add',
    caseId,
    detail: { eventType: 'handover', eventId: id, step: step.step },
  });
  // The case's last entry moves; its state does not (a handover event is history, not state).
  const lead = await trx
    .selectFrom('child_case')
    .select('organisation_id')
    .where('id', '=', caseId)
    .executeTakeFirstOrThrow();
  const settings = await readCaseSettings(trx, lead.organisation_id);
  await updateCaseProjection(trx, caseId, projectCase(await eventsForRules(trx, caseId), settings));
}

/** The role a receiver takes on a case it serves: a department oversees, anyone else provides a service. */
export function roleOf(receiverKind: string) {
  return receiverKind === 'government' ? ('department' as const) : ('service_provider' as const);
}

/**
 * A remote case (another provider leads it): the office's participation passes to the receiver with the same
 * sections, and the office's ends. A direct referral: the receiver serves the case the office still leads.
 */
export async function passParticipation(
  trx: Transaction<Database>,
  input: {
    caseId: string;
    itemId: string;
    kind: HandoverItemKind;
    fromOrganisationId: string;
    toOrganisationId: string;
    toKind: string;
    sections: readonly CaseSection[];
    workerId: string | null;
    grantedBy: string | null;
    note: string | null;
    today: string;
  },
): Promise<void> {
  let sections = input.sections;
  if (input.kind === 'remote') {
    const current = await activeParticipation(trx, input.caseId, input.fromOrganisationId);
    if (current) sections = CASE_SECTIONS.filter((section) => current.sections.includes(section));
    await endParticipation(trx, input.caseId, input.fromOrganisationId, input.today);
  }
  const role = roleOf(input.toKind);
  await addParticipant(trx, {
    id: randomUUID(),
    caseId: input.caseId,
    organisationId: input.toOrganisationId,
    role,
    // A department oversees the whole of a case the office leads, as a share always gave it (decision 0010); a
    // remote case passes with no more than the office itself was given by its lead.
    sections: role === 'department' && input.kind === 'direct' ? CASE_SECTIONS : sections,
    via: 'handover',
    sourceId: input.itemId,
    note: input.note,
    assignedWorkerId: input.workerId,
    grantedBy: input.grantedBy,
    startedOn: input.today,
  });
}

/** A child who cannot be found: the chosen Department of Social Affairs oversees the whole case. */
export async function handToAuthorities(
  trx: Transaction<Database>,
  input: {
    caseId: string;
    itemId: string;
    departmentId: string;
    grantedBy: string;
    note: string | null;
    today: string;
  },
): Promise<void> {
  await addParticipant(trx, {
    id: randomUUID(),
    caseId: input.caseId,
    organisationId: input.departmentId,
    role: 'department',
    sections: CASE_SECTIONS,
    via: 'handover',
    sourceId: input.itemId,
    note: input.note,
    assignedWorkerId: null,
    grantedBy: input.grantedBy,
    startedOn: input.today,
  });
}

/** A worker of the receiving organisation who may take a case, or a clear refusal. */
export async function receiverWorker(trx: Transaction<Database>, actor: Actor, workerId: string) {
  const worker = await trx
    .selectFrom('app_user')
    .select(['id', 'roles'])
    .where('id', '=', workerId)
    .where('organisation_id', '=', actor.organisationId)
    .where('disabled_at', 'is', null)
    .executeTakeFirst();
  if (!worker || !worker.roles.some((role) => role === 'caseworker' || role === 'supervisor')) {
    throw new DomainError('invalid', 'Choose a caseworker or supervisor of your organisation.', [
      { field: 'workerId', message: 'Choose a caseworker or supervisor of your organisation.' },
    ]);
  }
}

/** The office's users chosen in the plan, disabled at its completion, their sessions ended at once. */
export async function disableUsers(trx: Transaction<Database>, organisationId: string, userIds: readonly string[]) {
  if (userIds.length === 0) return [];
  const rows = await trx
    .updateTable('app_user')
    .set({ disabled_at: new Date() })
    .where('organisation_id', '=', organisationId)
    .where('id', 'in', [...userIds])
    .where('disabled_at', 'is', null)
    .returning('id')
    .execute();
  const disabled = rows.map((row) => row.id);
  for (const userId of disabled) await deleteUserSessions(trx, userId);
  return disabled;
}

/** Active users of the organisation, to check the plan's list of users to disable. */
export function activeUsersOf(trx: Transaction<Database>, organisationId: string) {
  return trx
    .selectFrom('app_user')
    .select(['id', 'roles'])
    .where('organisation_id', '=', organisationId)
    .where('disabled_at', 'is', null)
    .execute();
}

/** A user's name as others see it, for the closure a plan's approval approves. */
export async function userDisplayName(trx: Transaction<Database>, userId: string): Promise<string | null> {
  const row = await trx.selectFrom('app_user').select('display_name').where('id', '=', userId).executeTakeFirst();
  return row?.display_name ?? null;
}
