import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { CASE_TYPES, INDICATOR_IDS, INDICATORS, type Target } from '@homeward/core';
import { useSaveTarget } from '../api/targets.resource';
import { Field } from '../forms/field.component';
import { CodeOptions } from '../forms/code-options.component';
import { useFormFailure } from '../forms/use-form-failure';
import { FormAlert } from '../forms/form-alert.component';
import { FormFooter } from '../forms/form-footer.component';
import { serverFieldErrors } from '../forms/messages';
import { oneOf } from '../forms/one-of';
import { withoutError } from '../forms/without-error';
import { localToday } from '../text/dates';
import { TARGET_FIELDS, targetFormState, validateTarget, type TargetFormState } from './target-form';
import { DateInput } from '../forms/date-input.component';
import { DraftNotice } from '../forms/draft-notice.component';

const id = (field: string) => `target-${field}`;

/** Adds a target, or changes `target`; `onDone` closes the form, after a save or on cancel. */
export function TargetForm({ target, onDone }: { target?: Target; onDone: (saved: boolean) => void }) {
  const { t } = useTranslation();
  const save = useSaveTarget(target?.id);
  const [state, setState] = useState<TargetFormState>(() => targetFormState(target, localToday()));
  const formRef = useRef<HTMLFormElement>(null);
  const { errors, setErrors, general, setGeneral, fail, draft } = useFormFailure(formRef, {
    form: 'target',
    scope: target?.id,
  });
  const indicator = state.indicator ? INDICATORS[state.indicator] : undefined;
  const title = target ? t('targets:form.titleEdit') : t('targets:form.titleNew');

  const update = (patch: Partial<TargetFormState>) => {
    setState((current) => ({ ...current, ...patch }));
    setErrors((current) => Object.keys(patch).reduce(withoutError, current));
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const result = validateTarget(state);
    if (!result.ok) {
      fail(result.errors, { key: 'errors.formHasErrors' });
      return;
    }
    setErrors({});
    setGeneral(null);
    save.mutate(result.value, {
      onSuccess: () => {
        draft.clear();
        onDone(true);
      },
      onError: (error) => {
        const { fields, general: other } = serverFieldErrors(error, TARGET_FIELDS);
        fail(fields, other ?? { key: 'errors.formHasErrors' });
      },
    });
  };

  const dateField = (field: 'periodFrom' | 'periodTo' | 'baselineOn', hint?: string) => (
    <Field id={id(field)} name={field} label={t(`targets:form.${field}`)} hint={hint} required error={errors[field]}>
      {(control) => <DateInput {...control} value={state[field]} onChange={(value) => update({ [field]: value })} />}
    </Field>
  );

  return (
    <form
      ref={formRef}
      className="form target-form card"
      noValidate
      onSubmit={onSubmit}
      aria-labelledby="target-form-title"
      data-testid="target-form"
    >
      <h2 id="target-form-title">{title}</h2>
      <DraftNotice draft={draft} />
      <FormAlert message={general} />
      <Field
        id={id('indicator')}
        name="indicator"
        label={t('targets:form.indicator')}
        required
        error={errors.indicator}
      >
        {(control) => (
          <select
            {...control}
            value={state.indicator}
            onChange={(event) => update({ indicator: oneOf(INDICATOR_IDS, event.target.value) })}
          >
            <option value="">{t('cases:new.choose')}</option>
            {INDICATOR_IDS.map((code) => (
              <option key={code} value={code}>
                {t(`targets:indicator.${code}.name`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      {indicator ? <p className="field__hint">{t(`targets:indicator.${indicator.id}.description`)}</p> : null}
      {indicator?.breakdown ? (
        <Field id={id('breakdownKey')} name="breakdownKey" label={t('targets:caseType')} error={errors.breakdownKey}>
          {(control) => (
            <select
              {...control}
              value={state.breakdownKey}
              onChange={(event) => update({ breakdownKey: event.target.value })}
            >
              <CodeOptions codes={CASE_TYPES} list="caseType" choose={t('targets:allCaseTypes')} />
            </select>
          )}
        </Field>
      ) : null}
      <div className="form-grid">
        {dateField('periodFrom')}
        {dateField('periodTo')}
      </div>
      {indicator?.needsBaseline ? dateField('baselineOn', t('targets:form.baselineHint')) : null}
      <Field
        id={id('value')}
        name="value"
        label={indicator?.unit === 'percent' ? t('targets:form.valuePercent') : t('targets:form.valueCount')}
        required
        error={errors.value}
      >
        {(control) => (
          <input
            {...control}
            type="text"
            inputMode="decimal"
            className="target-form__value"
            value={state.value}
            onChange={(event) => update({ value: event.target.value })}
          />
        )}
      </Field>
      <Field
        id={id('note')}
        name="note"
        label={t('targets:form.note')}
        hint={t('targets:form.noteHint')}
        error={errors.note}
      >
        {(control) => (
          <input {...control} type="text" value={state.note} onChange={(e) => update({ note: e.target.value })} />
        )}
      </Field>
      <FormFooter pending={save.isPending} submitLabel={t('targets:form.save')} pendingLabel={t('saving')} status="">
        <button type="button" className="button" onClick={() => onDone(false)}>
          {t('targets:form.cancel')}
        </button>
      </FormFooter>
    </form>
  );
}
