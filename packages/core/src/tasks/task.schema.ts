import { z } from 'zod';
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
