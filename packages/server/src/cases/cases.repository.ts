import { can, DomainError, normaliseForSearch, type CaseListQuery, type Permission } from '@homeward/core';
import { sql, type Kysely, type Transaction } from 'kysely';
import { appendAudit } from '../audit/audit.repository';
import type { Actor } from '../auth/actor';
import type { CaseEventRow, CaseRow, Database, NewCaseRow } from '../db/schema';
import type { CaseProjection } from '@homeward/core';

/**
 * The one way to cases. Every function takes the acting user, refuses what their roles do not allow, sees
 * only their organisation's cases (another organisation's case is "not found", never "forbidden"), and
 * writes an audit entry in the same transaction as the read or write it records.
 */
type Executor = Kysely<Database> | Transaction<Database>;

function requirePermission(actor: Actor, permission: Permission): void {
  if (!can(actor.roles, permission)) {
    throw new DomainError('forbidden', 'Your role does not allow this.', [], 'forbidden');
  }
}

export const CASE_NOT_FOUND = 'No case with this id.';

function visibleCases(db: Executor, actor: Actor) {
  return db.selectFrom('child_case').where('child_case.organisation_id', '=', actor.organisationId);
}

function audit(db: Executor, actor: Actor, action: string, caseId: string | null, detail?: Record<string, unknown>) {
  return appendAudit(db, { ...actor, action, caseId, ...(detail ? { detail } : {}) });
}

export type CaseWithWorker = CaseRow & { assigned_worker_name: string | null };

async function selectCase(db: Executor, actor: Actor, caseId: string, forUpdate: boolean): Promise<CaseWithWorker> {
  let query = visibleCases(db, actor)
    .leftJoin('app_user as worker', 'worker.id', 'child_case.assigned_worker_id')
    .selectAll('child_case')
    .select('worker.display_name as assigned_worker_name')
    .where('child_case.id', '=', caseId);
  if (forUpdate) query = query.forUpdate('child_case');
  const row = await query.executeTakeFirst();
  if (!row) throw new DomainError('not_found', CASE_NOT_FOUND, [], 'not_found');
  return row;
}

export async function readCase(db: Executor, actor: Actor, caseId: string): Promise<CaseWithWorker> {
  requirePermission(actor, 'case.read');
  const row = await selectCase(db, actor, caseId, false);
  await audit(db, actor, 'case.read', caseId);
  return row;
}

/** Locks the case for a write; the caller's transaction holds the lock until it commits. */
export async function lockCaseForWrite(trx: Transaction<Database>, actor: Actor, caseId: string) {
  requirePermission(actor, 'case.write');
  return selectCase(trx, actor, caseId, true);
}

/** A case id already taken, in any organisation: client-generated ids must stay unique. */
export async function caseIdOwner(db: Executor, caseId: string): Promise<string | undefined> {
  const row = await db.selectFrom('child_case').select('organisation_id').where('id', '=', caseId).executeTakeFirst();
  return row?.organisation_id;
}

function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

export async function searchCases(
  db: Executor,
  actor: Actor,
  query: CaseListQuery,
): Promise<{ rows: CaseRow[]; total: number }> {
  requirePermission(actor, 'case.read');
  let base = visibleCases(db, actor);
  const q = query.q ? normaliseForSearch(query.q) : '';
  if (q) {
    const pattern = likePattern(q);
    base = base.where('search_key', 'like', pattern);
  }
  const [rows, count] = await Promise.all([
    base
      .selectAll()
      .orderBy('opened_on', 'desc')
      .orderBy('case_number', 'desc')
      .limit(query.limit)
      .offset(query.offset)
      .execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  // The search words may be a child's name: the audit keeps only that a search happened and what it found.
  await audit(db, actor, q ? 'case.search' : 'case.list', null, { results: rows.length, total: count.n });
  return { rows, total: count.n };
}

export async function nextCaseNumber(trx: Transaction<Database>, organisationId: string, year: number) {
  const org = await trx
    .updateTable('organisation')
    .set((eb) => ({ case_counter: eb('case_counter', '+', 1) }))
    .where('id', '=', organisationId)
    .returning(['case_prefix', 'case_counter'])
    .executeTakeFirstOrThrow();
  return `${org.case_prefix}-${year}-${String(org.case_counter).padStart(4, '0')}`;
}

export async function insertCase(trx: Transaction<Database>, actor: Actor, row: NewCaseRow): Promise<void> {
  requirePermission(actor, 'case.create');
  if (row.organisation_id !== actor.organisationId) throw new Error('A case belongs to its creator’s organisation.');
  await trx.insertInto('child_case').values(row).execute();
  await audit(trx, actor, 'case.create', row.id);
}

export interface NewEventRow {
  id: string;
  caseId: string;
  type: string;
  occurredOn: string;
  supersedes?: string | undefined;
  payload: Record<string, unknown>;
}

export async function insertEvent(trx: Transaction<Database>, actor: Actor, event: NewEventRow): Promise<void> {
  requirePermission(actor, 'case.write');
  await trx
    .insertInto('case_event')
    .values({
      id: event.id,
      case_id: event.caseId,
      organisation_id: actor.organisationId,
      type: event.type,
      occurred_on: event.occurredOn,
      author_id: actor.userId,
      supersedes: event.supersedes ?? null,
      payload: JSON.stringify(event.payload),
    })
    .execute();
  await audit(trx, actor, 'case.event_add', event.caseId, { eventType: event.type, eventId: event.id });
}

/** Writes the projection onto the case row, in the transaction that recorded the event it follows from. */
export async function updateCaseProjection(
  trx: Transaction<Database>,
  caseId: string,
  projection: CaseProjection,
): Promise<void> {
  await trx
    .updateTable('child_case')
    .set({
      status: projection.status,
      risk_level: projection.riskLevel,
      opened_on: projection.openedOn,
      last_event_on: projection.lastEventOn,
      current_care_type: projection.placement?.careType ?? null,
      current_facility_id: projection.placement?.facilityId ?? null,
      placed_since: projection.placement?.since ?? null,
      reintegrated_on: projection.reintegratedOn,
      closed_on: projection.closedOn,
      next_follow_up_on: projection.nextFollowUpOn,
      has_assessment: projection.hasAssessment,
      care_plan_review_on: projection.carePlan?.reviewOn ?? null,
      care_plan_approved: projection.carePlan?.approved ?? null,
      pending_approvals: projection.approvals.filter((approval) => approval.decision === 'pending').length,
      updated_at: sql`now()`,
    })
    .where('id', '=', caseId)
    .execute();
}

export type EventWithAuthor = CaseEventRow & { author_name: string | null };

export async function readEvents(db: Executor, actor: Actor, caseId: string): Promise<EventWithAuthor[]> {
  requirePermission(actor, 'case.read');
  await selectCase(db, actor, caseId, false);
  const rows = await db
    .selectFrom('case_event')
    .leftJoin('app_user as author', 'author.id', 'case_event.author_id')
    .selectAll('case_event')
    .select('author.display_name as author_name')
    .where('case_event.case_id', '=', caseId)
    .where('case_event.organisation_id', '=', actor.organisationId)
    .orderBy('case_event.occurred_on')
    .orderBy('case_event.seq')
    .execute();
  await audit(db, actor, 'case.read_events', caseId, { events: rows.length });
  return rows;
}

/** Events of a case for a rule check inside a write; the caller already holds the case's lock. */
export function eventsForRules(trx: Executor, caseId: string) {
  return trx
    .selectFrom('case_event')
    .select(['id', 'type', 'occurred_on as occurredOn', 'payload', 'supersedes'])
    .where('case_id', '=', caseId)
    .orderBy('seq')
    .execute();
}

export function findEvent(db: Executor, actor: Actor, eventId: string) {
  return db
    .selectFrom('case_event')
    .select(['id', 'case_id'])
    .where('id', '=', eventId)
    .where('organisation_id', '=', actor.organisationId)
    .executeTakeFirst();
}

export async function insertGroupActivity(
  trx: Transaction<Database>,
  actor: Actor,
  activity: { id: string; topic: string; title?: string | undefined; occurredOn: string },
): Promise<void> {
  requirePermission(actor, 'case.write');
  await trx
    .insertInto('group_activity')
    .values({
      id: activity.id,
      organisation_id: actor.organisationId,
      topic: activity.topic,
      title: activity.title ?? null,
      occurred_on: activity.occurredOn,
      facilitator_id: actor.userId,
    })
    .execute();
}
