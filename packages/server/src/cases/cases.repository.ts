import {
  DomainError,
  mayRead,
  normaliseForSearch,
  romanisedQueryKeys,
  romanisedSearchKey,
  searchKey,
  type AuditAction,
  type AuditEntry,
  type CaseListQuery,
  type CaseReach,
  eventReadable,
  eventWritable,
} from '@homeward/core';
import { sql, type Kysely, type Transaction, type Updateable } from 'kysely';
import { appendAudit } from '../audit/audit.repository';
import { auditEntries, selectAuditColumns, toAuditEntry } from '../audit/audit-search.repository';
import type { Actor } from '../auth/actor';
import type { CaseEventRow, CaseRow, ChildCaseTable, Database, NewCaseRow } from '../db/schema';
import { filterCases, sortCases } from './case-filters.repository';
import { refreshCareStays } from '../reports/care-stays.repository';
import type { CaseProjection } from '@homeward/core';
import { requirePermission } from '../access/require-permission';
import { identityReachable, ownScope, reachOf, visibleCases } from './child-visibility';
import type { UsedId } from './client-ids';

/**
 * The one way to cases. Every function takes the acting user, refuses what their roles do not allow, sees
 * only their organisation's cases (another organisation's case is "not found", never "forbidden"), and
 * writes an audit entry in the same transaction as the read or write it records.
 */
type Executor = Kysely<Database> | Transaction<Database>;

export const CASE_NOT_FOUND = 'No case with this id.';

function writableCases(db: Executor, actor: Actor) {
  return db.selectFrom('child_case').where((eb) => ownScope(eb, actor));
}

function audit(
  db: Executor,
  actor: Actor,
  action: AuditAction,
  caseId: string | null,
  detail?: Record<string, unknown>,
) {
  return appendAudit(db, { ...actor, action, caseId, ...(detail ? { detail } : {}) });
}

export type CaseWithWorker = CaseRow & { assigned_worker_name: string | null };

async function selectCase(
  db: Executor,
  actor: Actor,
  caseId: string,
  lock: 'read' | 'write' | 'add_event',
): Promise<CaseWithWorker> {
  let query = (lock === 'write' ? writableCases(db, actor) : visibleCases(db, actor))
    .leftJoin('app_user as worker', 'worker.id', 'child_case.assigned_worker_id')
    .selectAll('child_case')
    .select('worker.display_name as assigned_worker_name')
    .where('child_case.id', '=', caseId);
  if (lock !== 'read') query = query.forUpdate('child_case');
  const row = await query.executeTakeFirst();
  if (!row) throw new DomainError('not_found', CASE_NOT_FOUND, [], 'not_found');
  return row;
}

export type ReachedCase = CaseWithWorker & { reach: CaseReach };

/** A case the user reaches, with how far: as its lead, through a participation's sections, or to their writing. */
export async function readCase(db: Executor, actor: Actor, caseId: string): Promise<ReachedCase> {
  requirePermission(actor, 'case.read');
  const row = await selectCase(db, actor, caseId, 'read');
  await audit(db, actor, 'case.read', caseId);
  return { ...row, reach: await reachOf(db, actor, row) };
}

/** Locks the case for a write; the caller's transaction holds the lock until it commits. */
export async function lockCaseForWrite(trx: Transaction<Database>, actor: Actor, caseId: string) {
  requirePermission(actor, 'case.write');
  return selectCase(trx, actor, caseId, 'write');
}

/**
 * Locks the case for a new event of this type: the lead's users within their scope add any event; a service
 * provider's users add events of the writable sections they were given (decision 0010); a reader who reaches
 * the case but may not write there is refused, anyone else finds no case.
 */
export async function lockCaseForEvent(
  trx: Transaction<Database>,
  actor: Actor,
  caseId: string,
  eventType: string,
): Promise<ReachedCase> {
  requirePermission(actor, 'case.write');
  const row = await selectCase(trx, actor, caseId, 'add_event');
  const reach = await reachOf(trx, actor, row);
  if (reach.kind === 'lead') return { ...(await selectCase(trx, actor, caseId, 'write')), reach };
  if (!eventWritable(reach, eventType)) {
    throw new DomainError(
      'forbidden',
      'Your organisation takes part in this case but may not add this to it.',
      [],
      'section_not_shared',
    );
  }
  return { ...row, reach };
}

/** A case id already used, in any organisation: client-generated ids must stay unique. */
export function caseIdUse(db: Executor, caseId: string): Promise<UsedId | undefined> {
  return db
    .selectFrom('child_case')
    .select(['organisation_id', 'request_digest'])
    .where('id', '=', caseId)
    .executeTakeFirst();
}

/** The organisation holding each of these case ids, for those already used. */
export async function caseIdOwners(db: Executor, caseIds: readonly string[]): Promise<Map<string, string>> {
  if (caseIds.length === 0) return new Map();
  const rows = await db.selectFrom('child_case').select(['id', 'organisation_id']).where('id', 'in', caseIds).execute();
  return new Map(rows.map((row) => [row.id, row.organisation_id]));
}

function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

export async function searchCases(
  db: Executor,
  actor: Actor,
  query: CaseListQuery,
  today: string,
): Promise<{ rows: CaseRow[]; total: number }> {
  requirePermission(actor, 'case.read');
  let base = filterCases(visibleCases(db, actor), query, today);
  const q = query.q ? normaliseForSearch(query.q) : '';
  if (q && !mayRead(actor.access, 'identity')) {
    // Finding a child by a guessed name would confirm the name: without identity, only number and alias answer.
    const pattern = likePattern((query.q ?? '').trim().toLowerCase());
    base = base.where((eb) =>
      eb.or([eb(sql`lower(case_number)`, 'like', pattern), eb(sql`lower(coalesce(alias, ''))`, 'like', pattern)]),
    );
  } else if (q) {
    const spellings = romanisedQueryKeys(query.q ?? '').map((key) => likePattern(key));
    const pattern = likePattern((query.q ?? '').trim().toLowerCase());
    base = base.where((eb) =>
      eb.or([
        // A name finds only the children whose identity the reader's organisation holds or was given.
        eb.and([
          identityReachable(eb, actor),
          eb.or([
            eb('search_key', 'like', likePattern(q)),
            ...spellings.map((key) => eb('romanised_key', 'like', key)),
          ]),
        ]),
        eb(sql`lower(case_number)`, 'like', pattern),
        eb(sql`lower(coalesce(alias, ''))`, 'like', pattern),
      ]),
    );
  }
  const [rows, count] = await Promise.all([
    sortCases(base.selectAll(), query).limit(query.limit).offset(query.offset).execute(),
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
  /** The client's request, for an event it identified (see client-ids). */
  requestDigest?: string;
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
      request_digest: event.requestDigest ?? null,
    })
    .execute();
  await audit(trx, actor, 'case.event_add', event.caseId, { eventType: event.type, eventId: event.id });
}

/**
 * Writes the projection onto the case row, and the case's stays in care for reports, in the transaction that
 * recorded the event they follow from.
 */
export async function updateCaseProjection(
  trx: Transaction<Database>,
  caseId: string,
  projection: CaseProjection,
  /** A correction's changes to the child's identity, written in the same statement (one version step). */
  profile: Updateable<ChildCaseTable> = {},
): Promise<void> {
  await trx
    .updateTable('child_case')
    .set({
      ...profile,
      case_types: projection.caseTypes,
      child_type: projection.childType,
      referral: JSON.stringify(projection.referral),
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
  await refreshCareStays(trx, caseId);
}

export type EventWithAuthor = CaseEventRow & { author_name: string | null; organisation_name: string };

/** Every event of a case with who wrote it and for which organisation; callers keep what the reader reaches. */
function eventsWithAuthors(db: Executor, caseId: string): Promise<EventWithAuthor[]> {
  return db
    .selectFrom('case_event')
    .innerJoin('organisation as writer', 'writer.id', 'case_event.organisation_id')
    .leftJoin('app_user as author', 'author.id', 'case_event.author_id')
    .selectAll('case_event')
    .select(['author.display_name as author_name', 'writer.name as organisation_name'])
    .where('case_event.case_id', '=', caseId)
    .orderBy('case_event.occurred_on')
    .orderBy('case_event.seq')
    .execute();
}

export async function readEvents(
  db: Executor,
  actor: Actor,
  caseId: string,
): Promise<{ reach: CaseReach; rows: EventWithAuthor[] }> {
  requirePermission(actor, 'case.read');
  const reach = await reachOf(db, actor, await selectCase(db, actor, caseId, 'read'));
  const rows = (await eventsWithAuthors(db, caseId)).filter((row) =>
    eventReadable(reach, row.type, row.organisation_id),
  );
  await audit(db, actor, 'case.read_events', caseId, { events: rows.length });
  return { reach, rows };
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

/** An event id already used, in any organisation, and the case it belongs to. */
export function eventIdUse(db: Executor, eventId: string) {
  return db
    .selectFrom('case_event')
    .select(['case_id', 'organisation_id', 'request_digest'])
    .where('id', '=', eventId)
    .executeTakeFirst();
}

/** A group activity id already used, in any organisation. */
export function groupActivityIdUse(db: Executor, activityId: string): Promise<UsedId | undefined> {
  return db
    .selectFrom('group_activity')
    .select(['organisation_id', 'request_digest'])
    .where('id', '=', activityId)
    .executeTakeFirst();
}

export async function insertGroupActivity(
  trx: Transaction<Database>,
  actor: Actor,
  activity: { id: string; topic: string; title?: string | undefined; occurredOn: string; requestDigest: string },
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
      request_digest: activity.requestDigest,
    })
    .execute();
}

const ACCESS_LOG_LENGTH = 500;

/** Who read and changed a case, newest first; reading it is itself recorded. */
export async function readAccessLog(db: Executor, actor: Actor, caseId: string): Promise<AuditEntry[]> {
  requirePermission(actor, 'case.access_log');
  await selectCase(db, actor, caseId, 'read');
  const rows = await selectAuditColumns(auditEntries(db, actor.organisationId))
    .where('a.case_id', '=', caseId)
    .orderBy('a.id', 'desc')
    .limit(ACCESS_LOG_LENGTH)
    .execute();
  await audit(db, actor, 'case.access_log_read', caseId);
  return rows.map(toAuditEntry);
}

/** A case printed on a form: the paper leaves the system, so the audit must say who took it, when and how. */
export async function recordPrint(db: Executor, actor: Actor, caseId: string, print: { form: string; alias: boolean }) {
  requirePermission(actor, 'case.read');
  await selectCase(db, actor, caseId, 'read');
  await audit(db, actor, 'case.print', caseId, { form: print.form, alias: print.alias });
}

/** Everything of a case for its whole-file export, with the files still encrypted as stored. */
export async function readCaseFile(
  trx: Transaction<Database>,
  actor: Actor,
  caseId: string,
  detail: { encrypted: boolean; language: string },
) {
  requirePermission(actor, 'case.export');
  const child = await selectCase(trx, actor, caseId, 'read');
  const reach = await reachOf(trx, actor, child);
  const events = (await eventsWithAuthors(trx, caseId)).filter((row) =>
    eventReadable(reach, row.type, row.organisation_id),
  );
  const files = (
    await trx.selectFrom('attachment').selectAll().where('case_id', '=', caseId).orderBy('created_at').execute()
  ).filter((row) => eventReadable(reach, 'document', row.organisation_id));
  await audit(trx, actor, 'case.export', caseId, {
    format: 'zip',
    ...detail,
    events: events.length,
    attachments: files.length,
  });
  return { child: { ...child, reach }, events, files };
}

/**
 * Deletes a case with everything recorded about it. The audit keeps the case number and the reason, never the
 * child's name, so the deletion can be accounted for after the record is gone.
 */
export async function deleteCase(
  trx: Transaction<Database>,
  actor: Actor,
  caseId: string,
  deletion: { reason: string; confirmCaseNumber: string },
): Promise<void> {
  requirePermission(actor, 'case.delete');
  const child = await selectCase(trx, actor, caseId, 'write');
  if (deletion.confirmCaseNumber !== child.case_number) {
    const message = 'The case number typed does not match this case.';
    throw new DomainError('invalid', message, [{ field: 'confirmCaseNumber', message }], 'confirmation_mismatch');
  }
  await trx.deleteFrom('attachment').where('case_id', '=', caseId).execute();
  await trx.deleteFrom('task').where('case_id', '=', caseId).execute();
  await trx.deleteFrom('care_stay').where('case_id', '=', caseId).execute();
  await trx.deleteFrom('case_event').where('case_id', '=', caseId).execute();
  await trx.deleteFrom('child_case').where('id', '=', caseId).execute();
  await audit(trx, actor, 'case.delete', caseId, { caseNumber: child.case_number, reason: deletion.reason });
}

/** Payload fields that name a person or say where the family lives: replaced or dropped by pseudonymisation. */
const NAME_FIELDS = ['name', 'carerName', 'guardianName'];
const LOCATION_FIELDS = ['phone', 'villageCode'];

function pseudonymousPayload(payload: Record<string, unknown>, alias: string): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(payload)) {
    if (LOCATION_FIELDS.includes(key)) continue;
    result[key] = NAME_FIELDS.includes(key) && typeof value === 'string' ? alias : value;
  }
  return result;
}

/**
 * Replaces a child's identity by the alias, as an organisation's retention rule asks. No user acts here: the
 * organisation's own rule does, run by an operator, so the audit entry names the rule instead of a user.
 */
export async function pseudonymiseCase(
  trx: Transaction<Database>,
  organisationId: string,
  caseId: string,
  rule: { status: string; afterYears: number; dueOn: string },
): Promise<void> {
  const child = await trx
    .selectFrom('child_case')
    .select(['case_number', 'alias', 'date_of_birth'])
    .where('id', '=', caseId)
    .where('organisation_id', '=', organisationId)
    .forUpdate()
    .executeTakeFirstOrThrow();
  const alias = child.alias ?? child.case_number;
  await trx
    .updateTable('child_case')
    .set({
      family_name_km: null,
      given_name_km: null,
      family_name_latin: null,
      given_name_latin: null,
      alias,
      date_of_birth: `${child.date_of_birth.slice(0, 4)}-01-01`,
      date_of_birth_estimated: true,
      village_code: null,
      search_key: searchKey([alias, child.case_number]),
      romanised_key: romanisedSearchKey({ alias }),
      pseudonymised_at: sql`now()`,
      updated_at: sql`now()`,
    })
    .where('id', '=', caseId)
    .execute();
  const events = await trx.selectFrom('case_event').select(['id', 'payload']).where('case_id', '=', caseId).execute();
  for (const event of events) {
    await trx
      .updateTable('case_event')
      .set({ payload: JSON.stringify(pseudonymousPayload(event.payload, alias)) })
      .where('id', '=', event.id)
      .execute();
  }
  await appendAudit(trx, {
    userId: null,
    organisationId,
    roles: [],
    action: 'case.pseudonymise',
    caseId,
    detail: { caseNumber: child.case_number, rule },
  });
}
