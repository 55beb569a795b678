import type {
  HandoverItem,
  HandoverItemStatus,
  HandoverItemType,
  HandoverPlan,
  HandoverProgress,
  IncomingHandoverItem,
} from '@homeward/core';
import { DomainError } from '@homeward/core';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Actor } from '../auth/actor';
import type { Database } from '../db/schema';

/** The rows of handover plans and their items; the rules live in handover.service. */
type Executor = Kysely<Database> | Transaction<Database>;

export const PLAN_NOT_FOUND = 'No handover plan with this id.';
export const ITEM_NOT_FOUND = 'No handed-over case with this id waits for your organisation.';

const iso = (value: Date | string | null): string | null =>
  value === null ? null : value instanceof Date ? value.toISOString() : new Date(value).toISOString();

/** The plan of the actor's organisation, locked for a change when asked; another organisation's is not found. */
export async function planOf(db: Executor, actor: Actor, planId: string, lock = false) {
  let query = db
    .selectFrom('handover_plan')
    .selectAll()
    .where('id', '=', planId)
    .where('organisation_id', '=', actor.organisationId);
  if (lock) query = query.forUpdate();
  const row = await query.executeTakeFirst();
  if (!row) throw new DomainError('not_found', PLAN_NOT_FOUND, [], 'not_found');
  return row;
}
export type PlanRow = Awaited<ReturnType<typeof planOf>>;

/** Who used a plan id already, for `writeOnce`. */
export function planIdUse(db: Executor, planId: string) {
  return db
    .selectFrom('handover_plan')
    .select(['organisation_id', 'request_digest'])
    .where('id', '=', planId)
    .executeTakeFirst();
}

export async function insertPlan(
  trx: Transaction<Database>,
  actor: Actor,
  plan: { id: string; name: string; reason: string; requestDigest: string },
): Promise<void> {
  await trx
    .insertInto('handover_plan')
    .values({
      id: plan.id,
      organisation_id: actor.organisationId,
      name: plan.name,
      reason: plan.reason,
      created_by: actor.userId,
      request_digest: plan.requestDigest,
    })
    .execute();
}

export async function updatePlan(
  trx: Transaction<Database>,
  planId: string,
  change: Partial<{
    name: string;
    reason: string;
    usersToDisable: string[];
    status: HandoverPlan['status'];
    submittedBy: string;
    approvedBy: string;
    completedBy: string;
  }>,
): Promise<void> {
  const now = new Date();
  await trx
    .updateTable('handover_plan')
    .set({
      ...(change.name !== undefined ? { name: change.name } : {}),
      ...(change.reason !== undefined ? { reason: change.reason } : {}),
      ...(change.usersToDisable !== undefined ? { users_to_disable: change.usersToDisable } : {}),
      ...(change.status !== undefined ? { status: change.status } : {}),
      ...(change.submittedBy ? { submitted_by: change.submittedBy, submitted_at: now } : {}),
      ...(change.approvedBy ? { approved_by: change.approvedBy, approved_at: now } : {}),
      ...(change.completedBy ? { completed_by: change.completedBy, completed_at: now } : {}),
    })
    .where('id', '=', planId)
    .execute();
}

/** Cases already in another plan of the organisation that is not completed: a case is handed over once. */
export async function casesInOtherPlans(db: Executor, actor: Actor, planId: string, caseIds: readonly string[]) {
  if (caseIds.length === 0) return new Set<string>();
  const rows = await db
    .selectFrom('handover_item as i')
    .innerJoin('handover_plan as p', 'p.id', 'i.plan_id')
    .select('i.case_id')
    .where('p.organisation_id', '=', actor.organisationId)
    .where('p.id', '<>', planId)
    .where('p.status', '<>', 'completed')
    .where('i.case_id', 'in', [...caseIds])
    .execute();
  return new Set(rows.map((row) => row.case_id));
}

export interface NewItem {
  id: string;
  caseId: string;
  kind: 'direct' | 'remote';
  type: HandoverItemType | null;
  sections: string[];
}

/** Adds cases to a plan after those already there; a case already in the plan stays as it is. */
export async function insertItems(trx: Transaction<Database>, planId: string, items: readonly NewItem[]) {
  if (items.length === 0) return;
  const last = await trx
    .selectFrom('handover_item')
    .select(sql<number>`coalesce(max(position), 0)`.as('position'))
    .where('plan_id', '=', planId)
    .executeTakeFirstOrThrow();
  let position = Number(last.position);
  for (const item of items) {
    position += 1;
    await trx
      .insertInto('handover_item')
      .values({
        id: item.id,
        plan_id: planId,
        case_id: item.caseId,
        kind: item.kind,
        type: item.type,
        sections: item.sections,
        position,
      })
      .onConflict((conflict) => conflict.columns(['plan_id', 'case_id']).doNothing())
      .execute();
  }
}

export async function removeItems(trx: Transaction<Database>, planId: string, itemIds: readonly string[]) {
  await trx
    .deleteFrom('handover_item')
    .where('plan_id', '=', planId)
    .where('id', 'in', [...itemIds])
    .execute();
}

export function itemRowsOf(db: Executor, planId: string, itemIds?: readonly string[]) {
  let query = db.selectFrom('handover_item').selectAll().where('plan_id', '=', planId);
  if (itemIds) query = query.where('id', 'in', [...itemIds]);
  return query.orderBy('position').execute();
}

export async function setItems(
  trx: Transaction<Database>,
  itemIds: readonly string[],
  change: Partial<{
    receiverId: string | null;
    type: HandoverItemType | null;
    note: string | null;
    sections: string[];
    status: HandoverItemStatus;
    declineReason: string | null;
    decidedBy: string | null;
  }>,
): Promise<void> {
  if (itemIds.length === 0) return;
  await trx
    .updateTable('handover_item')
    .set({
      ...(change.receiverId !== undefined ? { receiver_id: change.receiverId } : {}),
      ...(change.type !== undefined ? { type: change.type } : {}),
      ...(change.note !== undefined ? { note: change.note } : {}),
      ...(change.sections !== undefined ? { sections: change.sections } : {}),
      ...(change.status !== undefined ? { status: change.status } : {}),
      ...(change.declineReason !== undefined ? { decline_reason: change.declineReason } : {}),
      ...(change.decidedBy !== undefined
        ? { decided_by: change.decidedBy, decided_at: change.decidedBy ? new Date() : null }
        : {}),
    })
    .where('id', 'in', [...itemIds])
    .execute();
}

/** The plan's items as its office sees them in the plan's table. */
export async function itemsOf(db: Executor, planId: string): Promise<HandoverItem[]> {
  const rows = await db
    .selectFrom('handover_item as i')
    .innerJoin('child_case as c', 'c.id', 'i.case_id')
    .innerJoin('organisation as lead', 'lead.id', 'c.organisation_id')
    .leftJoin('organisation as r', 'r.id', 'i.receiver_id')
    .leftJoin('app_user as w', 'w.id', 'c.assigned_worker_id')
    .leftJoin('app_user as d', 'd.id', 'i.decided_by')
    .select([
      'i.id',
      'i.plan_id',
      'i.case_id',
      'c.case_number',
      'c.case_types',
      'c.status as case_status',
      'w.display_name as worker_name',
      'lead.name as lead_name',
      'i.kind',
      'i.receiver_id',
      'r.name as receiver_name',
      'i.type',
      'i.note',
      'i.sections',
      'i.status',
      'i.decline_reason',
      'i.decided_at',
      'd.display_name as decided_by_name',
    ])
    .where('i.plan_id', '=', planId)
    .orderBy('i.position')
    .execute();
  return rows.map((row) => ({
    id: row.id,
    planId: row.plan_id,
    caseId: row.case_id,
    caseNumber: row.case_number,
    caseTypes: row.case_types,
    caseStatus: row.case_status,
    workerName: row.worker_name,
    leadOrganisationName: row.lead_name,
    kind: row.kind,
    receiverId: row.receiver_id,
    receiverName: row.receiver_name,
    type: row.type,
    note: row.note,
    sections: row.sections as HandoverItem['sections'],
    status: row.status,
    declineReason: row.decline_reason,
    decidedAt: iso(row.decided_at),
    decidedByName: row.decided_by_name,
  }));
}

/** The case numbers the office gave the cases, kept after a transfer renumbered them. */
export async function senderNumbers(db: Executor, organisationId: string, caseIds: readonly string[]) {
  if (caseIds.length === 0) return new Map<string, string>();
  const rows = await db
    .selectFrom('case_reference')
    .select(['case_id', 'case_number'])
    .where('organisation_id', '=', organisationId)
    .where('case_id', 'in', [...caseIds])
    .execute();
  return new Map(rows.map((row) => [row.case_id, row.case_number]));
}

export function progressOf(statuses: readonly HandoverItemStatus[]): HandoverProgress {
  const count = (status: HandoverItemStatus) => statuses.filter((candidate) => candidate === status).length;
  return {
    total: statuses.length,
    waiting: count('waiting'),
    accepted: count('accepted'),
    declined: count('declined'),
    done: count('done'),
  };
}

/** Plans of the organisation, newest first, each with its progress. */
export async function plansOf(db: Executor, actor: Actor) {
  const plans = await db
    .selectFrom('handover_plan as p')
    .innerJoin('organisation as o', 'o.id', 'p.organisation_id')
    .leftJoin('app_user as c', 'c.id', 'p.created_by')
    .leftJoin('app_user as a', 'a.id', 'p.approved_by')
    .selectAll('p')
    .select(['o.name as organisation_name', 'c.display_name as created_by_name', 'a.display_name as approved_by_name'])
    .where('p.organisation_id', '=', actor.organisationId)
    .orderBy('p.created_at', 'desc')
    .execute();
  if (plans.length === 0) return [];
  const statuses = await db
    .selectFrom('handover_item')
    .select(['plan_id', 'status'])
    .where(
      'plan_id',
      'in',
      plans.map((plan) => plan.id),
    )
    .execute();
  return plans.map((plan): HandoverPlan => ({
    id: plan.id,
    name: plan.name,
    reason: plan.reason,
    status: plan.status,
    organisationName: plan.organisation_name,
    createdByName: plan.created_by_name,
    createdAt: iso(plan.created_at)!,
    submittedAt: iso(plan.submitted_at),
    approvedByName: plan.approved_by_name,
    approvedAt: iso(plan.approved_at),
    completedAt: iso(plan.completed_at),
    usersToDisable: plan.users_to_disable,
    progress: progressOf(statuses.filter((row) => row.plan_id === plan.id).map((row) => row.status)),
  }));
}

/** An item waiting for (or decided by) the receiver, locked for its decision. */
export async function receivedItem(trx: Transaction<Database>, actor: Actor, itemId: string) {
  const row = await trx
    .selectFrom('handover_item as i')
    .innerJoin('handover_plan as p', 'p.id', 'i.plan_id')
    .innerJoin('organisation as o', 'o.id', 'p.organisation_id')
    .selectAll('i')
    .select(['p.organisation_id as sender_id', 'o.name as sender_name', 'p.approved_by', 'p.status as plan_status'])
    .where('i.id', '=', itemId)
    .where('i.receiver_id', '=', actor.organisationId)
    .where('p.status', 'in', ['approved', 'in_progress'])
    .forUpdate('i')
    .executeTakeFirst();
  if (!row) throw new DomainError('not_found', ITEM_NOT_FOUND, [], 'not_found');
  return row;
}

/** What waits for the receiver, and what it decided, across every plan handed to it. */
export async function incomingOf(db: Executor, actor: Actor): Promise<IncomingHandoverItem[]> {
  const rows = await db
    .selectFrom('handover_item as i')
    .innerJoin('handover_plan as p', 'p.id', 'i.plan_id')
    .innerJoin('organisation as o', 'o.id', 'p.organisation_id')
    .innerJoin('child_case as c', 'c.id', 'i.case_id')
    .select([
      'i.id',
      'i.plan_id',
      'p.name as plan_name',
      'o.name as sender_name',
      'p.organisation_id as sender_id',
      'c.case_number',
      'c.case_types',
      'c.sex',
      'i.kind',
      'i.type',
      'i.note',
      'i.sections',
      'i.status',
      'i.decline_reason',
      'i.case_id',
    ])
    .where('i.receiver_id', '=', actor.organisationId)
    .where('p.status', 'in', ['approved', 'in_progress', 'completed'])
    .where('i.type', 'is not', null)
    .orderBy(sql`case i.status when 'waiting' then 0 else 1 end`)
    .orderBy('p.approved_at')
    .orderBy('i.position')
    .execute();
  // The receiver knows a case by the number the office gave it, until it accepts and numbers it itself.
  const kept =
    rows.length === 0
      ? []
      : await db
          .selectFrom('case_reference')
          .select(['case_id', 'organisation_id', 'case_number'])
          .where(
            'case_id',
            'in',
            rows.map((row) => row.case_id),
          )
          .execute();
  const numbers = new Map<string, string>();
  for (const row of rows) {
    const reference = kept.find(
      (candidate) => candidate.case_id === row.case_id && candidate.organisation_id === row.sender_id,
    );
    if (reference) numbers.set(row.id, reference.case_number);
  }
  return rows.map((row) => ({
    id: row.id,
    planId: row.plan_id,
    planName: row.plan_name,
    fromOrganisationName: row.sender_name,
    caseNumber: row.status === 'accepted' ? row.case_number : (numbers.get(row.id) ?? row.case_number),
    caseTypes: row.case_types,
    sex: row.sex as IncomingHandoverItem['sex'],
    kind: row.kind,
    type: row.type!,
    note: row.note,
    sections: row.sections as IncomingHandoverItem['sections'],
    status: row.status,
    declineReason: row.decline_reason,
    caseId: row.status === 'accepted' ? row.case_id : null,
  }));
}

/** Every organisation on this server but the actor's: who a plan may hand cases to. */
export function receiversFor(db: Executor, actor: Actor) {
  return db
    .selectFrom('organisation')
    .select(['id', 'name', 'kind', 'province_code as provinceCode'])
    .where('id', '<>', actor.organisationId)
    .orderBy('name')
    .execute();
}

export function organisationById(db: Executor, organisationId: string) {
  return db
    .selectFrom('organisation')
    .select(['id', 'name', 'kind'])
    .where('id', '=', organisationId)
    .executeTakeFirst();
}
