import { useRef, useState, type FormEvent, type RefObject } from 'react';
import {
  checkEventDate,
  checkNewEvent,
  DEFAULT_CASE_SETTINGS,
  DomainError,
  isRealDate,
  newCaseEventSchema,
  type CaseEvent,
  type FacilityLoad,
  type FieldIssue,
} from '@homeward/core';
import { useAddCaseEvent } from '../../api/cases.resource';
import { i18n } from '../../i18n';
import { isApiError } from '../../api/http';
import { useFormFailure } from '../../forms/use-form-failure';
import type { FormDraft } from '../../forms/use-form-draft';
import { requestErrorMessage, type FieldErrors, type Message } from '../../forms/messages';
import { issuePath } from '../../forms/schema-issues';
import { withoutError } from '../../forms/without-error';
import { newId, type StepContext, type StepType } from './step-context';
import { ruleMessage, stepIssueMessage, type FieldMessages } from './step-messages';

export interface StepFormProps {
  context: StepContext;
  /** The event this form corrects, if it is a correction. */
  original?: CaseEvent | undefined;
  preset?: Record<string, string> | undefined;
  onDone: (saved: CaseEvent) => void;
  onCancel: () => void;
  /** Prefix of the element ids, so two forms of one type can share a page; the step's type by default. */
  idPrefix?: string;
}

export interface SubmitOptions {
  /** Moves an error from the path the schema and server use to the field on screen (a list index to a domain). */
  rename?: (path: string) => string;
  /** For a placement in a facility: how full it is, for the over-capacity rule. */
  facility?: FacilityLoad | undefined;
  messages?: FieldMessages;
}

export interface StepForm {
  type: StepType;
  formRef: RefObject<HTMLFormElement | null>;
  occurredOn: string;
  setOccurredOn: (value: string) => void;
  errors: FieldErrors;
  /** Forgets the errors of fields the user is now changing. */
  clear: (...fields: string[]) => void;
  general: Message | null;
  pending: boolean;
  draft: FormDraft;
  /** Validates with core's schema and rules, then sends; returns the handler for the form's submit. */
  onSubmit: (build: () => { payload: Record<string, unknown>; options?: SubmitOptions }) => (event: FormEvent) => void;
  context: StepContext;
  original: CaseEvent | undefined;
  /** The element id of a field, from its path: `payload.scores.care.reason` → `assessment_csi-scores-care-reason`. */
  id: (path: string) => string;
}

const identity = (path: string) => path;

/**
 * The part every step form shares: the date, errors by field, focus on the first error, the same checks as
 * the server before sending, and the server's errors mapped back to the fields on screen.
 */
export function useStepForm(type: StepType, props: StepFormProps): StepForm {
  const { context, original, onDone } = props;
  const addEvent = useAddCaseEvent(context.caseId);
  const formRef = useRef<HTMLFormElement>(null);
  // One id for this form's event, so a retry after a lost answer cannot record it twice.
  const eventId = useRef(newId());
  const [occurredOn, setOccurredOn] = useState(original?.occurredOn ?? context.today);
  const {
    errors,
    setErrors,
    general,
    setGeneral,
    fail: showFailure,
    draft,
  } = useFormFailure(formRef, {
    form: `step.${props.idPrefix ?? type}${original ? `.${original.id}` : ''}`,
    scope: context.caseId,
  });

  const onScreen = (field: string): boolean =>
    Boolean(formRef.current?.querySelector(`[data-field="${CSS.escape(field)}"]`));

  /** Puts each error beside its field when that field is on screen, and the first other one at the top. */
  const fail = (issues: readonly { field: string; message: Message }[], fallback: Message | null) => {
    const fields: FieldErrors = {};
    let top: Message | null = null;
    for (const { field, message } of issues) {
      if (onScreen(field)) fields[field] ??= message;
      else top ??= message;
    }
    showFailure(fields, top ?? (Object.keys(fields).length > 0 ? { key: 'errors.formHasErrors' } : fallback));
  };

  const fromRules = (issues: readonly FieldIssue[], rename: (path: string) => string) =>
    issues.map((issue) => ({ field: rename(issue.field), message: ruleMessage(issue) }));

  // The date's own rule (not before intake, not in the future) is told with the field errors, not after them.
  const dateRuleIssues = (issues: readonly { field: string }[]) => {
    if (issues.some((issue) => issue.field === 'occurredOn') || !isRealDate(occurredOn)) return [];
    try {
      checkEventDate(context.events, occurredOn, context.today);
      return [];
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      return fromRules(error.issues, identity);
    }
  };

  const onSubmit: StepForm['onSubmit'] = (build) => (event) => {
    event.preventDefault();
    const { payload, options = {} } = build();
    const rename = options.rename ?? identity;
    const candidate = {
      id: eventId.current,
      type,
      occurredOn,
      ...(original ? { supersedes: original.id } : {}),
      payload,
    };
    const parsed = newCaseEventSchema.safeParse(candidate);
    if (!parsed.success) {
      const issues = parsed.error.issues.map((issue) => {
        const path = issuePath(issue);
        return { field: rename(path), message: stepIssueMessage(issue, path, candidate, options.messages ?? {}) };
      });
      fail([...issues, ...dateRuleIssues(issues)], null);
      return;
    }
    try {
      // A participating organisation reads part of the history (no intake without identity): the rules need the
      // whole of it, so only the server, which has it, checks them then (decision 0010).
      if (context.events.some((event) => event.type === 'intake'))
        checkNewEvent(context.events, parsed.data, {
          today: context.today,
          settings: { ...DEFAULT_CASE_SETTINGS, approvalGates: context.state.approvalGates },
          ...(options.facility ? { facility: options.facility } : {}),
        });
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      const issues =
        error.issues.length > 0 ? error.issues : [{ field: 'type', message: error.message, code: error.code }];
      fail(fromRules(issues, rename), null);
      return;
    }
    setErrors({});
    setGeneral(null);
    addEvent.mutate(parsed.data, {
      onSuccess: (saved) => {
        draft.clear();
        onDone(saved);
      },
      onError: (failure) => {
        if (isApiError(failure) && failure.fieldErrors.length > 0) {
          fail(fromRules(failure.fieldErrors, rename), null);
          return;
        }
        const code = isApiError(failure) ? failure.code : undefined;
        fail(
          [],
          code && i18n.exists(`steps:errors.${code}`) ? { key: `steps:errors.${code}` } : requestErrorMessage(failure),
        );
      },
    });
  };

  return {
    type,
    formRef,
    occurredOn,
    setOccurredOn: (value) => {
      setOccurredOn(value);
      setErrors((current) => withoutError(current, 'occurredOn'));
    },
    errors,
    clear: (...fields) => setErrors((current) => fields.reduce(withoutError, current)),
    general,
    pending: addEvent.isPending,
    draft,
    onSubmit,
    context,
    original,
    id: (path) => `${props.idPrefix ?? type}-${path.replace(/^payload\./, '').replace(/\./g, '-')}`,
  };
}
