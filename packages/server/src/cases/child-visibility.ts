import {
  caseSectionsSchema,
  OUT_OF_SCOPE,
  redactCase,
  tiersOnCase,
  type AuditAction,
  type CaseReach,
  type FieldTier,
} from '@homeward/core';
import { sql, type ExpressionBuilder, type Kysely, type Transaction } from 'kysely';
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

/**
 * Cases another organisation leads in which the user's organisation takes part (decision 0010), as far as the
 * user's scope reaches: the whole organisation's participations, the department's (government officers), or
 * those given to the user or a team mate. Ended participations are included: they still read what they wrote.
 */
function participatesIn(eb: ExpressionBuilder<Database, 'child_case'>, actor: Actor) {
  let query = eb
    .selectFrom('case_participant as p')
    .select('p.case_id')
    .where('p.organisation_id', '=', actor.organisationId);
  switch (actor.access.scope) {
    case 'organisation':
      break;
    case 'referred':
      query = query.where('p.role', '=', 'department');
      break;
    case 'team':
    case 'assigned': {
      const colleagues =
        actor.access.scope === 'team' && actor.team
          ? eb
              .selectFrom('app_user as colleague')
              .select('colleague.id')
              .where('colleague.organisation_id', '=', actor.organisationId)
              .where('colleague.team', '=', actor.team)
          : null;
      query = query.where((p) =>
        colleagues
          ? p.or([p('p.assigned_worker_id', '=', actor.userId), p('p.assigned_worker_id', 'in', colleagues)])
          : p('p.assigned_worker_id', '=', actor.userId),
      );
      break;
    }
    case 'facility':
      return eb.val(false);
  }
  return eb('child_case.id', 'in', query);
}

export function visibleCases(db: Executor, actor: Actor) {
  return db.selectFrom('child_case').where((eb) => eb.or([ownScope(eb, actor), participatesIn(eb, actor)]));
}

/** The cases a user may write: their own scope only, never a case another organisation leads. */
export function writableCases(db: Executor, actor: Actor) {
  return db.selectFrom('child_case').where((eb) => ownScope(eb, actor));
}

/** The cases whose child's identity the user's organisation holds (as lead) or was given (a participation). */
export function identityReachable(eb: ExpressionBuilder<Database, 'child_case'>, actor: Actor) {
  return eb.or([
    eb('child_case.organisation_id', '=', actor.organisationId),
    eb(
      'child_case.id',
      'in',
      eb
        .selectFrom('case_participant as p')
        .select('p.case_id')
        .where('p.organisation_id', '=', actor.organisationId)
        .where('p.ended_on', 'is', null)
        .where(sql<boolean>`'identity' = any(p.sections)`),
    ),
  ]);
}

/**
 * How far the user reaches each of these visible cases: as a user of the lead organisation, through their
 * organisation's active participation (its sections), or only to what their organisation wrote.
 */
export async function reachesOf(
  db: Executor,
  actor: Actor,
  cases: readonly { id: string; organisation_id: string }[],
): Promise<Map<string, CaseReach>> {
  const reaches = new Map<string, CaseReach>();
  const others = cases.filter((row) => row.organisation_id !== actor.organisationId).map((row) => row.id);
  for (const row of cases) if (row.organisation_id === actor.organisationId) reaches.set(row.id, { kind: 'lead' });
  if (others.length === 0) return reaches;
  const active = await db
    .selectFrom('case_participant')
    .select(['case_id', 'role', 'sections'])
    .where('organisation_id', '=', actor.organisationId)
    .where('case_id', 'in', [...new Set(others)])
    .where('ended_on', 'is', null)
    .execute();
  const byCase = new Map(active.map((row) => [row.case_id, row]));
  for (const caseId of others) {
    const participation = byCase.get(caseId);
    const reads = participation && (participation.role !== 'former_lead' || participation.sections.length > 0);
    reaches.set(
      caseId,
      reads
        ? {
            kind: 'participant',
            organisationId: actor.organisationId,
            role: participation.role,
            sections: caseSectionsSchema.parse(participation.sections),
          }
        : { kind: 'own_writing', organisationId: actor.organisationId },
    );
  }
  return reaches;
}

export async function reachOf(db: Executor, actor: Actor, row: { id: string; organisation_id: string }) {
  return (await reachesOf(db, actor, [row])).get(row.id)!;
}

/** One child as the reader may see them: their tiers on the case they reach, the case number and alias outside. */
export function asSeenBy<T extends Record<string, unknown>>(
  actor: Actor,
  row: T,
  reach: CaseReach | undefined,
): T & { hidden: FieldTier[] } {
  return redactCase(row, reach ? tiersOnCase(actor.access, reach) : OUT_OF_SCOPE);
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
  const reached = ids.length
    ? await reachesOf(
        db,
        actor,
        await visibleCases(db, actor)
          .select(['child_case.id', 'child_case.organisation_id'])
          .where('child_case.id', 'in', ids)
          .execute(),
      )
    : new Map<string, CaseReach>();
  await appendAudit(db, { ...actor, action: audit.action, detail: { ...audit.detail, caseIds: ids } });
  return (row, caseId) => asSeenBy(actor, row, reached.get(caseId));
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
