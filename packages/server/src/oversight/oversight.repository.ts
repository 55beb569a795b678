import { can, DomainError, type ApprovalSubject } from '@homeward/core';
import { sql, type Kysely } from 'kysely';
import type { Actor } from '../auth/actor';
import type { Database } from '../db/schema';
import { childLens, childrenAsSeenBy } from '../cases/child-visibility';
import { openTasksOf } from '../tasks/tasks.repository';

/**
 * Queries across an organisation's caseload for supervisors and for each worker's tasks. Like every case
 * read, they are limited to the actor's organisation and audited.
 */
const NAMES = [
  'c.id as caseId',
  'c.case_number as caseNumber',
  'c.family_name_km as familyNameKm',
  'c.given_name_km as givenNameKm',
  'c.family_name_latin as familyNameLatin',
  'c.given_name_latin as givenNameLatin',
  'c.alias',
] as const;

function requireApprove(actor: Actor): void {
  if (!can(actor.access, 'case.approve'))
    throw new DomainError('forbidden', 'This view is for supervisors.', [], 'forbidden');
}

function openCases(db: Kysely<Database>, actor: Actor) {
  return db
    .selectFrom('child_case as c')
    .where('c.organisation_id', '=', actor.organisationId)
    .where('c.status', '<>', 'closed');
}

/** Approval requests of the organisation that nobody has decided yet. */
function pendingApprovals(db: Kysely<Database>, actor: Actor) {
  return db
    .selectFrom('case_event as r')
    .innerJoin('child_case as c', 'c.id', 'r.case_id')
    .leftJoin('app_user as u', 'u.id', 'r.author_id')
    .select([
      ...NAMES,
      'r.id as requestId',
      sql<ApprovalSubject>`r.payload->>'subject'`.as('subject'),
      'r.occurred_on as requestedOn',
      'u.display_name as requestedBy',
    ])
    .where('r.organisation_id', '=', actor.organisationId)
    .where('r.type', '=', 'approval_request')
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('case_event as d')
            .select('d.id')
            .where('d.type', '=', 'approval_decision')
            .whereRef('d.case_id', '=', 'r.case_id')
            .where(sql<boolean>`d.payload->>'requestId' = r.id::text`),
        ),
      ),
    )
    .orderBy('r.occurred_on');
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
      .select([...NAMES, 'c.next_follow_up_on as dueOn', 'w.display_name as workerName'])
      .where('c.status', '=', 'follow_up')
      .where('c.next_follow_up_on', '<', today)
      .orderBy('c.next_follow_up_on')
      .execute(),
    pendingApprovals(db, actor).execute(),
    openCases(db, actor)
      .select([...NAMES, 'c.opened_on as openedOn'])
      .where('c.has_assessment', '=', false)
      .orderBy('c.opened_on')
      .execute(),
    openCases(db, actor)
      .select([...NAMES, 'c.opened_on as openedOn'])
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

export async function tasksFor(db: Kysely<Database>, actor: Actor, today: string, horizon: string) {
  if (!can(actor.access, 'case.read')) return [];
  const mine = () => openCases(db, actor).where('c.assigned_worker_id', '=', actor.userId);
  const [given, followUps, reviews, approvals] = await Promise.all([
    openTasksOf(db, actor),
    mine()
      .select([...NAMES, 'c.next_follow_up_on as dueOn'])
      .where('c.status', '=', 'follow_up')
      .where('c.next_follow_up_on', '<=', horizon)
      .execute(),
    mine()
      .select([...NAMES, 'c.care_plan_review_on as dueOn'])
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

/** The identities of the organisation's cases, for the duplicate check; the matching itself is in core. */
export async function identitiesForMatching(db: Kysely<Database>, actor: Actor) {
  if (!can(actor.access, 'case.read'))
    throw new DomainError('forbidden', 'Your role does not allow this.', [], 'forbidden');
  return db.selectFrom('child_case').selectAll().where('organisation_id', '=', actor.organisationId).execute();
}
