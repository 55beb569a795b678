import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/** Facts of an event as short "label: value" lines, skipping the ones not recorded. */
export function Facts({ children }: { children: ReactNode }) {
  return <dl className="event-facts">{children}</dl>;
}

export function Fact({ label, children }: { label: string; children: ReactNode }) {
  if (children === undefined || children === null || children === '' || children === false) return null;
  return (
    <div className="event-facts__item">
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

export interface ScoreEntry {
  label: string;
  score: number;
  /** Why the score, shown under the chips on request. */
  reason?: string | undefined;
}

/** Scores as coloured chips (1 red to 4 green), with the reasons folded away. */
export function ScoreChips({ entries, testId }: { entries: readonly ScoreEntry[]; testId?: string }) {
  const { t } = useTranslation();
  if (entries.length === 0) return null;
  const reasons = entries.filter((entry) => entry.reason);
  return (
    <>
      <ul className="score-chips" data-testid={testId}>
        {entries.map((entry) => (
          <li key={entry.label} className={`score-chip score-chip--${entry.score}`}>
            <span className="score-chip__label">{entry.label}</span>{' '}
            <strong className="score-chip__score" aria-label={t('steps:timeline.scoreOf', { score: entry.score })}>
              {entry.score}
            </strong>
          </li>
        ))}
      </ul>
      {reasons.length > 0 ? (
        <details className="event-details">
          <summary>{t('steps:timeline.reasons')}</summary>
          <dl className="event-facts">
            {reasons.map((entry) => (
              <div key={entry.label} className="event-facts__item">
                <dt>{entry.label}</dt>
                <dd className="prose">{entry.reason}</dd>
              </div>
            ))}
          </dl>
        </details>
      ) : null}
    </>
  );
}

/** A yes/no outcome that should stand out: green for the good answer, red for the worrying one. */
export function Outcome({ good, children }: { good: boolean; children: ReactNode }) {
  return <span className={good ? 'outcome outcome--good' : 'outcome outcome--bad'}>{children}</span>;
}

export function Prose({ children }: { children: string | undefined }) {
  return children ? <p className="prose">{children}</p> : null;
}
