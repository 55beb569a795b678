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
  const hint = (field: OptionalField) =>
    withHints ? (
      <p id={`report-${field}-hint`} className="field__hint">
        {t(`reports:screen.options.${field}Hint`)}
      </p>
    ) : null;
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
          <div className="field field--short">
            <label htmlFor="report-planned">{t('reports:screen.options.planned')}</label>
            {hint('planned')}
            <input
              id="report-planned"
              type="number"
              min={0}
              max={100000}
              inputMode="numeric"
              value={value.planned}
              aria-describedby={withHints ? 'report-planned-hint' : undefined}
              onChange={(event) => set({ planned: event.target.value })}
            />
          </div>
        ) : null}
        {fields.includes('targetPercent') ? (
          <div className="field field--short">
            <label htmlFor="report-targetPercent">{t('reports:screen.options.targetPercent')}</label>
            {hint('targetPercent')}
            <input
              id="report-targetPercent"
              type="number"
              min={0}
              max={100}
              inputMode="decimal"
              placeholder="30"
              value={value.targetPercent}
              aria-describedby={withHints ? 'report-targetPercent-hint' : undefined}
              onChange={(event) => set({ targetPercent: event.target.value })}
            />
          </div>
        ) : null}
        {fields.includes('ageBands') ? (
          <div className="field field--short">
            <label htmlFor="report-ageBands">{t('reports:screen.options.ageBands')}</label>
            {hint('ageBands')}
            <input
              id="report-ageBands"
              type="text"
              placeholder="0-10,11-17,18-25"
              pattern="\d{1,3}-\d{1,3}(,\d{1,3}-\d{1,3}){0,9}"
              value={value.ageBands}
              aria-describedby={withHints ? 'report-ageBands-hint' : undefined}
              onChange={(event) => set({ ageBands: event.target.value.replace(/\s/g, '') })}
            />
          </div>
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
