import { can } from '@homeward/core';
import type { Kysely } from 'kysely';
import type { Actor } from '../auth/actor';
import type { Database } from '../db/schema';
import { CASE_NAMES, openCases, pendingApprovals } from '../cases/caseload.repository';
import { childrenAsSeenBy } from '../cases/child-visibility';
import { openTasksOf } from './tasks.repository';

/** The signed-in worker's due work: tasks given, follow-ups, care plan reviews and, for supervisors, approvals. */
export async function tasksFor(db: Kysely<Database>, actor: Actor, today: string, horizon: string) {
  if (!can(actor.access, 'case.read')) return [];
  const mine = () => openCases(db, actor).where('c.assigned_worker_id', '=', actor.userId);
  const [given, followUps, reviews, approvals] = await Promise.all([
    openTasksOf(db, actor),
    mine()
      .select([...CASE_NAMES, 'c.next_follow_up_on as dueOn'])
      .where('c.status', '=', 'follow_up')
      .where('c.next_follow_up_on', '<=', horizon)
      .execute(),
    mine()
      .select([...CASE_NAMES, 'c.care_plan_review_on as dueOn'])
      .where('c.care_plan_review_on', '<=', horizon)
      .execute(),
    can(actor.access, 'case.approve') ? pendingApprovals(db, actor).execute() : Promise.resolve([]),
  ]);
  const tasks = [
    ...given.map((row) => ({ ...row, kind: 'task' as const })),
    ...followUps.map((row) => ({ ...row, kind: 'follow_up' as const, dueOn: row.dueOn ?? today })),
    ...reviews.map((row) => ({ ...row, kind: 'care_plan_review' as const, dueOn: row.dueOn ?? today })),
    ...approvals.map(({ requestId: _request, requestedBy: _by, requestedOn, subject, ...row }) => ({
      ...row,
      kind: 'approval' as const,
      dueOn: requestedOn,
      subject,
    })),
  ];
  const due = tasks
    .map((task) => ({ ...task, overdue: task.kind !== 'approval' && task.dueOn < today }))
    .sort((a, b) => a.dueOn.localeCompare(b.dueOn));
  return childrenAsSeenBy(db, actor, due, { action: 'task.list' });
}
