import { checkNewEvent } from '../cases/case-rules';
import type { CaseSettings } from '../cases/case-settings';
import type { GroupActivity } from '../cases/group-activity.schema';
import { attendanceEvent } from '../cases/group-attendance';
import { DomainError } from '../errors';
import { localCase } from './local-cases';
import { rulesHistory } from './local-timeline';
import { enqueue } from './outbox';
import { caseIdOf, type Replica } from './replica';

/** One child's case refused the session on the device: the refusal's code, and which case, to name it. */
export class AttendanceRefusedError extends DomainError {
  constructor(
    readonly caseNumber: string,
    refusal: DomainError,
  ) {
    super(
      refusal.kind,
      `${caseNumber}: ${refusal.message}`,
      [{ field: 'caseIds', message: refusal.message }],
      refusal.code,
    );
    this.name = 'AttendanceRefusedError';
  }
}

/** A session recorded on the device, with the ids its records will have: the session's and each child's event. */
export interface OfflineSession {
  activity: GroupActivity & { id: string };
  /** The `group_session` event's id for each child present, by case id. */
  eventIds: Readonly<Record<string, string>>;
  madeAt: string;
}

/**
 * Records a group session on the device (decision 0021): one `attendance` operation per child present, in the
 * order they were ticked, each under its event's id and naming the session. Each child's history on the device
 * is checked first with the server's rules, as the online page's one request is: a child whose case is closed
 * here, or whose intake is after the session, refuses the whole session with that case's number, while the person
 * can still leave the child out. On arrival the server decides each child alone.
 */
export function enqueueAttendance(
  replica: Replica,
  session: OfflineSession,
  context: { today: string; settings: CaseSettings },
): Replica {
  const { activity, eventIds, madeAt } = session;
  const attendance = {
    activityId: activity.id,
    topic: activity.topic,
    ...(activity.title ? { title: activity.title } : {}),
    occurredOn: activity.occurredOn,
  };
  // The same session sent again (a second tap, a retried request) is already in the outbox: nothing to add.
  const queued = replica.outbox.filter(
    ({ operation }) => operation.kind === 'attendance' && operation.body.activityId === activity.id,
  );
  if (queued.length > 0) {
    const same =
      queued.length === activity.caseIds.length &&
      queued.every(({ operation }) => activity.caseIds.includes(caseIdOf(operation)));
    if (same) return replica;
    throw new Error(`Session ${activity.id} is already in the outbox with other children.`);
  }
  let next = replica;
  for (const caseId of activity.caseIds) {
    const held = localCase(replica, caseId);
    const eventId = eventIds[caseId];
    if (!held || !eventId) throw new DomainError('not_found', 'This case is not kept on this device.');
    try {
      checkNewEvent(rulesHistory(replica, caseId), attendanceEvent(eventId, attendance), context);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      throw new AttendanceRefusedError(held.detail.caseNumber, error);
    }
    next = enqueue(next, { kind: 'attendance', opId: eventId, madeAt, caseId, body: { ...attendance, id: eventId } });
  }
  return next;
}
