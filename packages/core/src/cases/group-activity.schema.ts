import { z } from 'zod';
import { LIFE_SKILLS_TOPICS } from '../codes/care-codes';
import { isoDate } from '../text/dates';

/** A life-skills session or class, and the children who attended: each attendance shows on the child's timeline. */
export const groupActivitySchema = z.object({
  id: z.uuid().optional(),
  topic: z.enum(LIFE_SKILLS_TOPICS),
  title: z.string().trim().max(200).optional(),
  occurredOn: isoDate,
  caseIds: z
    .array(z.uuid())
    .min(1, { message: 'Mark at least one child as present.' })
    .refine((ids) => new Set(ids).size === ids.length, { message: 'A child is listed twice.' }),
});
export type GroupActivityInput = z.input<typeof groupActivitySchema>;
export type GroupActivity = z.output<typeof groupActivitySchema>;

/**
 * One child's attendance at a group session, as a device sends it (decision 0021): the session's own id, topic,
 * title and date, and under `id` the id of the `group_session` event it becomes on the child's timeline.
 */
export const groupAttendanceSchema = z.object({
  id: z.uuid().optional(),
  activityId: z.uuid(),
  topic: z.enum(LIFE_SKILLS_TOPICS),
  title: z.string().trim().max(200).optional(),
  occurredOn: isoDate,
});
export type GroupAttendance = z.output<typeof groupAttendanceSchema>;
