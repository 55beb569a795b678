import { DayPicker, type Matcher } from 'react-day-picker';
import { enGB, km } from 'react-day-picker/locale';
import 'react-day-picker/style.css';
import { khmerDigits, type Language } from '@homeward/core';
import { MONTHS } from '../text/dates';

function toDate(isoDate: string): Date {
  const [year, month, day] = isoDate.split('-').map(Number) as [number, number, number];
  return new Date(year, month - 1, day);
}

function toIso(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

interface DateCalendarProps {
  id: string;
  language: Language;
  selected: string | null;
  min: string | undefined;
  max: string | undefined;
  onPick: (isoDate: string) => void;
  onClose: () => void;
}

/**
 * A month grid with month and year lists, in the screen's language: Khmer month names and Khmer digits in
 * Khmer, weeks from Monday. Arrow keys move by day, Page Up/Down by month; Escape closes it.
 */
export function DateCalendar({ id, language, selected, min, max, onPick, onClose }: DateCalendarProps) {
  const digits = (text: string | number) => (language === 'km' ? khmerDigits(String(text)) : String(text));
  const chosen = selected ? toDate(selected) : undefined;
  const disabled: Matcher[] = [...(min ? [{ before: toDate(min) }] : []), ...(max ? [{ after: toDate(max) }] : [])];
  const today = new Date();
  return (
    <div
      id={id}
      className="date-calendar"
      role="group"
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          event.stopPropagation();
          onClose();
        }
      }}
    >
      <DayPicker
        mode="single"
        locale={language === 'km' ? km : enGB}
        weekStartsOn={1}
        captionLayout="dropdown"
        startMonth={min ? toDate(min) : new Date(today.getFullYear() - 30, 0)}
        endMonth={max ? toDate(max) : new Date(today.getFullYear() + 5, 11)}
        defaultMonth={chosen ?? (max && toDate(max) < today ? toDate(max) : today)}
        selected={chosen}
        disabled={disabled}
        autoFocus
        onSelect={(date) => {
          if (date) onPick(toIso(date));
        }}
        formatters={{
          formatDay: (date) => digits(date.getDate()),
          formatMonthDropdown: (date) => MONTHS[language][date.getMonth()] ?? '',
          formatYearDropdown: (date) => digits(date.getFullYear()),
          formatCaption: (date) => `${MONTHS[language][date.getMonth()] ?? ''} ${digits(date.getFullYear())}`,
        }}
      />
    </div>
  );
}
