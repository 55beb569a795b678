import { caseListQuerySchema, type CaseListQuery } from '@homeward/core';

/** What the case list shows, as the address keeps it: reload, back and a shared link give the same list. */
export type CaseListFilters = Pick<
  CaseListQuery,
  'q' | 'status' | 'worker' | 'caseType' | 'riskLevel' | 'facility' | 'overdue' | 'sort' | 'order'
>;

export const FILTER_KEYS = ['status', 'worker', 'caseType', 'riskLevel', 'facility', 'overdue'] as const;
const KEYS = ['q', ...FILTER_KEYS, 'sort', 'order'] as const;

/** Each parameter is read on its own, so one mistyped value in a link drops that filter, not the whole list. */
export function filtersFromParams(params: URLSearchParams): CaseListFilters {
  const filters: Record<string, unknown> = {};
  for (const key of KEYS) {
    const value = params.get(key);
    if (value === null || value === '') continue;
    const parsed = caseListQuerySchema.shape[key].safeParse(value);
    if (parsed.success && parsed.data !== undefined) filters[key] = parsed.data;
  }
  return filters;
}

export function filtersToParams(filters: CaseListFilters, offset = 0): Record<string, string> {
  const params: Record<string, string> = {};
  for (const key of KEYS) {
    const value = filters[key];
    if (value === undefined || value === '' || value === false) continue;
    params[key] = String(value);
  }
  if (offset > 0) params.offset = String(offset);
  return params;
}

export function hasFilters(filters: CaseListFilters): boolean {
  return FILTER_KEYS.some((key) => filters[key] !== undefined && filters[key] !== false);
}
