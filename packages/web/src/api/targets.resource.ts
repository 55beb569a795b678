import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { targetProgressListSchema, targetSchema, type TargetInput } from '@homeward/core';
import { noContent, request } from './http';
import { targetsKeys } from './query-keys';

/** Every target with its progress up to today, as the server counts it from the cases. */
/** `enabled` false for a user who may not read reports: the server would refuse, and audit the refusal. */
export function useTargetProgress(enabled = true) {
  return useQuery({
    queryKey: targetsKeys.progress,
    queryFn: ({ signal }) => request('/targets/progress', targetProgressListSchema, { signal }),
    enabled,
  });
}

/** Sets a target, or changes one when `id` is given. */
export function useSaveTarget(id: string | undefined) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: TargetInput) =>
      id === undefined
        ? request('/targets', targetSchema, { method: 'POST', body: input })
        : request(`/targets/${encodeURIComponent(id)}`, targetSchema, { method: 'PUT', body: input }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: targetsKeys.all }),
  });
}

export function useDeleteTarget() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => request(`/targets/${encodeURIComponent(id)}`, noContent, { method: 'DELETE' }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: targetsKeys.all }),
  });
}
