import { sql, type Kysely, type Transaction } from 'kysely';
import type { Actor } from '../auth/actor';
import type { Database } from '../db/schema';
import { requirePermission } from '../access/require-permission';
import type { UsedId } from '../cases/client-ids';

type Executor = Kysely<Database> | Transaction<Database>;

/** A group activity id already used, in any organisation. */
export function groupActivityIdUse(db: Executor, activityId: string): Promise<UsedId | undefined> {
  return db
    .selectFrom('group_activity')
    .select(['organisation_id', 'request_digest'])
    .where('id', '=', activityId)
    .executeTakeFirst();
}

interface NewGroupActivity {
  id: string;
  topic: string;
  title?: string | undefined;
  occurredOn: string;
  requestDigest: string;
}

function groupActivityRow(actor: Actor, activity: NewGroupActivity) {
  return {
    id: activity.id,
    organisation_id: actor.organisationId,
    topic: activity.topic,
    title: activity.title ?? null,
    occurred_on: activity.occurredOn,
    facilitator_id: actor.userId,
    request_digest: activity.requestDigest,
  };
}

export async function insertGroupActivity(
  trx: Transaction<Database>,
  actor: Actor,
  activity: NewGroupActivity,
): Promise<void> {
  requirePermission(actor, 'case.write');
  await trx.insertInto('group_activity').values(groupActivityRow(actor, activity)).execute();
}

/**
 * The session of an attendance sent from a device or a hub (decision 0021): each child's operation names it, so
 * the first to arrive makes it and the others find it. Whose it is and what it was answer whether they are the
 * same session.
 */
export async function ensureGroupActivity(
  trx: Transaction<Database>,
  actor: Actor,
  activity: NewGroupActivity,
): Promise<UsedId> {
  requirePermission(actor, 'case.write');
  await trx
    .insertInto('group_activity')
    .values(groupActivityRow(actor, activity))
    .onConflict((conflict) => conflict.column('id').doNothing())
    .execute();
  const used = await groupActivityIdUse(trx, activity.id);
  if (!used) throw new Error('The group session was neither written nor found.');
  return used;
}

/** The child's attendance at the session already on her timeline, under whatever id it was written. */
export function attendanceOf(trx: Transaction<Database>, caseId: string, activityId: string) {
  return trx
    .selectFrom('case_event')
    .select('id')
    .where('case_id', '=', caseId)
    .where('type', '=', 'group_session')
    .where(sql<string>`payload->>'activityId'`, '=', activityId)
    .executeTakeFirst();
}
