import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { duplicateResultSchema, groupIntakeResultSchema, type DuplicateQuery, type GroupIntake } from '@homeward/core';
import { request } from './http';
import { orOffline } from './offline-fallback';
import { casesKeys, oversightKeys } from './query-keys';

/** The duplicate check runs while the intake form is filled in: `query` is null until there is enough to ask. */
export function useDuplicateCheck(query: DuplicateQuery | null) {
  return useQuery({
    queryKey: oversightKeys.duplicates(query ?? {}),
    // Offline, the children on the device are compared with the same matcher.
    queryFn: ({ signal }) =>
      orOffline(
        () => request('/cases/duplicates', duplicateResultSchema, { method: 'POST', body: query, signal }),
        (offline) => offline.offlineDuplicates(query ?? {}),
      ),
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
