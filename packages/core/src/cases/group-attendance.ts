import type { GroupAttendance } from './group-activity.schema';

/** The `group_session` event one child's attendance becomes on her timeline, under the attendance's own id. */
export function attendanceEvent(id: string, attendance: GroupAttendance) {
  return {
    id,
    type: 'group_session' as const,
    occurredOn: attendance.occurredOn,
    payload: {
      activityId: attendance.activityId,
      topic: attendance.topic,
      ...(attendance.title ? { title: attendance.title } : {}),
    },
  };
}
