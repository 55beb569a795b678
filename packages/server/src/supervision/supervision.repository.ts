import { can, DomainError } from '@homeward/core';
import { sql, type Kysely } from 'kysely';
import type { Actor } from '../auth/actor';
import type { Database } from '../db/schema';
import { CASE_NAMES, openCases, pendingApprovals } from '../cases/caseload.repository';
import { childLens } from '../cases/child-visibility';

/**
 * The supervisor's view of the organisation's caseload. Like every case read, it is limited to the actor's
 * organisation and audited; children outside the supervisor's scope show only their case number and alias.
 */

function requireApprove(actor: Actor): void {
  if (!can(actor.access, 'case.approve'))
    throw new DomainError('forbidden', 'This view is for supervisors.', [], 'forbidden');
}

export async function supervisionSummary(db: Kysely<Database>, actor: Actor, today: string) {
  requireApprove(actor);
  const [caseload, overdue, approvals, withoutAssessment, withoutCarePlan] = await Promise.all([
    openCases(db, actor)
      .leftJoin('app_user as w', 'w.id', 'c.assigned_worker_id')
      .select([
        'c.assigned_worker_id as workerId',
        'w.display_name as workerName',
        sql<number>`count(*)::int`.as('open'),
        sql<number>`(count(*) filter (where c.status = 'follow_up'))::int`.as('followUp'),
        sql<number>`(count(*) filter (where c.next_follow_up_on < ${today}))::int`.as('overdue'),
      ])
      .groupBy(['c.assigned_worker_id', 'w.display_name'])
      .orderBy('w.display_name')
      .execute(),
    openCases(db, actor)
      .leftJoin('app_user as w', 'w.id', 'c.assigned_worker_id')
      .select([...CASE_NAMES, 'c.next_follow_up_on as dueOn', 'w.display_name as workerName'])
      .where('c.status', '=', 'follow_up')
      .where('c.next_follow_up_on', '<', today)
      .orderBy('c.next_follow_up_on')
      .execute(),
    pendingApprovals(db, actor).execute(),
    openCases(db, actor)
      .select([...CASE_NAMES, 'c.opened_on as openedOn'])
      .where('c.has_assessment', '=', false)
      .orderBy('c.opened_on')
      .execute(),
    openCases(db, actor)
      .select([...CASE_NAMES, 'c.opened_on as openedOn'])
      .where('c.care_plan_review_on', 'is', null)
      .where('c.status', '=', 'active')
      .orderBy('c.opened_on')
      .execute(),
  ]);
  const named = [...overdue, ...approvals, ...withoutAssessment, ...withoutCarePlan];
  const see = await childLens(
    db,
    actor,
    named.map((row) => row.caseId),
    { action: 'supervision.read' },
  );
  return {
    caseloadByWorker: caseload.map((row) => ({ ...row, workerName: row.workerName ?? null })),
    overdueFollowUps: overdue.map((row) => see({ ...row, dueOn: row.dueOn ?? '' }, row.caseId)),
    pendingApprovals: approvals.map((row) => see(row, row.caseId)),
    withoutAssessment: withoutAssessment.map((row) => see(row, row.caseId)),
    withoutCarePlan: withoutCarePlan.map((row) => see(row, row.caseId)),
  };
}
