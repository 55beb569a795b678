import { formatDate } from '../text/dates';
import { useLanguage } from '../text/use-language';

/** "27 Dec 2024 · 696 days overdue" as one piece, so a table cell laid out as a card keeps it together. */
export function DateWithNote({ date, note, alert }: { date: string; note: string; alert?: boolean }) {
  const language = useLanguage();
  return (
    <span className="date-note">
      <time dateTime={date}>{formatDate(date, language)}</time>{' '}
      <span className={alert ? 'overdue-text' : 'muted'}>{note}</span>
    </span>
  );
}
