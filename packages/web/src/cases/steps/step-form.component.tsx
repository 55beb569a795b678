import type { FormEvent, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Field } from '../../forms/field.component';
import { DraftNotice } from '../../forms/draft-notice.component';
import { FormAlert } from '../../forms/form-alert.component';
import { formatDate } from '../../text/dates';
import { useLanguage } from '../../text/use-language';
import type { StepForm } from './use-step-form';
import { DateInput } from '../../forms/date-input.component';

interface StepFormFrameProps {
  form: StepForm;
  onSubmit: (event: FormEvent) => void;
  onCancel: () => void;
  children: ReactNode;
  /** What the date means for this step ("Date of the visit"); "Date" otherwise. */
  dateLabel?: string;
  submitLabel?: string;
  /** A note above the fields, e.g. that the step needs the child's consent. */
  intro?: ReactNode;
}

/**
 * The frame of every step form: its title (or the event it corrects), the date, the form's alert, the fields,
 * and save or cancel. Each form supplies only its own fields.
 */
export function StepFormFrame({
  form,
  onSubmit,
  onCancel,
  children,
  dateLabel,
  submitLabel,
  intro,
}: StepFormFrameProps) {
  const { t } = useTranslation();
  const language = useLanguage();
  const { type, original, context } = form;
  const titleId = form.id('title');
  const step = t(`codes:eventType.${type}`);
  return (
    <form
      ref={form.formRef}
      className={original ? 'form step-form step-form--correction' : 'form step-form'}
      noValidate
      onSubmit={onSubmit}
      aria-labelledby={titleId}
      data-testid="step-form"
      data-step={type}
    >
      <h3 id={titleId} className="step-form__title" tabIndex={-1}>
        {original ? t('steps:form.correctTitle', { step, date: formatDate(original.occurredOn, language) }) : step}
      </h3>
      {original ? <p className="step-form__notice">{t('steps:form.correctionHint')}</p> : null}
      {intro}
      <p className="field__hint">{t('requiredNote')}</p>
      <DraftNotice draft={form.draft} />
      <FormAlert message={form.general} />
      <Field
        id={form.id('occurredOn')}
        name="occurredOn"
        label={dateLabel ?? t('steps:form.date')}
        required
        error={form.errors.occurredOn}
        className="field--short"
      >
        {(control) => (
          <DateInput
            {...control}
            min={context.openedOn}
            max={context.today}
            value={form.occurredOn}
            onChange={(value) => form.setOccurredOn(value)}
          />
        )}
      </Field>
      {children}
      <div className="form__actions">
        <button type="submit" className="button button--primary" disabled={form.pending}>
          {form.pending
            ? t('saving')
            : original
              ? t('steps:form.saveCorrection')
              : (submitLabel ?? t('steps:form.save'))}
        </button>
        <button
          type="button"
          className="button button--quiet"
          onClick={() => {
            // Cancelling is choosing not to keep what was typed.
            form.draft.clear();
            onCancel();
          }}
        >
          {t('cancel')}
        </button>
      </div>
    </form>
  );
}
