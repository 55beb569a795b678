import { useTranslation } from 'react-i18next';
import { REFERRAL_SOURCES } from '@homeward/core';
import { useDirectory } from '../../api/directory.resource';
import { Field } from '../../forms/field.component';
import { oneOf } from '../../forms/one-of';
import { fieldId, type SectionProps } from './section-props';
import { CodeOptions } from '../../forms/code-options.component';
import { DateInput } from '../../forms/date-input.component';

export function ReferralSection({ state, update, errors, today }: SectionProps & { today: string }) {
  const { t } = useTranslation();
  // The organisation's directory is offered as suggestions; a body not yet in it can still be typed.
  const directory = useDirectory();
  return (
    <fieldset className="form-section">
      <legend className="form-section__title">{t('cases:new.sections.referral')}</legend>
      <div className="form-grid">
        <Field
          id={fieldId('referral.source')}
          name="referral.source"
          label={t('cases:fields.referralSource')}
          required
          error={errors['referral.source']}
        >
          {(control) => (
            <select
              {...control}
              value={state.referralSource}
              onChange={(event) => update({ referralSource: oneOf(REFERRAL_SOURCES, event.target.value) })}
            >
              <CodeOptions codes={REFERRAL_SOURCES} list="referralSource" choose={t('cases:new.choose')} />
            </select>
          )}
        </Field>
        <Field
          id={fieldId('referral.referredOn')}
          name="referral.referredOn"
          label={t('cases:fields.referredOn')}
          required
          error={errors['referral.referredOn']}
        >
          {(control) => (
            <DateInput
              {...control}
              max={today}
              value={state.referredOn}
              onChange={(value) => update({ referredOn: value })}
            />
          )}
        </Field>
      </div>
      <Field
        id={fieldId('referral.sourceName')}
        name="referral.sourceName"
        label={t('cases:fields.referralSourceName')}
        hint={t('cases:new.referralSourceNameHint')}
        error={errors['referral.sourceName']}
      >
        {(control) => (
          <>
            <input
              {...control}
              type="text"
              list="referral-directory"
              autoComplete="off"
              value={state.referralSourceName}
              onChange={(event) => update({ referralSourceName: event.target.value })}
            />
            <datalist id="referral-directory">
              {(directory.data?.items ?? []).map((entry) => (
                <option key={entry.id} value={entry.name}>
                  {t(`codes:directoryKind.${entry.kind}`)}
                </option>
              ))}
            </datalist>
          </>
        )}
      </Field>
      <Field
        id={fieldId('referral.reason')}
        name="referral.reason"
        label={t('cases:fields.referralReason')}
        error={errors['referral.reason']}
      >
        {(control) => (
          <textarea
            {...control}
            rows={4}
            value={state.referralReason}
            onChange={(event) => update({ referralReason: event.target.value })}
          />
        )}
      </Field>
    </fieldset>
  );
}
