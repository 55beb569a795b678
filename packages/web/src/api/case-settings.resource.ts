import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { caseSettingsSchema, type CaseSettings } from '@homeward/core';
import { request } from './http';
import { casesKeys, oversightKeys } from './query-keys';

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
