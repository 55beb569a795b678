import { randomUUID } from 'node:crypto';
import {
  can,
  caseSectionsSchema,
  checkNewEvent,
  DomainError,
  accessUnder,
  SECTIONS_WITHOUT_SHARING_CONSENT,
  TYPES_OF_KIND,
  TYPES_WITHOUT_RECEIVER,
  type HandoverAccept,
  type HandoverCaseFilter,
  type HandoverDecline,
  type HandoverItemsAdd,
  type HandoverItemsChange,
  type HandoverPlanChange,
  type HandoverPlanDetail,
  type NewHandoverPlan,
  type Language,
  type Permission,
} from '@homeward/core';
import type { Kysely, Transaction } from 'kysely';
import { appendAudit } from '../audit/audit.repository';
import type { Actor } from '../auth/actor';
import { eventsForRules, insertEvent } from '../cases/case-events.repository';
import { filterCases } from '../cases/case-filters.repository';
import { updateCaseProjection } from '../cases/case-projection.repository';
import { lockCaseForWrite } from '../cases/case-reads.repository';
import { listEvents } from '../cases/case-events.service';
import { getCase } from '../cases/cases.service';
import { renderHandoverSummary, type SummaryChild } from './handover-summary.pdf';
import { visibleCases } from '../cases/child-visibility';
import { requestDigest, writeOnce } from '../cases/client-ids';
import type { Clock } from '../cases/cases.service';
import type { Database } from '../db/schema';
import { readPolicyAdjustments } from '../organisations/access-policy.repository';
import { readCaseSettings } from '../organisations/case-settings.repository';
import { changeLead } from '../participation/lead-change.repository';
import { activeParticipation } from '../participation/participants.repository';
import {
  casesInOtherPlans,
  incomingOf,
  insertItems,
  insertPlan,
  itemRowsOf,
  itemsOf,
  organisationById,
  planIdUse,
  planOf,
  plansOf,
  progressOf,
  receivedItem,
  receiversFor,
  removeItems,
  senderNumbers,
  setItems,
  updatePlan,
  type NewItem,
  type PlanRow,
} from './handover-plans.repository';
import {
  activeUsersOf,
  disableUsers,
  handToAuthorities,
  lockCaseRow,
  passParticipation,
  receiverWorker,
  userDisplayName,
  writeStepEvent,
} from './handover-steps.repository';
import { notify } from '../notifications/notifications.repository';

/**
 * Caseload handover (issue 10 point 4): the office drafts a plan of its cases, its manager approves it, each
 * receiver accepts or declines its items, and at completion the office's users are disabled. Every step is one
 * transaction, audited, and right when the same request arrives twice at once: the plan by its client id, each
 * item's decision by its state under the item's lock.
 */
type Db = Kysely<Database>;

function refuse(message: string, code: string, field = 'status', kind: 'invalid' | 'conflict' = 'conflict'): never {
  throw new DomainError(kind, message, [{ field, message, code }], code);
}

function needs(actor: Actor, ...anyOf: Permission[]): void {
  if (!anyOf.some((permission) => can(actor.access, permission)))
    throw new DomainError('forbidden', 'Your role does not allow this.', [], 'forbidden');
}

/** The cases the actor's scope reaches among these ids and filters, each with whether the organisation leads it. */
async function chosenCases(
  trx: Transaction<Database>,
  actor: Actor,
  caseIds: readonly string[],
  filter: HandoverCaseFilter | undefined,
  today: string,
) {
  const found: { id: string; organisation_id: string }[] = [];
  if (caseIds.length > 0) {
    const rows = await visibleCases(trx, actor)
      .select(['child_case.id', 'child_case.organisation_id'])
      .where('child_case.id', 'in', [...caseIds])
      .execute();
    if (rows.length !== new Set(caseIds).size)
      throw new DomainError('not_found', 'No case with this id.', [], 'not_found');
    found.push(...rows);
  }
  if (filter) {
    const query = { ...filter, limit: 500, offset: 0 };
    const rows = await filterCases(visibleCases(trx, actor), query, today)
      .select(['child_case.id', 'child_case.organisation_id'])
      .orderBy('child_case.case_number')
      .execute();
    found.push(...rows.filter((row) => !found.some((other) => other.id === row.id)));
  }
  return found;
}

async function itemsFor(
  trx: Transaction<Database>,
  actor: Actor,
  planId: string,
  cases: readonly { id: string; organisation_id: string }[],
  explicit: readonly string[],
): Promise<NewItem[]> {
  const taken = await casesInOtherPlans(
    trx,
    actor,
    planId,
    cases.map((row) => row.id),
  );
  const clash = explicit.find((caseId) => taken.has(caseId));
  if (clash) refuse('This case is already in another handover plan that is not completed.', 'in_other_plan', 'caseIds');
  const items: NewItem[] = [];
  for (const row of cases) {
    if (taken.has(row.id)) continue;
    const direct = row.organisation_id === actor.organisationId;
    // A remote case passes with the sections the office reads today; a direct referral shares services only
    // unless the office widens it within the child's consent.
    const participation = direct ? undefined : await activeParticipation(trx, row.id, actor.organisationId);
    items.push({
      id: randomUUID(),
      caseId: row.id,
      kind: direct ? 'direct' : 'remote',
      type: direct ? null : 'referral',
      sections: participation
        ? caseSectionsSchema.parse(participation.sections)
        : [...SECTIONS_WITHOUT_SHARING_CONSENT],
    });
  }
  return items;
}

export async function listPlans(db: Db, actor: Actor) {
  needs(actor, 'handover.manage', 'handover.approve');
  return { items: await plansOf(db, actor) };
}

/** Whether the actor may approve: holds the permission, and did not draft it unless no other approver exists. */
async function mayApprove(db: Db | Transaction<Database>, actor: Actor, plan: PlanRow): Promise<boolean> {
  if (!can(actor.access, 'handover.approve')) return false;
  if (plan.created_by !== actor.userId) return true;
  const adjustments = await readPolicyAdjustments(db, actor.organisationId);
  const users = await db
    .selectFrom('app_user')
    .select(['id', 'roles'])
    .where('organisation_id', '=', actor.organisationId)
    .where('disabled_at', 'is', null)
    .execute();
  const approvers = users.filter((user) => can(accessUnder(user.roles, adjustments).access, 'handover.approve'));
  return approvers.every((user) => user.id === actor.userId);
}

export async function getPlan(db: Db, actor: Actor, planId: string): Promise<HandoverPlanDetail> {
  needs(actor, 'handover.manage', 'handover.approve');
  const plan = await planOf(db, actor, planId);
  const summary = (await plansOf(db, actor)).find((candidate) => candidate.id === planId)!;
  const items = await itemsOf(db, planId);
  // The office knows its cases by the numbers it gave them, also after a receiver renumbered them.
  const kept = await senderNumbers(
    db,
    actor.organisationId,
    items.map((item) => item.caseId),
  );
  return {
    ...summary,
    items: items.map((item) => ({ ...item, caseNumber: kept.get(item.caseId) ?? item.caseNumber })),
    mayApprove: plan.status === 'submitted' && (await mayApprove(db, actor, plan)),
  };
}

export async function createPlan(db: Db, actor: Actor, input: NewHandoverPlan, clock: Clock) {
  needs(actor, 'handover.manage');
  const digest = requestDigest({ plan: input });
  await writeOnce(
    actor,
    digest,
    () => planIdUse(db, input.id),
    () =>
      db.transaction().execute(async (trx) => {
        await insertPlan(trx, actor, { id: input.id, name: input.name, reason: input.reason, requestDigest: digest });
        const cases = await chosenCases(trx, actor, input.caseIds, input.filter, clock.today());
        await insertItems(trx, input.id, await itemsFor(trx, actor, input.id, cases, input.caseIds));
        await appendAudit(trx, {
          ...actor,
          action: 'handover.plan_create',
          detail: { planId: input.id, cases: cases.length },
        });
      }),
  );
  return getPlan(db, actor, input.id);
}

function mustBeDraft(plan: PlanRow): void {
  if (plan.status !== 'draft') refuse('This plan was submitted: it can no longer be changed.', 'not_draft');
}

export async function changePlan(db: Db, actor: Actor, planId: string, change: HandoverPlanChange) {
  needs(actor, 'handover.manage');
  await db.transaction().execute(async (trx) => {
    const plan = await planOf(trx, actor, planId, true);
    if (plan.status === 'completed') refuse('This plan is completed.', 'completed');
    if ((change.name !== undefined || change.reason !== undefined) && plan.status !== 'draft') mustBeDraft(plan);
    if (change.usersToDisable) {
      const users = new Set((await activeUsersOf(trx, actor.organisationId)).map((user) => user.id));
      const plan_users = [...new Set(change.usersToDisable)];
      if (plan_users.some((userId) => !users.has(userId)))
        refuse('Choose active users of your organisation.', 'not_a_user', 'usersToDisable', 'invalid');
      change = { ...change, usersToDisable: plan_users };
    }
    await updatePlan(trx, planId, change);
    await appendAudit(trx, {
      ...actor,
      action: 'handover.plan_change',
      detail: { planId, fields: Object.keys(change) },
    });
  });
  return getPlan(db, actor, planId);
}

export async function addItems(db: Db, actor: Actor, planId: string, input: HandoverItemsAdd, clock: Clock) {
  needs(actor, 'handover.manage');
  await db.transaction().execute(async (trx) => {
    mustBeDraft(await planOf(trx, actor, planId, true));
    const cases = await chosenCases(trx, actor, input.caseIds, input.filter, clock.today());
    const existing = new Set((await itemRowsOf(trx, planId)).map((item) => item.case_id));
    const fresh = cases.filter((row) => !existing.has(row.id));
    await insertItems(
      trx,
      planId,
      await itemsFor(
        trx,
        actor,
        planId,
        fresh,
        input.caseIds.filter((caseId) => !existing.has(caseId)),
      ),
    );
    await appendAudit(trx, { ...actor, action: 'handover.items_change', detail: { planId, added: fresh.length } });
  });
  return getPlan(db, actor, planId);
}

export async function dropItems(db: Db, actor: Actor, planId: string, itemIds: readonly string[]) {
  needs(actor, 'handover.manage');
  await db.transaction().execute(async (trx) => {
    mustBeDraft(await planOf(trx, actor, planId, true));
    await removeItems(trx, planId, itemIds);
    await appendAudit(trx, { ...actor, action: 'handover.items_change', detail: { planId, removed: itemIds.length } });
  });
  return getPlan(db, actor, planId);
}

/**
 * Sets the receiver, type, note or sections of one item or many. In a draft, any item; once approved, only a
 * declined item, which then waits for its new receiver.
 */
export async function changeItems(db: Db, actor: Actor, planId: string, change: HandoverItemsChange, clock: Clock) {
  needs(actor, 'handover.manage');
  await db.transaction().execute(async (trx) => {
    const plan = await planOf(trx, actor, planId, true);
    const rows = await itemRowsOf(trx, planId, change.itemIds);
    // The plan is found; an id in the body that is not among its cases is a bad request, not a missing plan.
    if (rows.length !== new Set(change.itemIds).size)
      refuse('No such case in this plan.', 'not_in_plan', 'itemIds', 'invalid');
    const reassigning = plan.status === 'approved' || plan.status === 'in_progress';
    if (!reassigning) mustBeDraft(plan);
    if (reassigning && rows.some((row) => row.status !== 'declined'))
      refuse('Only a declined case can be given to another receiver once the plan is approved.', 'not_declined');
    let receiverKind: string | null = null;
    if (change.receiverId) {
      const receiver = await organisationById(trx, change.receiverId);
      if (!receiver || receiver.id === actor.organisationId)
        refuse('Choose another organisation on this server.', 'bad_receiver', 'receiverId', 'invalid');
      receiverKind = receiver.kind;
    }
    for (const row of rows) {
      const type = change.type !== undefined ? change.type : row.type;
      if (type && !TYPES_OF_KIND[row.kind].includes(type))
        refuse(
          'A case another provider leads can only pass to a receiver by referral.',
          'type_not_for_kind',
          'type',
          'invalid',
        );
      if (type === 'to_authorities' && change.receiverId && receiverKind !== 'government')
        refuse(
          'Hand a child to the authorities through a Department of Social Affairs.',
          'not_a_department',
          'receiverId',
          'invalid',
        );
    }
    const clearsReceiver = change.type && TYPES_WITHOUT_RECEIVER.includes(change.type);
    await setItems(trx, change.itemIds, {
      ...(change.receiverId !== undefined ? { receiverId: change.receiverId } : {}),
      ...(clearsReceiver ? { receiverId: null } : {}),
      ...(change.type !== undefined ? { type: change.type } : {}),
      ...(change.note !== undefined ? { note: change.note } : {}),
      ...(change.sections !== undefined ? { sections: [...change.sections] } : {}),
      ...(reassigning ? { status: 'waiting', declineReason: null, decidedBy: null } : {}),
    });
    if (reassigning) {
      for (const row of rows) {
        const receiverId = change.receiverId ?? row.receiver_id;
        await offerStep(trx, actor, plan, { ...row, receiver_id: receiverId }, clock.today());
        if (receiverId) await tellReceiver(trx, plan.id, receiverId, row.id);
      }
    }
    await appendAudit(trx, {
      ...actor,
      action: 'handover.items_change',
      detail: { planId, items: change.itemIds.length, fields: Object.keys(change).filter((key) => key !== 'itemIds') },
    });
  });
  return getPlan(db, actor, planId);
}

type ItemRow = Awaited<ReturnType<typeof itemRowsOf>>[number];

async function organisationName(trx: Transaction<Database>, organisationId: string | null) {
  return organisationId ? ((await organisationById(trx, organisationId))?.name ?? null) : null;
}

/** The office's step "offered to the receiver" on the case's history. */
async function offerStep(trx: Transaction<Database>, actor: Actor, plan: PlanRow, item: ItemRow, today: string) {
  await lockCaseRow(trx, item.case_id);
  await writeStepEvent(
    trx,
    actor,
    item.case_id,
    {
      planId: plan.id,
      itemId: item.id,
      step: 'offered',
      type: item.type!,
      kind: item.kind,
      fromOrganisationName: (await organisationName(trx, plan.organisation_id))!,
      toOrganisationName: await organisationName(trx, item.receiver_id),
    },
    today,
  );
}

export async function submitPlan(db: Db, actor: Actor, planId: string) {
  needs(actor, 'handover.manage');
  await db.transaction().execute(async (trx) => {
    const plan = await planOf(trx, actor, planId, true);
    if (plan.status !== 'draft') return; // submitted already: the same request again
    const rows = await itemRowsOf(trx, planId);
    if (rows.length === 0) refuse('Add the cases to hand over first.', 'no_cases', 'items', 'invalid');
    const unplanned = rows.filter(
      (row) => !row.type || (!TYPES_WITHOUT_RECEIVER.includes(row.type) && !row.receiver_id),
    );
    if (unplanned.length > 0)
      refuse(
        `Choose a type and a receiver for every case (${unplanned.length} left).`,
        'items_unplanned',
        'items',
        'invalid',
      );
    await updatePlan(trx, planId, { status: 'submitted', submittedBy: actor.userId });
    await appendAudit(trx, { ...actor, action: 'handover.submit', detail: { planId, items: rows.length } });
  });
  return getPlan(db, actor, planId);
}

/**
 * The office's manager approves: the cases closed as stable are closed and those for the authorities handed
 * to their department, by the office, at once; every other case now waits for its receiver.
 */
export async function approvePlan(db: Db, actor: Actor, planId: string, clock: Clock) {
  needs(actor, 'handover.approve');
  await db.transaction().execute(async (trx) => {
    const plan = await planOf(trx, actor, planId, true);
    if (plan.status !== 'submitted') {
      if (plan.status === 'draft') refuse('Submit the plan before approving it.', 'not_submitted');
      return; // approved already: the same request again
    }
    if (!(await mayApprove(trx, actor, plan)))
      throw new DomainError('forbidden', 'Another manager approves the plan you drafted.', [], 'own_plan');
    await updatePlan(trx, planId, { status: 'approved', approvedBy: actor.userId });
    const office = (await organisationName(trx, plan.organisation_id))!;
    for (const item of await itemRowsOf(trx, planId)) {
      if (item.type === 'close_as_stable') await closeAsStable(trx, actor, plan, item, office, clock.today());
      else if (item.type === 'to_authorities') {
        await lockCaseForWrite(trx, actor, item.case_id);
        await handToAuthorities(trx, {
          caseId: item.case_id,
          itemId: item.id,
          departmentId: item.receiver_id!,
          grantedBy: actor.userId,
          note: item.note,
          today: clock.today(),
        });
        await writeStepEvent(
          trx,
          actor,
          item.case_id,
          {
            planId,
            itemId: item.id,
            step: 'to_authorities',
            type: item.type,
            kind: item.kind,
            fromOrganisationName: office,
            toOrganisationName: await organisationName(trx, item.receiver_id),
          },
          clock.today(),
        );
        await setItems(trx, [item.id], { status: 'done', decidedBy: actor.userId });
      } else {
        await offerStep(trx, actor, plan, item, clock.today());
        if (item.receiver_id) await tellReceiver(trx, plan.id, item.receiver_id, 'approved');
      }
    }
    await appendAudit(trx, { ...actor, action: 'handover.approve', detail: { planId } });
  });
  return getPlan(db, actor, planId);
}

/**
 * A closure by the office, through the case's rules; the plan's approval is the closure's approval (the plan
 * screen and the printed summary say so before anyone approves), and the closure names the plan and approver.
 */
async function closeAsStable(
  trx: Transaction<Database>,
  actor: Actor,
  plan: PlanRow,
  item: ItemRow,
  office: string,
  today: string,
) {
  await lockCaseForWrite(trx, actor, item.case_id);
  const settings = await readCaseSettings(trx, actor.organisationId);
  const approverName = (await userDisplayName(trx, actor.userId)) ?? '';
  const approval = `Closure approved with the handover plan “${plan.name}” by ${approverName} on ${today}.`;
  const event = {
    id: randomUUID(),
    type: 'closure',
    occurredOn: today,
    payload: {
      reason: 'stable_and_safe',
      summary: `${item.note?.trim() || `Closed as stable when ${plan.name} closed: ${plan.reason}`}\n${approval}`,
    },
  };
  const projection = checkNewEvent(await eventsForRules(trx, item.case_id), event, {
    today,
    settings: { ...settings, approvalGates: settings.approvalGates.filter((gate) => gate !== 'closure') },
  });
  await insertEvent(trx, actor, { ...event, caseId: item.case_id });
  await updateCaseProjection(trx, item.case_id, projection);
  await writeStepEvent(
    trx,
    actor,
    item.case_id,
    {
      planId: plan.id,
      itemId: item.id,
      step: 'closed_as_stable',
      type: 'close_as_stable',
      kind: item.kind,
      fromOrganisationName: office,
      toOrganisationName: null,
      planName: plan.name,
      approverName,
    },
    today,
  );
  await setItems(trx, [item.id], { status: 'done', decidedBy: actor.userId });
}

/** Items are decided in id order, so two bulk requests touching the same items never wait on each other. */
const inOrder = (ids: readonly string[]) => [...new Set(ids)].sort();

export async function acceptItems(db: Db, actor: Actor, input: HandoverAccept, clock: Clock) {
  needs(actor, 'handover.receive');
  const today = clock.today();
  await db.transaction().execute(async (trx) => {
    if (input.workerId) await receiverWorker(trx, actor, input.workerId);
    const receiver = (await organisationById(trx, actor.organisationId))!;
    for (const itemId of inOrder(input.itemIds)) {
      const item = await receivedItem(trx, actor, itemId);
      if (item.status === 'accepted' || item.status === 'done') continue; // the same request again
      if (item.status === 'declined') refuse('Your organisation declined this case.', 'declined');
      const current = await lockCaseRow(trx, item.case_id);
      if (item.type === 'transfer') {
        if (current.organisation_id !== item.sender_id) refuse('This case has another lead now.', 'lead_changed');
        await changeLead(trx, {
          caseId: item.case_id,
          toOrganisationId: actor.organisationId,
          workerId: input.workerId ?? null,
          // The office closes: it keeps reading what it wrote, and nothing more.
          sectionsKept: [],
          via: 'handover',
          sourceId: item.id,
          decidedBy: actor.userId,
          on: today,
        });
      } else {
        await passParticipation(trx, {
          caseId: item.case_id,
          itemId: item.id,
          kind: item.kind,
          fromOrganisationId: item.sender_id,
          toOrganisationId: actor.organisationId,
          toKind: receiver.kind,
          sections: caseSectionsSchema.parse(item.sections),
          workerId: input.workerId ?? null,
          grantedBy: item.approved_by,
          note: item.note,
          today,
        });
      }
      await setItems(trx, [item.id], { status: 'accepted', decidedBy: actor.userId });
      await writeStepEvent(
        trx,
        actor,
        item.case_id,
        {
          planId: item.plan_id,
          itemId: item.id,
          step: 'accepted',
          type: item.type!,
          kind: item.kind,
          fromOrganisationName: item.sender_name,
          toOrganisationName: receiver.name,
        },
        today,
      );
      await startProgress(trx, item.plan_id);
      await appendAudit(trx, {
        ...actor,
        action: 'handover.accept',
        caseId: item.case_id,
        detail: { planId: item.plan_id, itemId: item.id, type: item.type },
      });
    }
  });
  return { items: await incomingOf(db, actor) };
}

export async function listIncoming(db: Db, actor: Actor) {
  needs(actor, 'handover.receive');
  return { items: await incomingOf(db, actor) };
}

export async function listReceivers(db: Db, actor: Actor) {
  needs(actor, 'handover.manage');
  return { items: await receiversFor(db, actor) };
}

async function startProgress(trx: Transaction<Database>, planId: string) {
  await trx
    .updateTable('handover_plan')
    .set({ status: 'in_progress' })
    .where('id', '=', planId)
    .where('status', '=', 'approved')
    .execute();
}

export async function declineItems(db: Db, actor: Actor, input: HandoverDecline, clock: Clock) {
  needs(actor, 'handover.receive');
  await db.transaction().execute(async (trx) => {
    const receiver = (await organisationById(trx, actor.organisationId))!;
    for (const itemId of inOrder(input.itemIds)) {
      const item = await receivedItem(trx, actor, itemId);
      if (item.status === 'declined') continue; // the same request again
      if (item.status !== 'waiting') refuse('Your organisation accepted this case already.', 'accepted');
      await lockCaseRow(trx, item.case_id);
      await setItems(trx, [item.id], { status: 'declined', declineReason: input.reason, decidedBy: actor.userId });
      await writeStepEvent(
        trx,
        actor,
        item.case_id,
        {
          planId: item.plan_id,
          itemId: item.id,
          step: 'declined',
          type: item.type!,
          kind: item.kind,
          fromOrganisationName: item.sender_name,
          toOrganisationName: receiver.name,
          reason: input.reason,
        },
        clock.today(),
      );
      await startProgress(trx, item.plan_id);
      await appendAudit(trx, {
        ...actor,
        action: 'handover.decline',
        caseId: item.case_id,
        detail: { planId: item.plan_id, itemId: item.id },
      });
    }
  });
}

/**
 * The manager closes the plan once every case is accepted or done: the office's users chosen in the plan are
 * disabled and their sessions ended, in the same transaction. The manager who completes it is never disabled
 * by it (an administrator disables that account afterwards, so nobody locks themselves out mid-way).
 */
export async function completePlan(db: Db, actor: Actor, planId: string) {
  needs(actor, 'handover.approve');
  await db.transaction().execute(async (trx) => {
    const plan = await planOf(trx, actor, planId, true);
    if (plan.status === 'completed') return; // the same request again
    if (plan.status !== 'approved' && plan.status !== 'in_progress')
      refuse('Approve the plan before completing it.', 'not_approved');
    const progress = progressOf((await itemRowsOf(trx, planId)).map((item) => item.status));
    if (progress.waiting + progress.declined > 0)
      refuse(
        `${progress.waiting} cases still wait for their receiver and ${progress.declined} were declined: give each a receiver that accepts it first.`,
        'items_open',
      );
    await updatePlan(trx, planId, { status: 'completed', completedBy: actor.userId });
    const disabled = await disableUsers(
      trx,
      actor.organisationId,
      plan.users_to_disable.filter((userId) => userId !== actor.userId),
    );
    for (const userId of disabled) {
      await appendAudit(trx, { ...actor, action: 'user.disable', detail: { userId, planId } });
    }
    await appendAudit(trx, {
      ...actor,
      action: 'handover.complete',
      detail: { planId, usersDisabled: disabled.length },
    });
  });
  return getPlan(db, actor, planId);
}

/**
 * The printable summary of a plan, for one receiver, one case, or all: each child as the printing user may see
 * them (read through the one audited path, so every child printed is in the access log), and the print audited.
 */
export async function handoverSummary(
  db: Db,
  actor: Actor,
  planId: string,
  query: { language: Language; receiver?: string | undefined; item?: string | undefined },
  clock: Clock,
): Promise<{ body: Buffer; fileName: string }> {
  needs(actor, 'handover.manage', 'handover.approve');
  const plan = await getPlan(db, actor, planId);
  const items = plan.items.filter(
    (item) => (!query.receiver || item.receiverId === query.receiver) && (!query.item || item.id === query.item),
  );
  const children: SummaryChild[] = [];
  for (const item of items) {
    const detail = await getCase(db, actor, item.caseId).catch(() => null);
    const events = detail ? await listEvents(db, actor, item.caseId).catch(() => []) : [];
    children.push({ item, detail, events });
  }
  const receiverName = query.receiver ? (items[0]?.receiverName ?? null) : null;
  const body = await renderHandoverSummary({
    language: query.language,
    organisationName: plan.organisationName,
    planName: plan.name,
    reason: plan.reason,
    approvedByName: plan.approvedByName,
    approvedAt: plan.approvedAt,
    receiverName,
    printedAt: clock.today(),
    children,
  });
  await appendAudit(db, {
    ...actor,
    action: 'handover.print',
    detail: { planId, receiver: query.receiver ?? null, item: query.item ?? null, cases: items.length },
  });
  return { body, fileName: `handover-${clock.today()}-${query.language}.pdf` };
}

/** A receiver's people who take handed-over cases hear once per plan, and again for a case reassigned to them. */
function tellReceiver(trx: Transaction<Database>, planId: string, receiverId: string, occasion: string) {
  return notify(trx, {
    kind: 'handover.waiting',
    organisationId: receiverId,
    subjectId: planId,
    occasion: occasion === 'approved' ? '' : occasion,
    to: { organisationId: receiverId, permission: 'handover.receive' },
  });
}
