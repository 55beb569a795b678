import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { colleagueSchema, taskListSchema, type NewTask } from '@homeward/core';
import { noContent, request, type Parser } from '../api/http';
import { oversightKeys } from '../api/query-keys';

/** Tasks are the in-app notifications: the nav badge and the task list poll for them. */
export const TASKS_REFRESH_MS = 60_000;

export function useTasks(enabled = true) {
  return useQuery({
    queryKey: oversightKeys.tasks,
    queryFn: ({ signal }) => request('/tasks', taskListSchema, { signal }),
    enabled,
    refetchInterval: TASKS_REFRESH_MS,
  });
}

export type Colleague = ReturnType<typeof colleagueSchema.parse>;

export const colleaguesKey = ['colleagues'] as const;

const colleagueListParser: Parser<{ items: Colleague[] }> = {
  parse: (data) => ({
    items: colleagueSchema
      .array()
      .parse(typeof data === 'object' && data !== null && 'items' in data ? data.items : undefined),
  }),
};

const createdParser = colleagueSchema.pick({ id: true });

/** The people of the user's organisation, to give a task to. */
export function useColleagues() {
  return useQuery({
    queryKey: colleaguesKey,
    queryFn: ({ signal }) => request('/colleagues', colleagueListParser, { signal }),
    staleTime: 5 * 60_000,
  });
}

export function useGiveTask() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (task: NewTask) => request('/tasks', createdParser, { method: 'POST', body: task }),
    // A task given to oneself is on one's own list at once.
    onSuccess: () => queryClient.invalidateQueries({ queryKey: oversightKeys.tasks }),
  });
}

export function useMarkTaskDone() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (taskId: string) =>
      request(`/tasks/${encodeURIComponent(taskId)}`, noContent, { method: 'PATCH', body: { done: true } }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: oversightKeys.tasks }),
  });
}
