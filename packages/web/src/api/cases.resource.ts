import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  caseDetailSchema,
  caseEventListSchema,
  caseEventSchema,
  caseListSchema,
  type NewCase,
  type NewCaseEvent,
} from '@homeward/core';
import { request } from './http';
import { casesKeys } from './query-keys';

export const CASE_PAGE_SIZE = 50;

export function useCaseList(q: string, offset: number) {
  return useQuery({
    queryKey: casesKeys.list(q, offset),
    queryFn: ({ signal }) => {
      const params = new URLSearchParams({ limit: String(CASE_PAGE_SIZE), offset: String(offset) });
      if (q) params.set('q', q);
      return request(`/cases?${params.toString()}`, caseListSchema, { signal });
    },
    // Keep the last results on screen while the next search runs, so the table does not flicker per keystroke.
    placeholderData: keepPreviousData,
  });
}

export function useCase(id: string) {
  return useQuery({
    queryKey: casesKeys.detail(id),
    queryFn: ({ signal }) => request(`/cases/${encodeURIComponent(id)}`, caseDetailSchema, { signal }),
  });
}

export function useCaseEvents(id: string) {
  return useQuery({
    queryKey: casesKeys.events(id),
    queryFn: ({ signal }) => request(`/cases/${encodeURIComponent(id)}/events`, caseEventListSchema, { signal }),
  });
}

export function useCreateCase() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: NewCase) => request('/cases', caseDetailSchema, { method: 'POST', body: input }),
    onSuccess: async (created) => {
      queryClient.setQueryData(casesKeys.detail(created.id), created);
      await queryClient.invalidateQueries({ queryKey: casesKeys.all });
    },
  });
}

export function useAddCaseEvent(caseId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: NewCaseEvent) =>
      request(`/cases/${encodeURIComponent(caseId)}/events`, caseEventSchema, { method: 'POST', body: input }),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: casesKeys.events(caseId) });
      await queryClient.invalidateQueries({ queryKey: casesKeys.detail(caseId) });
    },
  });
}
