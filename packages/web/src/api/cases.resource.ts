import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  caseDetailSchema,
  caseEventListSchema,
  caseEventSchema,
  caseListSchema,
  caseStateSchema,
  duplicateResultSchema,
  facilityListSchema,
  type CaseCorrection,
  type DuplicateQuery,
  type DuplicateResolution,
  type NewCase,
  type NewCaseEvent,
} from '@homeward/core';
import { noContent, request } from './http';
import { orOffline, waitingOnDevice } from './offline-fallback';
import { casesKeys, placementFacilitiesKey } from './query-keys';

export const CASE_PAGE_SIZE = 50;

/** A page of the case list; `params` are the list's address parameters (search, filters, order, offset). */
export function useCaseList(params: Record<string, string>) {
  return useQuery({
    queryKey: casesKeys.list(params),
    queryFn: ({ signal }) => {
      const query = new URLSearchParams({ limit: String(CASE_PAGE_SIZE), ...params });
      return orOffline(
        () => request(`/cases?${query.toString()}`, caseListSchema, { signal }),
        (offline) => offline.offlineCaseList({ limit: String(CASE_PAGE_SIZE), ...params }),
      );
    },
    // Keep the last results on screen while the next search runs, so the table does not flicker per keystroke.
    placeholderData: keepPreviousData,
  });
}

export function useCase(id: string) {
  return useQuery({
    queryKey: casesKeys.detail(id),
    queryFn: ({ signal }) =>
      orOffline(
        () => request(`/cases/${encodeURIComponent(id)}`, caseDetailSchema, { signal }),
        (offline) => offline.offlineCase(id),
      ),
  });
}

/** The case's history; `waiting` names the events made on this device that the server has not taken yet. */
export function useCaseEvents(id: string) {
  return useQuery({
    queryKey: casesKeys.events(id),
    queryFn: ({ signal }) =>
      orOffline(
        async () => {
          const { items } = await request(`/cases/${encodeURIComponent(id)}/events`, caseEventListSchema, { signal });
          const known = new Set(items.map((event) => event.id));
          const waiting = (await waitingOnDevice((offline) => offline.waitingCaseEvents(id))).filter(
            (event) => !known.has(event.id),
          );
          return { items: [...items, ...waiting], waiting: waiting.map((event) => event.id) };
        },
        async (offline) => {
          const { items, waiting } = await offline.offlineCaseEvents(id);
          return { items, waiting };
        },
      ),
  });
}

/** What the case is now (status, placement, approvals, follow-up), derived by the server from the events. */
export function useCaseState(id: string) {
  return useQuery({
    queryKey: casesKeys.state(id),
    queryFn: ({ signal }) =>
      orOffline(
        () => request(`/cases/${encodeURIComponent(id)}/state`, caseStateSchema, { signal }),
        (offline) => offline.offlineCaseState(id),
      ),
  });
}

/** The organisation's facilities with their occupancy, for choosing where a child is placed. */
export function usePlacementFacilities(enabled = true) {
  return useQuery({
    queryKey: placementFacilitiesKey,
    queryFn: ({ signal }) => request('/facilities', facilityListSchema, { signal }),
    enabled,
  });
}

export function useCreateCase() {
  const queryClient = useQueryClient();
  return useMutation({
    // Made with its own id, so a case queued offline and sent later is the same case, never a second one.
    mutationFn: (input: NewCase) => {
      const body = { ...input, id: input.id ?? crypto.randomUUID() };
      return orOffline(
        () => request('/cases', caseDetailSchema, { method: 'POST', body }),
        (offline) => offline.queueCase(body),
      );
    },
    onSuccess: async (created) => {
      queryClient.setQueryData(casesKeys.detail(created.id), created);
      await queryClient.invalidateQueries({ queryKey: casesKeys.all });
    },
  });
}

export function useAddCaseEvent(caseId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: NewCaseEvent) => {
      const body = { ...input, id: input.id ?? crypto.randomUUID() };
      return orOffline(
        () => request(`/cases/${encodeURIComponent(caseId)}/events`, caseEventSchema, { method: 'POST', body }),
        (offline) => offline.queueEvent(caseId, body),
      );
    },
    onSuccess: async () => {
      // The event changes the history, the derived state and the summary in the list; a placement or a move
      // out changes how full a facility is.
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: casesKeys.events(caseId) }),
        queryClient.invalidateQueries({ queryKey: casesKeys.state(caseId) }),
        queryClient.invalidateQueries({ queryKey: casesKeys.detail(caseId) }),
        queryClient.invalidateQueries({ queryKey: ['cases', 'list'] }),
        queryClient.invalidateQueries({ queryKey: ['facilities'] }),
      ]);
    },
  });
}

/** Corrects the child's profile or intake; a stale field answers 409 with the conflicts (ApiError.conflicts). */
export function useCorrectCase(caseId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: CaseCorrection) => {
      const body = { ...input, id: input.id ?? crypto.randomUUID() };
      return orOffline(
        () => request(`/cases/${encodeURIComponent(caseId)}`, caseDetailSchema, { method: 'PATCH', body }),
        (offline) => offline.queueCorrection(caseId, body),
      );
    },
    onSuccess: async (corrected) => {
      queryClient.setQueryData(casesKeys.detail(caseId), corrected);
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: casesKeys.events(caseId) }),
        queryClient.invalidateQueries({ queryKey: casesKeys.state(caseId) }),
        queryClient.invalidateQueries({ queryKey: ['cases', 'list'] }),
      ]);
    },
  });
}

/** Asks on demand whether a known case is another case of the same child; the case itself is left out. */
export function useCheckCaseDuplicates(caseId: string) {
  return useMutation({
    mutationFn: (query: DuplicateQuery) =>
      request('/cases/duplicates', duplicateResultSchema, { method: 'POST', body: { ...query, excludeId: caseId } }),
  });
}

/** A supervisor's decision about two cases that may be one child: linked, merged into the other, or distinct. */
export function useResolveDuplicate(caseId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: DuplicateResolution) =>
      request(`/cases/${encodeURIComponent(caseId)}/duplicates/resolve`, noContent, { method: 'POST', body: input }),
    onSuccess: async (_, input) => {
      // Both cases get an event; a merge closes this one, which the list shows too.
      await Promise.all(
        [caseId, input.otherCaseId].flatMap((id) => [
          queryClient.invalidateQueries({ queryKey: casesKeys.detail(id) }),
          queryClient.invalidateQueries({ queryKey: casesKeys.state(id) }),
          queryClient.invalidateQueries({ queryKey: casesKeys.events(id) }),
        ]),
      );
      await queryClient.invalidateQueries({ queryKey: ['cases', 'list'] });
    },
  });
}
