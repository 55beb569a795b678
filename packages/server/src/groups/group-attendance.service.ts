import { attendanceEvent, checkNewEvent, type GroupAttendance } from '@homeward/core';
import type { Kysely } from 'kysely';
import type { Actor } from '../auth/actor';
import { eventIdUse, eventsForRules, insertEvent } from '../cases/case-events.repository';
import { updateCaseProjection } from '../cases/case-projection.repository';
import { lockCaseForWrite } from '../cases/case-reads.repository';
import type { Clock } from '../cases/cases.service';
import { refuseOthersId, requestDigest, writeOnce } from '../cases/client-ids';
import type { Database } from '../db/schema';
import { readCaseSettings } from '../organisations/case-settings.repository';
import { attendanceOf, ensureGroupActivity } from './group-activities.repository';

/**
 * One child's attendance at a group session recorded offline or at a hub (decision 0021): her `group_session`
 * event under the attendance's id, and the session itself the first time one of its children arrives. Each child
 * is decided alone, under the same rules as the online session (her case open, written by its lead's users, the
 * date after her intake), so a refusal keeps her attendance for a person while the others' stand. A retry, or
 * ten copies at once, writes the event once (`writeOnce` on its id); a child already on the session's list (the
 * online request went through but its answer was lost, and the device queued the session) is not listed twice.
 */
export async function recordAttendance(
  db: Kysely<Database>,
  actor: Actor,
  caseId: string,
  id: string,
  attendance: GroupAttendance,
  clock: Clock,
): Promise<void> {
  const { activityId, topic, title, occurredOn } = attendance;
  const digest = requestDigest({ caseId, id, activityId, topic, title, occurredOn });
  await writeOnce(
    actor,
    digest,
    () => eventIdUse(db, id),
    () =>
      db.transaction().execute(async (trx) => {
        // The session before the case: a transaction waiting on another child's new session row holds no case
        // lock and no place in the audit chain, so two children of one session cannot wait on each other.
        const sessionDigest = requestDigest({ activityId, topic, title, occurredOn });
        const session = { id: activityId, topic, title, occurredOn, requestDigest: sessionDigest };
        refuseOthersId(await ensureGroupActivity(trx, actor, session), actor);
        await lockCaseForWrite(trx, actor, caseId);
        if (await attendanceOf(trx, caseId, activityId)) return;
        const settings = await readCaseSettings(trx, actor.organisationId);
        const event = attendanceEvent(id, attendance);
        const projection = checkNewEvent(await eventsForRules(trx, caseId), event, { today: clock.today(), settings });
        await insertEvent(trx, actor, { ...event, caseId, requestDigest: digest });
        await updateCaseProjection(trx, caseId, projection);
      }),
  );
}
