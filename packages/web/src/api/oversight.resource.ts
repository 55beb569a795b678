import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  duplicateResultSchema,
  facilityChildListSchema,
  facilityListSchema,
  facilitySchema,
  groupIntakeResultSchema,
  supervisionSchema,
  taskListSchema,
  type DuplicateQuery,
  type GroupIntake,
  type NewFacility,
} from '@homeward/core';
import { request } from './http';
import { casesKeys, oversightKeys } from './query-keys';

/** Tasks are the in-app notifications: the nav badge and the task list poll for them. */
export const TASKS_REFRESH_MS = 60_000;

export function useFacilities(enabled = true) {
  return useQuery({
    queryKey: oversightKeys.facilities,
    queryFn: ({ signal }) => request('/facilities', facilityListSchema, { signal }),
    enabled,
  });
}

export function useFacilityChildren(id: string) {
  return useQuery({
    queryKey: oversightKeys.facilityChildren(id),
    queryFn: ({ signal }) =>
      request(`/facilities/${encodeURIComponent(id)}/children`, facilityChildListSchema, { signal }),
  });
}

/** Adds a facility, or changes one when `id` is given. */
export function useSaveFacility(id?: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: NewFacility) =>
      id === undefined
        ? request('/facilities', facilitySchema, { method: 'POST', body: input })
        : request(`/facilities/${encodeURIComponent(id)}`, facilitySchema, { method: 'PUT', body: input }),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: oversightKeys.facilitiesAll });
      await queryClient.invalidateQueries({ queryKey: oversightKeys.supervision });
    },
  });
}

export function useSupervision(enabled = true) {
  return useQuery({
    queryKey: oversightKeys.supervision,
    queryFn: ({ signal }) => request('/supervision', supervisionSchema, { signal }),
    enabled,
  });
}

export function useTasks(enabled = true) {
  return useQuery({
    queryKey: oversightKeys.tasks,
    queryFn: ({ signal }) => request('/tasks', taskListSchema, { signal }),
    enabled,
    refetchInterval: TASKS_REFRESH_MS,
  });
}

/** The duplicate check runs while the intake form is filled in: `query` is null until there is enough to ask. */
export function useDuplicateCheck(query: DuplicateQuery | null) {
  return useQuery({
    queryKey: oversightKeys.duplicates(query ?? {}),
    queryFn: ({ signal }) =>
      request('/cases/duplicates', duplicateResultSchema, { method: 'POST', body: query, signal }),
    enabled: query !== null,
    // Keep the last matches on screen while the next check runs, so the warning does not flicker per keystroke.
    placeholderData: keepPreviousData,
    staleTime: 60_000,
  });
}

export function useGroupIntake() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: GroupIntake) =>
      request('/cases/group', groupIntakeResultSchema, { method: 'POST', body: input }),
    onSuccess: async (created) => {
      for (const detail of created.items) queryClient.setQueryData(casesKeys.detail(detail.id), detail);
      await queryClient.invalidateQueries({ queryKey: casesKeys.all });
      await queryClient.invalidateQueries({ queryKey: oversightKeys.supervision });
      await queryClient.invalidateQueries({ queryKey: oversightKeys.tasks });
    },
  });
}
