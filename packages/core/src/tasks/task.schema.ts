import { z } from 'zod';
import { caseRefShape } from '../cases/case-ref.schema';
import { APPROVAL_SUBJECTS } from '../codes/care-codes';
import { isoDate } from '../text/dates';

/** A piece of work one person gives another: "visit the family before Pchum Ben", with a due date. */
export const newTaskSchema = z.object({
  id: z.uuid().optional(),
  caseId: z.uuid({ message: 'Choose the case.' }),
  assignedTo: z.uuid({ message: 'Choose who will do it.' }),
  title: z.string().trim().min(1, { message: 'Say what is to be done.' }).max(300),
  dueOn: isoDate,
});
export type NewTask = z.output<typeof newTaskSchema>;

export const taskUpdateSchema = z.object({ done: z.boolean() });

export const colleagueSchema = z.object({ id: z.uuid(), displayName: z.string(), roles: z.array(z.string()) });

/** `task`: given by a person; the others fall due from the worker's cases. */
export const TASK_KINDS = ['task', 'follow_up', 'care_plan_review', 'approval'] as const;
export type TaskKind = (typeof TASK_KINDS)[number];

export const taskListSchema = z.object({
  items: z.array(
    z.object({
      ...caseRefShape,
      kind: z.enum(TASK_KINDS),
      dueOn: isoDate,
      overdue: z.boolean(),
      /** For an approval: what is to be approved. */
      subject: z.enum(APPROVAL_SUBJECTS).nullish(),
      /** For a task given by a person: its id, what to do, and who gave it. */
      taskId: z.uuid().optional(),
      title: z.string().optional(),
      assignedBy: z.string().nullable().optional(),
    }),
  ),
});
export type TaskList = z.infer<typeof taskListSchema>;
export type Task = TaskList['items'][number];
