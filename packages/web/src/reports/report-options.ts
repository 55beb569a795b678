import { isLanguage } from '../i18n';
import type { Language } from '@homeward/core';
import { lastFullQuarter } from './report-period';

/**
 * How a report is run, as the screen holds it: in the address (so a run can be bookmarked, shared and reloaded)
 * under the API's own parameter names. `suppressBelow` present means "anonymise".
 */
export interface ReportOptions {
  from: string;
  to: string;
  lang: Language;
  planned: string;
  targetPercent: string;
  ageBands: string;
  anonymise: boolean;
  suppressBelow: string;
}

export type OptionalField = 'planned' | 'targetPercent' | 'ageBands';

/** The usual threshold of donors and government: no published count of fewer than five children. */
export const DEFAULT_SUPPRESS_BELOW = '5';

/** Which built-in report reads which option; saved reports may split by age, so they get the age bands. */
export function reportUses(reportId: string, field: OptionalField): boolean {
  switch (field) {
    case 'planned':
      return reportId === 'shelter-quarterly';
    case 'targetPercent':
      return reportId === 'alternative-care-progress';
    case 'ageBands':
      return !['alternative-care-progress', 'follow-up-compliance', 'caseload'].includes(reportId);
  }
}

export function optionsFromSearch(search: URLSearchParams, today: string, screenLanguage: Language): ReportOptions {
  const quarter = lastFullQuarter(today);
  const lang = search.get('lang');
  const suppressBelow = search.get('suppressBelow');
  return {
    from: search.get('from') ?? quarter.from,
    to: search.get('to') ?? quarter.to,
    lang: isLanguage(lang) ? lang : screenLanguage,
    planned: search.get('planned') ?? '',
    targetPercent: search.get('targetPercent') ?? '',
    ageBands: search.get('ageBands') ?? '',
    anonymise: suppressBelow !== null,
    suppressBelow: suppressBelow ?? DEFAULT_SUPPRESS_BELOW,
  };
}

/**
 * The query string of a run: the period and language always, the other options only when given and read by
 * this report (or by any report when `reportId` is absent, as the list of reports keeps them for every link).
 */
export function searchFromOptions(options: ReportOptions, reportId?: string): URLSearchParams {
  const search = new URLSearchParams({ from: options.from, to: options.to, lang: options.lang });
  for (const field of ['planned', 'targetPercent', 'ageBands'] as const) {
    const value = options[field].trim();
    if (value !== '' && (reportId === undefined || reportUses(reportId, field))) search.set(field, value);
  }
  if (options.anonymise) search.set('suppressBelow', options.suppressBelow.trim() || DEFAULT_SUPPRESS_BELOW);
  return search;
}
