import { OUT_OF_SCOPE, redactCase, type AuditAction, type FieldTier } from '@homeward/core';
import type { ExpressionBuilder, Kysely, Transaction } from 'kysely';
import { requirePermission } from '../access/require-permission';
import { appendAudit } from '../audit/audit.repository';
import type { Actor } from '../auth/actor';
import type { CaseRow, Database } from '../db/schema';

/**
 * The one check between a child and a reader: which cases the reader's record scope reaches, and which of a
 * child's fields their tiers let them see. The case read, the case list, tasks, supervision, a facility's
 * children, the duplicate check and a report's drilldown all pass through here, so a new list that names
 * children cannot show more than the case page would.
 */
type Executor = Kysely<Database> | Transaction<Database>;

/**
 * The cases a user's scope reaches in their own organisation: all of them, their team's (cases assigned to a
 * colleague of the same team, or to them), their own, or those of the children placed in their facility. These
 * are the cases they may write.
 */
export function ownScope(eb: ExpressionBuilder<Database, 'child_case'>, actor: Actor) {
  const own = eb('child_case.organisation_id', '=', actor.organisationId);
  switch (actor.access.scope) {
    case 'organisation':
      return own;
    case 'team': {
      const mine = eb('child_case.assigned_worker_id', '=', actor.userId);
      if (!actor.team) return eb.and([own, mine]);
      const team = eb
        .selectFrom('app_user as colleague')
        .select('colleague.id')
        .where('colleague.organisation_id', '=', actor.organisationId)
        .where('colleague.team', '=', actor.team);
      return eb.and([own, eb.or([mine, eb('child_case.assigned_worker_id', 'in', team)])]);
    }
    case 'assigned':
      return eb.and([own, eb('child_case.assigned_worker_id', '=', actor.userId)]);
    case 'facility':
      return actor.facilityId
        ? eb.and([own, eb('child_case.current_facility_id', '=', actor.facilityId)])
        : eb.val(false);
    case 'referred':
      return eb.val(false);
  }
}

/** Cases referred or handed over to the user's organisation: readable, never writable, by the receiver. */
function sharedWith(eb: ExpressionBuilder<Database, 'child_case'>, actor: Actor) {
  return eb(
    'child_case.id',
    'in',
    eb
      .selectFrom('case_share')
      .select('case_share.case_id')
      .where('case_share.organisation_id', '=', actor.organisationId),
  );
}

export function visibleCases(db: Executor, actor: Actor) {
  return db.selectFrom('child_case').where((eb) => eb.or([ownScope(eb, actor), sharedWith(eb, actor)]));
}

/** The cases a user may write: their own scope only, never a case shared with their organisation. */
export function writableCases(db: Executor, actor: Actor) {
  return db.selectFrom('child_case').where((eb) => ownScope(eb, actor));
}

/** Which of these cases the user may read: lists that mention other cases show only those in full. */
export async function readableAmong(db: Executor, actor: Actor, caseIds: readonly string[]): Promise<Set<string>> {
  if (caseIds.length === 0) return new Set();
  const rows = await visibleCases(db, actor)
    .select('child_case.id')
    .where('child_case.id', 'in', [...new Set(caseIds)])
    .execute();
  return new Set(rows.map((row) => row.id));
}

/** One child as the reader may see them: their tiers inside their scope, the case number and alias outside it. */
export function asSeenBy<T extends Record<string, unknown>>(
  actor: Actor,
  row: T,
  inScope: boolean,
): T & { hidden: FieldTier[] } {
  return redactCase(row, inScope ? actor.access : OUT_OF_SCOPE);
}

/** Shows one child of a list as the reader may see them; made once per list by `childLens`. */
export type ChildLens = <T extends Record<string, unknown>>(row: T, caseId: string) => T & { hidden: FieldTier[] };

/**
 * How the reader may see each of the children a list names (tasks, supervision, a facility, duplicates), with
 * the read audited with the cases it shows. The list itself may reach beyond the reader's scope (a supervisor's
 * organisation-wide gaps, a task about a case later reassigned): those rows keep only the case number and alias.
 */
export async function childLens(
  db: Executor,
  actor: Actor,
  caseIds: readonly string[],
  audit: { action: AuditAction; detail?: Record<string, unknown> },
): Promise<ChildLens> {
  const ids = [...new Set(caseIds)];
  const readable = await readableAmong(db, actor, ids);
  await appendAudit(db, { ...actor, action: audit.action, detail: { ...audit.detail, caseIds: ids } });
  return (row, caseId) => asSeenBy(actor, row, readable.has(caseId));
}

/** `childLens` over a list whose rows carry their case id as `caseId`. */
export async function childrenAsSeenBy<T extends Record<string, unknown> & { caseId: string }>(
  db: Executor,
  actor: Actor,
  rows: readonly T[],
  audit: { action: AuditAction; detail?: Record<string, unknown> },
): Promise<(T & { hidden: FieldTier[] })[]> {
  const see = await childLens(
    db,
    actor,
    rows.map((row) => row.caseId),
    audit,
  );
  return rows.map((row) => see(row, row.caseId));
}

/**
 * The cases behind a report's cell, as far as the actor may see them: the ids come from a report, which may
 * count other organisations' cases (a government scope); only those in the actor's scope are returned, and the
 * read is audited with their ids.
 */
export async function readCasesByIds(
  db: Executor,
  actor: Actor,
  caseIds: string[],
  reason: string,
): Promise<CaseRow[]> {
  requirePermission(actor, 'case.read');
  const rows = caseIds.length
    ? await visibleCases(db, actor)
        .selectAll()
        .where('id', 'in', caseIds)
        .orderBy('opened_on', 'desc')
        .orderBy('case_number', 'desc')
        .execute()
    : [];
  await appendAudit(db, {
    ...actor,
    action: 'case.list',
    detail: { reason, results: rows.length, caseIds: rows.map((row) => row.id) },
  });
  return rows;
}
