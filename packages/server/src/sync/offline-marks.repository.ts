import type { Kysely, Transaction } from 'kysely';
import type { Actor } from '../auth/actor';
import { visibleCases } from '../cases/child-visibility';
import type { Database } from '../db/schema';

/** SQL of the cases users mark to keep offline beyond their assigned ones. */
type Executor = Kysely<Database> | Transaction<Database>;

/** Marks or unmarks; true when something changed, so a repeat is not audited twice. */
export async function setOfflineMark(
  trx: Transaction<Database>,
  userId: string,
  caseId: string,
  offline: boolean,
): Promise<boolean> {
  const changed = offline
    ? await trx
        .insertInto('offline_mark')
        .values({ user_id: userId, case_id: caseId })
        .onConflict((conflict) => conflict.columns(['user_id', 'case_id']).doNothing())
        .returning('case_id')
        .executeTakeFirst()
    : await trx
        .deleteFrom('offline_mark')
        .where('user_id', '=', userId)
        .where('case_id', '=', caseId)
        .returning('case_id')
        .executeTakeFirst();
  return changed !== undefined;
}

export async function hasOfflineMark(db: Executor, userId: string, caseId: string): Promise<boolean> {
  const row = await db
    .selectFrom('offline_mark')
    .select('case_id')
    .where('user_id', '=', userId)
    .where('case_id', '=', caseId)
    .executeTakeFirst();
  return row !== undefined;
}

/** The user's marked cases she may still read. */
export async function markedCases(db: Executor, actor: Actor): Promise<string[]> {
  const rows = await visibleCases(db, actor)
    .innerJoin('offline_mark', 'offline_mark.case_id', 'child_case.id')
    .select('child_case.id')
    .where('offline_mark.user_id', '=', actor.userId)
    .orderBy('offline_mark.marked_at')
    .orderBy('child_case.id')
    .execute();
  return rows.map((row) => row.id);
}
