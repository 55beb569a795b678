import { randomUUID } from 'node:crypto';
import {
  can,
  checkNewEvent,
  DomainError,
  followUpStatus,
  projectCase,
  redactCase,
  redactPayload,
  sectionReadable,
  tiersOnCase,
  type Access,
  type CaseReach,
  type CaseSection,
  type CaseEvent,
  type CaseState,
  type DuplicateResolution,
  type EventContext,
  type GroupActivity,
  type LivingWith,
  type NewCaseEvent,
} from '@homeward/core';
import type { Kysely, Transaction } from 'kysely';
import type { Actor } from '../auth/actor';
import type { Database } from '../db/schema';
import { findFacility, placementFacilityName } from '../facilities/facilities.repository';
import { readCaseSettings } from '../organisations/case-settings.repository';
import { eventsForRules, eventIdUse, insertEvent, readEvents, type EventWithAuthor } from './case-events.repository';
import { updateCaseProjection } from './case-projection.repository';
import { lockCaseForEvent, lockCaseForWrite, readCase } from './case-reads.repository';
import { groupActivityIdUse, insertGroupActivity } from '../groups/group-activities.repository';
import { systemClock, type Clock } from './cases.service';
import { refreshChildKeys } from './child-keys.repository';
import { requestDigest, writeOnce } from './client-ids';
import { refuseReadOnlyTiers } from './field-access';

export async function listEvents(db: Kysely<Database>, actor: Actor, caseId: string): Promise<CaseEvent[]> {
  const { reach, rows } = await readEvents(db, actor, caseId);
  return eventsAsSeenBy(actor, reach, rows);
}

/**
 * Events of one case the reader reaches (`readableEvents`), as `GET /cases/{id}/events` gives them: each payload
 * without the tiers the reader may not see, for a caller that already checked and audited the read.
 */
export function eventsAsSeenBy(actor: Actor, reach: CaseReach, rows: readonly EventWithAuthor[]): CaseEvent[] {
  const tiers = tiersOnCase(actor.access, reach);
  const correctedBy = new Map(rows.filter((row) => row.supersedes).map((row) => [row.supersedes, row.id]));
  return rows.map((row) => {
    const event = toEvent(row, correctedBy.get(row.id) ?? null);
    const { value, hidden } = redactPayload(event.payload, tiers);
    return { ...event, payload: value, hidden };
  });
}

/** Approving is a supervisor's act: the permission is checked here, the sequence in core. */
function checkWriteRights(actor: Actor, input: NewCaseEvent): void {
  if (input.type === 'approval_decision' && !can(actor.access, 'case.approve')) {
    throw new DomainError('forbidden', 'Only a supervisor can approve or reject.', [], 'forbidden');
  }
  refuseReadOnlyTiers(actor, input.payload);
}

async function contextFor(
  trx: Transaction<Database>,
  actor: Actor,
  leadOrganisationId: string,
  caseId: string,
  input: NewCaseEvent,
  clock: Clock,
): Promise<EventContext> {
  // The case follows its lead's settings (follow-up rule, review interval), whoever adds to it.
  const settings = await readCaseSettings(trx, leadOrganisationId);
  if (input.type !== 'placement' || !input.payload.facilityId) return { today: clock.today(), settings };
  const facility = await findFacility(trx, actor, input.payload.facilityId).catch(() => {
    throw new DomainError('invalid', 'No such facility in your organisation.', [
      { field: 'payload.facilityId', message: 'No such facility in your organisation.' },
    ]);
  });
  const current = await trx
    .selectFrom('child_case')
    .select('current_facility_id')
    .where('id', '=', caseId)
    .executeTakeFirstOrThrow();
  const here = current.current_facility_id === facility.id ? 1 : 0;
  return {
    today: clock.today(),
    settings,
    facility: { capacity: facility.capacity, occupancy: facility.occupancy - here },
  };
}

export async function addEvent(
  db: Kysely<Database>,
  actor: Actor,
  caseId: string,
  input: NewCaseEvent,
  clock: Clock = systemClock,
): Promise<{ created: boolean; event: CaseEvent }> {
  const id = input.id ?? randomUUID();
  const digest = requestDigest({ caseId, ...input });
  const created = await writeOnce(
    actor,
    digest,
    () => eventIdUse(db, id),
    async () => {
      checkWriteRights(actor, input);
      await db.transaction().execute(async (trx) => {
        const lead = (await lockCaseForEvent(trx, actor, caseId, input.type)).organisation_id;
        const events = await eventsForRules(trx, caseId);
        const event = {
          id,
          type: input.type,
          occurredOn: input.occurredOn,
          supersedes: input.supersedes,
          payload: input.payload,
        };
        const projection = checkNewEvent(events, event, await contextFor(trx, actor, lead, caseId, input, clock));
        await insertEvent(trx, actor, { ...event, caseId, requestDigest: digest });
        await updateCaseProjection(trx, caseId, projection);
      });
    },
  );
  return { created, event: mustFind(await listEvents(db, actor, caseId), id) };
}

/** The case as it stands today, derived from its events; the read is audited like any read of the case. */
export async function getCaseState(
  db: Kysely<Database>,
  actor: Actor,
  caseId: string,
  clock: Clock = systemClock,
): Promise<CaseState> {
  const row = await readCase(db, actor, caseId);
  // A department reading a referred case sees it under the rules of the organisation that holds it.
  const settings = await readCaseSettings(db, row.organisation_id);
  const projection = projectCase(await eventsForRules(db, caseId), settings);
  const facilityName = projection.placement?.facilityId
    ? await placementFacilityName(db, projection.placement.facilityId)
    : null;
  // A participant sees the parts of the case's state that come from the sections it was given (decision 0010).
  const reads = (section: CaseSection) => sectionReadable(row.reach, section);
  const followUp =
    projection.status === 'closed'
      ? { due: projection.followUpDue, done: [], next: null, overdue: [] }
      : followUpStatus(projection.followUpDue, projection.followUpVisits, clock.today());
  return {
    status: projection.status,
    riskLevel: projection.riskLevel,
    placement: projection.placement && reads('placements') ? { ...projection.placement, facilityName } : null,
    livingWith: reads('placements') ? livingWith(projection.livingWith, tiersOnCase(actor.access, row.reach)) : null,
    reintegratedOn: projection.reintegratedOn,
    closedOn: projection.closedOn,
    consents: projection.consents,
    hasAssessment: projection.hasAssessment,
    carePlan: reads('care_plan') ? projection.carePlan : null,
    approvals: reads('care_plan') ? projection.approvals : [],
    followUp: reads('placements') ? followUp : { due: [], done: [], next: null, overdue: [] },
    approvalGates: settings.approvalGates,
  };
}

/** The carer's name and the village are the family's identity and location: the reader's tiers decide. */
function livingWith(value: LivingWith | null, tiers: Pick<Access, 'tiers'>): CaseState['livingWith'] {
  if (!value) return null;
  const visible = redactCase({ ...value }, tiers);
  return {
    destination: visible.destination,
    carerName: visible.carerName,
    villageCode: visible.villageCode,
    since: visible.since,
  };
}

function mustFind(events: CaseEvent[], id: string): CaseEvent {
  const event = events.find((candidate) => candidate.id === id);
  if (!event) throw new Error('A stored event was not read back.');
  return event;
}

export function toEvent(row: EventWithAuthor, supersededBy: string | null): CaseEvent {
  return {
    id: row.id,
    caseId: row.case_id,
    type: row.type as CaseEvent['type'],
    occurredOn: row.occurred_on,
    recordedAt: row.recorded_at.toISOString(),
    authorId: row.author_id,
    // An event imported from a partner installation names who wrote it there (decision 0012).
    authorName:
      row.author_name ?? (row.origin ? [row.origin.author, row.origin.organisation].filter(Boolean).join(' · ') : null),
    organisationId: row.organisation_id,
    organisationName: row.origin?.organisation ?? row.organisation_name,
    supersedes: row.supersedes,
    supersededBy,
    payload: row.payload,
  };
}

/** A group session and its attendance: one `group_session` event per child present, all written together. */
export async function recordGroupActivity(
  db: Kysely<Database>,
  actor: Actor,
  input: GroupActivity,
  clock: Clock = systemClock,
): Promise<{ created: boolean; activity: { id: string; attended: number } }> {
  const id = input.id ?? randomUUID();
  const digest = requestDigest(input);
  const created = await writeOnce(
    actor,
    digest,
    () => groupActivityIdUse(db, id),
    () =>
      db.transaction().execute(async (trx) => {
        await insertGroupActivity(trx, actor, { id, ...input, requestDigest: digest });
        const settings = await readCaseSettings(trx, actor.organisationId);
        // Every case is locked first, in id order, so that no other write waits on a case this one holds while
        // this one waits on the audit chain's lock that the other holds.
        for (const caseId of [...input.caseIds].sort()) await lockCaseForWrite(trx, actor, caseId);
        for (const caseId of input.caseIds) {
          const events = await eventsForRules(trx, caseId);
          const event = {
            id: randomUUID(),
            type: 'group_session',
            occurredOn: input.occurredOn,
            payload: { activityId: id, topic: input.topic, ...(input.title ? { title: input.title } : {}) },
          };
          const projection = checkNewEvent(events, event, { today: clock.today(), settings });
          await insertEvent(trx, actor, { ...event, caseId });
          await updateCaseProjection(trx, caseId, projection);
        }
      }),
  );
  return { created, activity: { id, attended: input.caseIds.length } };
}

const MIRROR = { linked: 'linked', merged_into_other: 'other_merged_here', not_duplicate: 'not_duplicate' } as const;

/**
 * A supervisor's decision on two cases suspected to be one child, written on both in one transaction. A merged
 * case closes and points to the other; nothing of its history is lost.
 */
export async function resolveDuplicate(
  db: Kysely<Database>,
  actor: Actor,
  caseId: string,
  input: DuplicateResolution,
  clock: Clock = systemClock,
): Promise<void> {
  if (!actor.roles.some((role) => role === 'supervisor' || role === 'org_admin')) {
    throw new DomainError('forbidden', 'Only a supervisor can link or merge cases.', [], 'forbidden');
  }
  if (input.otherCaseId === caseId) {
    throw new DomainError('invalid', 'A case cannot be its own duplicate.', [
      { field: 'otherCaseId', message: 'Choose another case.' },
    ]);
  }
  const sides = [
    { caseId, payload: { otherCaseId: input.otherCaseId, resolution: input.resolution, note: input.note } },
    {
      caseId: input.otherCaseId,
      payload: { otherCaseId: caseId, resolution: MIRROR[input.resolution], note: input.note },
    },
  ];
  await db.transaction().execute(async (trx) => {
    // Locks are taken in id order, so two supervisors resolving the same pair cannot deadlock.
    for (const side of [...sides].sort((a, b) => a.caseId.localeCompare(b.caseId)))
      await lockCaseForWrite(trx, actor, side.caseId);
    const settings = await readCaseSettings(trx, actor.organisationId);
    for (const side of sides) {
      const events = await eventsForRules(trx, side.caseId);
      const event = {
        id: randomUUID(),
        type: 'duplicate_resolution',
        occurredOn: clock.today(),
        payload: side.payload,
      };
      const projection = checkNewEvent(events, event, { today: clock.today(), settings });
      await insertEvent(trx, actor, { ...event, caseId: side.caseId });
      await updateCaseProjection(trx, side.caseId, projection);
    }
    await refreshChildKeys(trx, [caseId, input.otherCaseId]);
  });
}
