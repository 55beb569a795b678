import { INDICATORS, targetInputSchema, type IndicatorId, type Target, type TargetInput } from '@homeward/core';
import type { FieldErrors, Message } from '../forms/messages';
import { issuePath, type SchemaIssue } from '../forms/schema-issues';

/** What the target form holds: strings as typed. */
export interface TargetFormState {
  indicator: IndicatorId | '';
  breakdownKey: string;
  periodFrom: string;
  periodTo: string;
  baselineOn: string;
  value: string;
  note: string;
}

export const TARGET_FIELDS = ['indicator', 'breakdownKey', 'periodFrom', 'periodTo', 'baselineOn', 'value', 'note'];

/** A new target runs over the current calendar year, as the organisations' annual plans do. */
export function targetFormState(target: Target | undefined, today: string): TargetFormState {
  if (!target) {
    const year = today.slice(0, 4);
    return {
      indicator: '',
      breakdownKey: '',
      periodFrom: `${year}-01-01`,
      periodTo: `${year}-12-31`,
      baselineOn: `${year}-01-01`,
      value: '',
      note: '',
    };
  }
  return {
    indicator: target.indicator,
    breakdownKey: target.breakdownKey ?? '',
    periodFrom: target.periodFrom,
    periodTo: target.periodTo,
    baselineOn: target.baselineOn ?? target.periodFrom,
    value: String(target.value),
    note: target.note,
  };
}

function issueMessage(issue: SchemaIssue): Message {
  const path = issuePath(issue);
  if (issue.code !== 'custom' && ['periodFrom', 'periodTo', 'baselineOn'].includes(path))
    return { key: 'targets:form.errors.date' };
  switch (path) {
    case 'indicator':
      return { key: 'targets:form.errors.indicator' };
    case 'periodTo':
      return {
        key: issue.message.includes('three years')
          ? 'targets:form.errors.periodLength'
          : 'targets:form.errors.periodOrder',
      };
    case 'baselineOn':
      return { key: 'targets:form.errors.baseline' };
    case 'breakdownKey':
      return { key: 'targets:form.errors.caseType' };
    case 'note':
      return { key: 'common:errors.tooLong', params: { max: 300 } };
    default:
      return { key: 'targets:form.errors.value' };
  }
}

export type TargetValidation = { ok: true; value: TargetInput } | { ok: false; errors: FieldErrors };

/** The same schema as the server's; the baseline is sent only for an indicator that has one. */
export function validateTarget(state: TargetFormState): TargetValidation {
  const indicator = state.indicator ? INDICATORS[state.indicator] : undefined;
  const value = state.value.trim().replace(',', '.');
  const input = {
    indicator: state.indicator || undefined,
    breakdownKey: indicator?.breakdown && state.breakdownKey ? state.breakdownKey : null,
    periodFrom: state.periodFrom,
    periodTo: state.periodTo,
    baselineOn: indicator?.needsBaseline ? state.baselineOn || null : null,
    value: value === '' ? undefined : Number(value),
    note: state.note,
  };
  const parsed = targetInputSchema.safeParse(input);
  if (parsed.success) return { ok: true, value: parsed.data };
  const errors: FieldErrors = {};
  for (const issue of parsed.error.issues) errors[issuePath(issue)] ??= issueMessage(issue);
  return { ok: false, errors };
}
