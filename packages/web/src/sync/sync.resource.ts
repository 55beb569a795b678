import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { heldListSchema, heldOperationSchema, type ResolveHeld } from '@homeward/core';
import { request } from '../api/http';
import { casesKeys } from '../api/query-keys';

/** Under `cases`, so a write to a case (a reopening, say) refreshes what is held about it. */
export const syncKeys = {
  held: ['cases', 'sync-held'] as const,
  heldOfCase: (caseId: string) => ['cases', 'sync-held', caseId] as const,
};

/**
 * The open conflicts and needs-attention changes the user may act on, from the server, which keeps them even
 * when the phone that made them is lost or wiped.
 */
export function useHeldOperations(caseId?: string) {
  return useQuery({
    queryKey: caseId ? syncKeys.heldOfCase(caseId) : syncKeys.held,
    queryFn: ({ signal }) =>
      request(caseId ? `/sync/held?caseId=${encodeURIComponent(caseId)}` : '/sync/held', heldListSchema, { signal }),
    // Other devices' syncs add to it at any time, unseen by this app's writes: asked again on every visit.
    staleTime: 0,
  });
}

/** Re-apply, resolve or discard: the held change and the case it touches are fetched again. */
export function useActOnHeld(heldId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (action: ResolveHeld) =>
      request(`/sync/held/${encodeURIComponent(heldId)}`, heldOperationSchema, { method: 'POST', body: action }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: casesKeys.all }),
  });
}
