import { useTranslation } from 'react-i18next';
import { isRealDate } from '@homeward/core';
import { localToday } from '../text/dates';
import { recentQuarters } from './report-period';
import { DateInput } from '../forms/date-input.component';

/** The quarters offered as one-click shortcuts: this one and the four before, so a year ago is there too. */
const SHORTCUTS = 5;

interface PeriodPickerProps {
  idPrefix: string;
  from: string;
  to: string;
  onChange: (period: { from: string; to: string }) => void;
}

/** A period as quarter shortcuts ("Q3 2026") or as any two dates. */
export function PeriodPicker({ idPrefix, from, to, onChange }: PeriodPickerProps) {
  const { t } = useTranslation();
  const quarters = recentQuarters(localToday(), SHORTCUTS);
  return (
    <fieldset className="period-picker">
      <legend>{t('reports:screen.period.legend')}</legend>
      <div className="period-picker__quarters" role="group" aria-label={t('reports:screen.period.quarters')}>
        {quarters.map((quarter) => {
          const chosen = quarter.from === from && quarter.to === to;
          return (
            <button
              key={quarter.from}
              type="button"
              className={chosen ? 'chip chip--chosen' : 'chip'}
              aria-pressed={chosen}
              data-testid={`quarter-${quarter.year}-${quarter.quarter}`}
              onClick={() => onChange({ from: quarter.from, to: quarter.to })}
            >
              {t('reports:quarterLabel', { quarter: quarter.quarter, year: quarter.year })}
            </button>
          );
        })}
      </div>
      <div className="period-picker__dates">
        <div className="field field--short">
          <label htmlFor={`${idPrefix}-from`}>{t('reports:screen.period.from')}</label>
          <DateInput
            id={`${idPrefix}-from`}
            value={from}
            max={to}
            required
            onChange={(value) => isRealDate(value) && onChange({ from: value, to })}
          />
        </div>
        <div className="field field--short">
          <label htmlFor={`${idPrefix}-to`}>{t('reports:screen.period.to')}</label>
          <DateInput
            id={`${idPrefix}-to`}
            value={to}
            min={from}
            required
            onChange={(value) => isRealDate(value) && onChange({ from, to: value })}
          />
        </div>
      </div>
    </fieldset>
  );
}
