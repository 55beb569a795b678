import type { Task } from '@homeward/core';
import { addDays } from '../text/calendar-days';

export const TASK_GROUPS = ['overdue', 'thisWeek', 'later'] as const;
export type TaskGroup = (typeof TASK_GROUPS)[number];

/**
 * Overdue (as the server says), due within the next seven days (or already waiting, as approvals do), and
 * later; each soonest first.
 */
export function groupTasks(tasks: readonly Task[], today: string): Record<TaskGroup, Task[]> {
  const weekEnd = addDays(today, 7);
  const groups: Record<TaskGroup, Task[]> = { overdue: [], thisWeek: [], later: [] };
  const sorted = [...tasks].sort((a, b) => a.dueOn.localeCompare(b.dueOn) || a.caseNumber.localeCompare(b.caseNumber));
  for (const task of sorted) {
    if (task.overdue) groups.overdue.push(task);
    else if (task.dueOn <= weekEnd) groups.thisWeek.push(task);
    else groups.later.push(task);
  }
  return groups;
}

/** What the nav badge counts: the tasks that need doing within a week, overdue ones included. */
export function urgentTaskCount(tasks: readonly Task[], today: string): { urgent: number; overdue: number } {
  const groups = groupTasks(tasks, today);
  return { urgent: groups.overdue.length + groups.thisWeek.length, overdue: groups.overdue.length };
}
