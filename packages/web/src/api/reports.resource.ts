import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  caseSummarySchema,
  reportListSchema,
  reportResultSchema,
  savedReportSchema,
  type Language,
  type ReportFormat,
  type ReportQueryDrilldownInput,
  type ReportQueryInput,
  type SavedReportInput,
} from '@homeward/core';
import { API_PREFIX, noContent, request } from './http';
import { reportsKeys } from './query-keys';

/** Running a report is audited and can be slow: the same run is not asked again while the screen is open. */
const REPORT_STALE_MS = 5 * 60_000;

const drilldownSchema = { parse: (data: unknown) => ({ items: caseSummarySchema.array().parse(itemsOf(data)) }) };

function itemsOf(data: unknown): unknown {
  return typeof data === 'object' && data !== null && 'items' in data ? data.items : undefined;
}

/** `enabled` false for a user who may not read reports: the server would refuse, and audit the refusal. */
export function useReportList(lang: Language, enabled = true) {
  return useQuery({
    queryKey: reportsKeys.list(lang),
    queryFn: ({ signal }) => request(`/reports?lang=${lang}`, reportListSchema, { signal }),
    enabled,
  });
}

/** `params` is the query string of the run (period, language, planned numbers...), without `format`. */
export function useReport(id: string, params: URLSearchParams, enabled = true) {
  const query = params.toString();
  return useQuery({
    queryKey: reportsKeys.run(id, query),
    queryFn: ({ signal }) => request(`/reports/${encodeURIComponent(id)}?${query}`, reportResultSchema, { signal }),
    enabled,
    staleTime: REPORT_STALE_MS,
  });
}

/** The address of a report's file; the session cookie authenticates a plain link. */
export function reportFileUrl(id: string, params: URLSearchParams, format: Exclude<ReportFormat, 'json'>): string {
  const withFormat = new URLSearchParams(params);
  withFormat.set('format', format);
  return `${API_PREFIX}/reports/${encodeURIComponent(id)}?${withFormat.toString()}`;
}

/** `params`: report, table, the period and language, and rowKey / columnKey unless a total was chosen. */
export function useDrilldown(params: URLSearchParams, enabled = true) {
  const query = params.toString();
  return useQuery({
    queryKey: reportsKeys.drilldown(query),
    queryFn: ({ signal }) => request(`/reports/drilldown?${query}`, drilldownSchema, { signal }),
    enabled,
    staleTime: REPORT_STALE_MS,
  });
}

/** The pivot builder's table, run without being saved. */
export function useRunAdHocReport() {
  return useMutation({
    mutationFn: (input: ReportQueryInput) =>
      request('/reports/query', reportResultSchema, { method: 'POST', body: input }),
  });
}

/** The cases behind one number of the pivot builder's table: the definition travels with the question. */
export function useAdHocDrilldown() {
  return useMutation({
    mutationFn: (input: ReportQueryDrilldownInput) =>
      request('/reports/query/drilldown', drilldownSchema, { method: 'POST', body: input }),
  });
}

export function useSaveReport() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: SavedReportInput) =>
      request('/reports/saved', savedReportSchema, { method: 'POST', body: input }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: reportsKeys.all }),
  });
}

export function useDeleteSavedReport() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => request(`/reports/saved/${encodeURIComponent(id)}`, noContent, { method: 'DELETE' }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: reportsKeys.all }),
  });
}
