import { lazy, Suspense, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { parseDayMonthYear, toDayMonthYear } from '@homeward/core';
import { formatDate } from '../text/dates';
import { useLanguage } from '../text/use-language';
import type { ControlProps } from './field.component';

// The calendar and its library load on first use, so no screen pays for them until a person opens one.
const DateCalendar = lazy(() =>
  import('./date-calendar.component').then((module) => ({ default: module.DateCalendar })),
);

interface DateInputProps extends Partial<ControlProps> {
  id: string;
  /** `YYYY-MM-DD`, '' for none, or the text as typed while it is not yet a date (the form then says so). */
  value: string;
  onChange: (value: string) => void;
  min?: string | undefined;
  max?: string | undefined;
  disabled?: boolean;
  'aria-label'?: string;
}

const ISO = /^\d{4}-\d{2}-\d{2}$/;

/**
 * A date typed day first (14/03/2026) whatever the browser's locale, with a calendar beside it in the screen's
 * language (Khmer months and digits in Khmer). The browser's own date input shows mm/dd/yyyy on an
 * English-American device even inside the Khmer screens, and cannot be told otherwise.
 */
export function DateInput({ value, onChange, min, max, disabled, ...control }: DateInputProps) {
  const { t } = useTranslation();
  const language = useLanguage();
  const [text, setText] = useState(() => (ISO.test(value) ? toDayMonthYear(value) : value));
  const sent = useRef(value);
  const [open, setOpen] = useState(false);
  const inputRef = useRef<HTMLInputElement>(null);

  // A value set from outside (a reset, a restored draft, the calendar) replaces the text.
  useEffect(() => {
    if (value === sent.current) return;
    sent.current = value;
    setText(ISO.test(value) ? toDayMonthYear(value) : value);
  }, [value]);

  const send = (next: string) => {
    sent.current = next;
    onChange(next);
  };

  const type = (typed: string) => {
    setText(typed);
    send(typed.trim() === '' ? '' : (parseDayMonthYear(typed) ?? typed.trim()));
  };

  const iso = ISO.test(value) ? value : null;
  const calendarId = `${control.id}-calendar`;
  return (
    <div className="date-input">
      <div className="date-input__row">
        <input
          {...control}
          ref={inputRef}
          type="text"
          inputMode="numeric"
          autoComplete="off"
          placeholder={t('dateInput.placeholder')}
          value={text}
          disabled={disabled}
          onChange={(event) => type(event.target.value)}
        />
        <button
          type="button"
          className="date-input__open"
          aria-label={t('dateInput.openCalendar')}
          aria-expanded={open}
          aria-controls={open ? calendarId : undefined}
          disabled={disabled}
          onClick={() => setOpen((current) => !current)}
        >
          <svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false">
            <path
              fill="currentColor"
              d="M7 2h2v2h6V2h2v2h3a1 1 0 0 1 1 1v15a1 1 0 0 1-1 1H4a1 1 0 0 1-1-1V5a1 1 0 0 1 1-1h3V2Zm12 8H5v9h14v-9ZM5 8h14V6H5v2Z"
            />
          </svg>
        </button>
        {iso ? (
          <span className="date-input__reading" data-testid="date-reading">
            {formatDate(iso, language)}
          </span>
        ) : null}
      </div>
      {open ? (
        <Suspense fallback={<p className="field__hint">{t('loading')}</p>}>
          <DateCalendar
            id={calendarId}
            language={language}
            selected={iso}
            min={min}
            max={max}
            onPick={(picked) => {
              setText(toDayMonthYear(picked));
              send(picked);
              setOpen(false);
              inputRef.current?.focus();
            }}
            onClose={() => {
              setOpen(false);
              inputRef.current?.focus();
            }}
          />
        </Suspense>
      ) : null}
    </div>
  );
}
