import { UNASSIGNED, type CaseListQuery } from '@homeward/core';
import { sql, type SelectQueryBuilder } from 'kysely';
import type { Database } from '../db/schema';

type CaseQuery<O> = SelectQueryBuilder<Database, 'child_case', O>;

/** The case list's filters, applied on top of the reader's scope (never instead of it). */
export function filterCases<O>(base: CaseQuery<O>, query: CaseListQuery, today: string): CaseQuery<O> {
  let filtered = base;
  if (query.status === 'open') filtered = filtered.where('child_case.status', '<>', 'closed');
  else if (query.status) filtered = filtered.where('child_case.status', '=', query.status);
  if (query.worker === UNASSIGNED) filtered = filtered.where('child_case.assigned_worker_id', 'is', null);
  else if (query.worker) filtered = filtered.where('child_case.assigned_worker_id', '=', query.worker);
  if (query.caseType) filtered = filtered.where(sql<boolean>`${query.caseType} = any(child_case.case_types)`);
  if (query.riskLevel) filtered = filtered.where('child_case.risk_level', '=', query.riskLevel);
  if (query.facility) filtered = filtered.where('child_case.current_facility_id', '=', query.facility);
  if (query.overdue) {
    filtered = filtered.where('child_case.status', '=', 'follow_up').where('child_case.next_follow_up_on', '<', today);
  }
  return filtered;
}

const RISK_ORDER = sql<number>`case child_case.risk_level when 'high' then 4 when 'medium' then 3 when 'low' then 2 when 'no_action' then 1 else 0 end`;

/** The chosen order; a date no case has yet (no next visit) goes last either way. */
export function sortCases<O>(base: CaseQuery<O>, query: CaseListQuery): CaseQuery<O> {
  const direction = query.order === 'asc' ? sql`asc` : sql`desc`;
  const column = {
    openedOn: sql`child_case.opened_on`,
    lastEventOn: sql`child_case.last_event_on`,
    nextFollowUpOn: sql`child_case.next_follow_up_on`,
    riskLevel: RISK_ORDER,
    caseNumber: sql`child_case.case_number`,
  }[query.sort ?? 'openedOn'];
  return base
    .orderBy(sql`${column} ${direction} nulls last`)
    .orderBy(sql`child_case.case_number ${direction}`)
    .orderBy('child_case.id');
}
