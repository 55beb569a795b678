import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  duplicateResultSchema,
  facilityChildListSchema,
  facilityListSchema,
  caseListSchema,
  caseSettingsSchema,
  facilitySchema,
  groupIntakeResultSchema,
  supervisionSchema,
  taskListSchema,
  type CaseSettings,
  type DuplicateQuery,
  type GroupActivity,
  type GroupIntake,
  type NewFacility,
} from '@homeward/core';
import { request, type Parser } from './http';
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

/** At most 200 cases, the API's page limit: enough for a programme's open caseload in one attendance list. */
export const ATTENDANCE_LIMIT = 200;

/** The organisation's cases for a group session's attendance list; the page leaves out closed ones. */
export function useAttendanceCases() {
  return useQuery({
    queryKey: oversightKeys.attendanceCases,
    queryFn: ({ signal }) => request(`/cases?limit=${ATTENDANCE_LIMIT}`, caseListSchema, { signal }),
  });
}

export interface GroupActivityResult {
  id: string;
  attended: number;
}

/** Checked by hand: core has no schema for this answer, and the web app does not depend on zod itself. */
const groupActivityResultSchema: Parser<GroupActivityResult> = {
  parse(data) {
    const value = data as Partial<GroupActivityResult> | null;
    if (typeof value?.id !== 'string' || typeof value.attended !== 'number') {
      throw new Error('Unexpected answer to a group session.');
    }
    return { id: value.id, attended: value.attended };
  },
};

/** A life-skills session and who attended: one event on each child's timeline. */
export function useRecordGroupActivity() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: GroupActivity) =>
      request('/group-activities', groupActivityResultSchema, { method: 'POST', body: input }),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: casesKeys.all });
      await queryClient.invalidateQueries({ queryKey: oversightKeys.supervision });
    },
  });
}

export function useCaseSettings(enabled = true) {
  return useQuery({
    queryKey: oversightKeys.caseSettings,
    queryFn: ({ signal }) => request('/settings/cases', caseSettingsSchema, { signal }),
    enabled,
  });
}

/** Approval gates and the follow-up rule change what every case is waiting for: cases, tasks and supervision refresh. */
export function useSaveCaseSettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: CaseSettings) => request('/settings/cases', caseSettingsSchema, { method: 'PUT', body: input }),
    onSuccess: async (saved) => {
      queryClient.setQueryData(oversightKeys.caseSettings, saved);
      await queryClient.invalidateQueries({ queryKey: casesKeys.all });
      await queryClient.invalidateQueries({ queryKey: oversightKeys.supervision });
      await queryClient.invalidateQueries({ queryKey: oversightKeys.tasks });
    },
  });
}
