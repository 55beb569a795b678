import type { InputHTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { LANGUAGES } from '@homeward/core';
import { PeriodPicker } from './period-picker.component';
import type { OptionalField, ReportOptions } from './report-options';

interface ReportOptionsFieldsProps {
  value: ReportOptions;
  onChange: (value: ReportOptions) => void;
  /** The options beyond period, language and anonymising that this screen offers. */
  fields: readonly OptionalField[];
  /** On the list of reports each option says which report reads it. */
  withHints?: boolean;
}

/** The period, the report's language, the planned numbers and age bands, and anonymising. */
export function ReportOptionsFields({ value, onChange, fields, withHints }: ReportOptionsFieldsProps) {
  const { t } = useTranslation();
  const set = (change: Partial<ReportOptions>) => onChange({ ...value, ...change });
  return (
    <div className="report-options" data-testid="report-options">
      <PeriodPicker idPrefix="report" from={value.from} to={value.to} onChange={set} />
      <div className="report-options__grid">
        <div className="field field--short">
          <label htmlFor="report-lang">{t('reports:screen.options.language')}</label>
          <select
            id="report-lang"
            value={value.lang}
            onChange={(event) => set({ lang: event.target.value as ReportOptions['lang'] })}
          >
            {LANGUAGES.map((language) => (
              <option key={language} value={language}>
                {t(`reports:screen.options.languages.${language}`)}
              </option>
            ))}
          </select>
        </div>
        {fields.includes('planned') ? (
          <OptionInput
            field="planned"
            withHints={withHints}
            value={value.planned}
            onChange={(planned) => set({ planned })}
            input={{ type: 'number', min: 0, max: 100000, inputMode: 'numeric' }}
          />
        ) : null}
        {fields.includes('targetPercent') ? (
          <OptionInput
            field="targetPercent"
            withHints={withHints}
            value={value.targetPercent}
            onChange={(targetPercent) => set({ targetPercent })}
            input={{ type: 'number', min: 0, max: 100, inputMode: 'decimal', placeholder: '30' }}
          />
        ) : null}
        {fields.includes('ageBands') ? (
          <OptionInput
            field="ageBands"
            withHints={withHints}
            value={value.ageBands}
            onChange={(ageBands) => set({ ageBands: ageBands.replace(/\s/g, '') })}
            input={{
              type: 'text',
              placeholder: '0-10,11-17,18-25',
              pattern: '\\d{1,3}-\\d{1,3}(,\\d{1,3}-\\d{1,3}){0,9}',
            }}
          />
        ) : null}
      </div>
      <div className="report-options__anonymise">
        <label className="choice choice--standalone">
          <input
            type="checkbox"
            checked={value.anonymise}
            data-testid="report-anonymise"
            onChange={(event) => set({ anonymise: event.target.checked })}
          />
          <span>{t('reports:screen.options.anonymise')}</span>
        </label>
        {value.anonymise ? (
          <div className="field field--short">
            <label htmlFor="report-suppressBelow">{t('reports:screen.options.suppressBelow')}</label>
            <input
              id="report-suppressBelow"
              type="number"
              min={2}
              max={50}
              inputMode="numeric"
              value={value.suppressBelow}
              onChange={(event) => set({ suppressBelow: event.target.value })}
            />
          </div>
        ) : null}
        <p className="field__hint">{t('reports:screen.options.anonymiseHint')}</p>
      </div>
    </div>
  );
}

interface OptionInputProps {
  field: OptionalField;
  withHints: boolean | undefined;
  value: string;
  onChange: (value: string) => void;
  /** What kind of value the input takes: type, bounds, placeholder. */
  input: Pick<InputHTMLAttributes<HTMLInputElement>, 'type' | 'min' | 'max' | 'inputMode' | 'placeholder' | 'pattern'>;
}

/** One of the report-specific options, with the hint naming the report that reads it on the list of reports. */
function OptionInput({ field, withHints, value, onChange, input }: OptionInputProps) {
  const { t } = useTranslation();
  const id = `report-${field}`;
  return (
    <div className="field field--short">
      <label htmlFor={id}>{t(`reports:screen.options.${field}`)}</label>
      {withHints ? (
        <p id={`${id}-hint`} className="field__hint">
          {t(`reports:screen.options.${field}Hint`)}
        </p>
      ) : null}
      <input
        {...input}
        id={id}
        value={value}
        aria-describedby={withHints ? `${id}-hint` : undefined}
        onChange={(event) => onChange(event.target.value)}
      />
    </div>
  );
}
