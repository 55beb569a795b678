import { sql, type Kysely, type Transaction } from 'kysely';
import type { Actor } from '../auth/actor';
import type { CaseWithWorker } from '../cases/case-reads.repository';
import type { EventWithAuthor } from '../cases/case-events.repository';
import { visibleCases } from '../cases/child-visibility';
import type { Database } from '../db/schema';

/** SQL of a pull: which cases a user keeps offline, and their events after the device's marks, in one query each. */
type Executor = Kysely<Database> | Transaction<Database>;

/**
 * The user's offline caseload, within what she may read (`visibleCases`): the cases assigned to her, those her
 * organisation takes part in (a service it provides, a department's follow-up) and gave to her, and those she
 * marked.
 */
export function offlineScope(db: Executor, actor: Actor): Promise<CaseWithWorker[]> {
  return visibleCases(db, actor)
    .leftJoin('app_user as worker', 'worker.id', 'child_case.assigned_worker_id')
    .selectAll('child_case')
    .select('worker.display_name as assigned_worker_name')
    .where((eb) =>
      eb.or([
        eb('child_case.assigned_worker_id', '=', actor.userId),
        eb(
          'child_case.id',
          'in',
          eb
            .selectFrom('case_participant as p')
            .select('p.case_id')
            .where('p.organisation_id', '=', actor.organisationId)
            .where('p.assigned_worker_id', '=', actor.userId)
            .where('p.ended_on', 'is', null)
            // A case handed to another lead leaves its former worker's caseload, whatever she still reads of it.
            .where('p.role', '!=', 'former_lead'),
        ),
        eb('child_case.id', 'in', eb.selectFrom('offline_mark').select('case_id').where('user_id', '=', actor.userId)),
      ]),
    )
    .orderBy('child_case.id')
    .execute();
}

/**
 * The events of these cases above each one's mark (0 for a case new to the device), oldest first per case, with
 * who wrote them: one query for the whole caseload, however many cases and events it holds.
 */
export async function eventsAfterMarks(
  db: Executor,
  marks: readonly { caseId: string; after: number }[],
): Promise<EventWithAuthor[]> {
  if (marks.length === 0) return [];
  const caseIds = marks.map((mark) => mark.caseId);
  const after = marks.map((mark) => mark.after);
  return db
    .selectFrom('case_event')
    .innerJoin(
      sql<{
        case_id: string;
        after: number;
      }>`(select * from unnest(${caseIds}::uuid[], ${after}::bigint[]) as m(case_id, after))`.as('mark'),
      (join) => join.onRef('mark.case_id', '=', 'case_event.case_id').onRef('case_event.seq', '>', 'mark.after'),
    )
    .innerJoin('organisation as writer', 'writer.id', 'case_event.organisation_id')
    .leftJoin('app_user as author', 'author.id', 'case_event.author_id')
    .selectAll('case_event')
    .select(['author.display_name as author_name', 'writer.name as organisation_name'])
    .orderBy('case_event.case_id')
    .orderBy('case_event.seq')
    .execute();
}

/** Which of these case ids still name a case, in any organisation: the others were removed. */
export async function existingCases(db: Executor, caseIds: readonly string[]): Promise<Set<string>> {
  if (caseIds.length === 0) return new Set();
  const rows = await db
    .selectFrom('child_case')
    .select('id')
    .where('id', 'in', [...caseIds])
    .execute();
  return new Set(rows.map((row) => row.id));
}

/** Which of these cases the user may still read. */
export async function readableCases(db: Executor, actor: Actor, caseIds: readonly string[]): Promise<Set<string>> {
  if (caseIds.length === 0) return new Set();
  const rows = await visibleCases(db, actor)
    .select('child_case.id')
    .where('child_case.id', 'in', [...caseIds])
    .execute();
  return new Set(rows.map((row) => row.id));
}
