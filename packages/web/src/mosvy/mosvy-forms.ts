/**
 * The six MoSVY case-management forms (the DoSVY procedure as OSCaR encodes it, reference A.13 and B.7), in
 * the order of the life of a case. The id is the last part of the form's address: /cases/:caseId/forms/:form.
 */
export const MOSVY_FORMS = [
  'initial-information',
  'assessment',
  'service-plan',
  'placement',
  'follow-up',
  'closure',
] as const;
export type MosvyFormId = (typeof MOSVY_FORMS)[number];

export function isMosvyForm(value: string | undefined): value is MosvyFormId {
  return (MOSVY_FORMS as readonly string[]).includes(value ?? '');
}

/** The form's number on paper: 1 to 6. */
export function formNumber(form: MosvyFormId): number {
  return MOSVY_FORMS.indexOf(form) + 1;
}

export function formsPath(caseId: string): string {
  return `/cases/${encodeURIComponent(caseId)}/forms`;
}

export function formPath(caseId: string, form: MosvyFormId, search = ''): string {
  return `${formsPath(caseId)}/${form}${search}`;
}
