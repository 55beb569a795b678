import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { checkEventDate, DomainError, newCaseEventSchema, type CaseEvent, type NewCaseEvent } from '@homeward/core';
import { useAddCaseEvent } from '../api/cases.resource';
import { Field } from '../forms/field.component';
import { FormAlert } from '../forms/form-alert.component';
import { FormFooter } from '../forms/form-footer.component';
import { withoutError } from '../forms/without-error';
import { useFormFailure } from '../forms/use-form-failure';
import { serverFieldErrors, type FieldErrors, type Message } from '../forms/messages';
import { commonIssueMessage, issuePath, type SchemaIssue } from '../forms/schema-issues';
import { localToday } from '../text/dates';
import { DateInput } from '../forms/date-input.component';
import { DraftNotice } from '../forms/draft-notice.component';

const FIELDS = ['occurredOn', 'payload.text'] as const;

function noteIssueMessage(issue: SchemaIssue, occurredOn: string): Message {
  switch (issuePath(issue)) {
    case 'occurredOn':
      return occurredOn === '' ? { key: 'errors.dateRequired' } : { key: 'errors.invalidDate' };
    case 'payload.text':
      return issue.code === 'too_small' ? { key: 'cases:errors.noteRequired' } : commonIssueMessage(issue);
    default:
      return commonIssueMessage(issue);
  }
}

type Validation = { ok: true; value: NewCaseEvent } | { ok: false; errors: FieldErrors };

function validateNote(
  values: { occurredOn: string; text: string; confidential: boolean },
  events: readonly CaseEvent[],
  today: string,
): Validation {
  const parsed = newCaseEventSchema.safeParse({
    type: 'note',
    occurredOn: values.occurredOn,
    payload: { text: values.text, confidential: values.confidential },
  });
  if (!parsed.success) {
    const errors: FieldErrors = {};
    for (const issue of parsed.error.issues) errors[issuePath(issue)] ??= noteIssueMessage(issue, values.occurredOn);
    return { ok: false, errors };
  }
  try {
    checkEventDate(events, parsed.data.occurredOn, today);
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    const errors: FieldErrors = {};
    for (const issue of error.issues) {
      errors[issue.field] ??= { server: issue.message, ...(issue.code ? { code: issue.code } : {}) };
    }
    return { ok: false, errors };
  }
  return { ok: true, value: parsed.data };
}

interface CaseNoteFormProps {
  caseId: string;
  openedOn: string;
  events: readonly CaseEvent[];
}

export function CaseNoteForm({ caseId, openedOn, events }: CaseNoteFormProps) {
  const { t } = useTranslation();
  const addEvent = useAddCaseEvent(caseId);
  const today = localToday();
  const formRef = useRef<HTMLFormElement>(null);
  const [occurredOn, setOccurredOn] = useState(today);
  const [text, setText] = useState('');
  const [confidential, setConfidential] = useState(false);
  const [saved, setSaved] = useState(false);
  const { errors, setErrors, general, setGeneral, fail, draft } = useFormFailure(formRef, {
    form: 'case-note',
    scope: caseId,
  });

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    const result = validateNote({ occurredOn, text, confidential }, events, today);
    if (!result.ok) {
      fail(result.errors, null);
      return;
    }
    setErrors({});
    setGeneral(null);
    addEvent.mutate(result.value, {
      onSuccess: () => {
        draft.clear();
        setText('');
        setConfidential(false);
        setOccurredOn(today);
        setSaved(true);
      },
      onError: (error) => {
        const { fields, general: other } = serverFieldErrors(error, FIELDS);
        fail(fields, other);
      },
    });
  };

  return (
    <form
      ref={formRef}
      className="form card note-form"
      noValidate
      onSubmit={onSubmit}
      aria-labelledby="note-form-title"
      data-testid="note-form"
    >
      <h3 id="note-form-title">{t('cases:note.title')}</h3>
      <DraftNotice draft={draft} />
      <FormAlert message={general} />
      <Field
        id="note-date"
        name="occurredOn"
        label={t('cases:note.date')}
        required
        error={errors.occurredOn}
        className="field--short"
      >
        {(control) => (
          <DateInput
            {...control}
            min={openedOn}
            max={today}
            value={occurredOn}
            onChange={(value) => {
              setOccurredOn(value);
              setErrors((current) => withoutError(current, 'occurredOn'));
            }}
          />
        )}
      </Field>
      <Field id="note-text" name="payload.text" label={t('cases:note.text')} required error={errors['payload.text']}>
        {(control) => (
          <textarea
            {...control}
            rows={4}
            value={text}
            onChange={(event) => {
              setText(event.target.value);
              setErrors((current) => withoutError(current, 'payload.text'));
            }}
          />
        )}
      </Field>
      <div className="choice choice--standalone">
        <input
          id="note-confidential"
          type="checkbox"
          checked={confidential}
          aria-describedby="note-confidential-hint"
          onChange={(event) => setConfidential(event.target.checked)}
        />
        <label htmlFor="note-confidential">{t('cases:note.confidential')}</label>
      </div>
      <p id="note-confidential-hint" className="field__hint">
        {t('cases:note.confidentialHint')}
      </p>
      <FormFooter
        pending={addEvent.isPending}
        submitLabel={t('cases:note.submit')}
        pendingLabel={t('saving')}
        status={saved ? t('cases:note.saved') : ''}
      />
    </form>
  );
}
