import { useTranslation } from 'react-i18next';
import { targetStart, type TargetProgress } from '@homeward/core';
import { formatDate } from '../text/dates';
import { useLanguage } from '../text/use-language';

const WIDTH = 320;
const HEIGHT = 150;
const PAD = { left: 34, right: 12, top: 10, bottom: 22 };
const DAY_MS = 86_400_000;

const dayOf = (date: string) => Date.parse(`${date}T00:00:00Z`) / DAY_MS;

/** A round top for the axis, so its labels read as plain numbers (5, 10, 20, 50...). */
function niceMax(value: number): number {
  if (value <= 0) return 1;
  const step = 10 ** Math.floor(Math.log10(value));
  return [1, 2, 2.5, 5, 10].map((m) => m * step).find((candidate) => candidate >= value) ?? value;
}

/** A figure in its unit; "*" where anonymising hid it. */
export function formatValue(value: number | null, unit: 'count' | 'percent'): string {
  if (value === null) return '*';
  return unit === 'percent' ? `${value} %` : String(value);
}

/**
 * The cumulative actual, month by month, against the straight line from nothing to the target: a solid line
 * with dots against a dashed one, so the two differ by more than colour. The same numbers are in a table below.
 */
export function ProgressChart({ progress, unit }: { progress: TargetProgress; unit: 'count' | 'percent' }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const { target } = progress;
  // Hidden months are left out of the line: it joins the months shown, each a cumulative figure.
  const series = progress.series.flatMap((point) =>
    point.actual === null ? [] : [{ ...point, actual: point.actual }],
  );
  const start = targetStart(target);
  const first = dayOf(start);
  const span = Math.max(1, dayOf(target.periodTo) - first);
  const top = niceMax(Math.max(target.value, ...series.map((point) => point.actual)));
  const x = (date: string) => PAD.left + ((dayOf(date) - first) / span) * (WIDTH - PAD.left - PAD.right);
  const y = (value: number) => HEIGHT - PAD.bottom - (value / top) * (HEIGHT - PAD.top - PAD.bottom);
  const actualPath = [`${x(start)},${y(0)}`, ...series.map((point) => `${x(point.on)},${y(point.actual)}`)].join(' ');
  const summary = [
    t('targets:chart.title'),
    `${t('targets:chart.actual')}: ${formatValue(progress.actual, unit)}`,
    `${t('targets:chart.expected')}: ${formatValue(progress.expectedByNow, unit)}`,
    `${t('targets:chart.target')}: ${formatValue(target.value, unit)}`,
  ].join('. ');

  return (
    <figure className="progress-chart">
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label={summary} className="progress-chart__svg">
        {[0, top / 2, top].map((value) => (
          <g key={value}>
            <line x1={PAD.left} x2={WIDTH - PAD.right} y1={y(value)} y2={y(value)} className="progress-chart__grid" />
            <text x={PAD.left - 4} y={y(value) + 3} textAnchor="end" className="progress-chart__label">
              {unit === 'percent' ? `${value}%` : value}
            </text>
          </g>
        ))}
        <line
          x1={x(start)}
          y1={y(0)}
          x2={x(target.periodTo)}
          y2={y(target.value)}
          className="progress-chart__expected"
        />
        {series.length > 0 ? (
          <>
            <line
              x1={x(progress.countedTo)}
              x2={x(progress.countedTo)}
              y1={PAD.top}
              y2={HEIGHT - PAD.bottom}
              className="progress-chart__now"
            />
            <polyline points={actualPath} className="progress-chart__actual" />
            {series.map((point) => (
              <circle key={point.on} cx={x(point.on)} cy={y(point.actual)} r={2.6} className="progress-chart__dot" />
            ))}
          </>
        ) : null}
        <text x={PAD.left} y={HEIGHT - 6} className="progress-chart__label">
          {formatDate(start, language)}
        </text>
        <text x={WIDTH - PAD.right} y={HEIGHT - 6} textAnchor="end" className="progress-chart__label">
          {formatDate(target.periodTo, language)}
        </text>
      </svg>
      <figcaption className="progress-chart__legend">
        <span className="progress-chart__key progress-chart__key--actual">{t('targets:chart.actual')}</span>
        <span className="progress-chart__key progress-chart__key--expected">{t('targets:chart.expected')}</span>
      </figcaption>
      {progress.series.length > 0 ? (
        <details className="progress-chart__details">
          <summary>{t('targets:chart.table')}</summary>
          <table className="progress-chart__table">
            <thead>
              <tr>
                <th scope="col">{t('targets:chart.month')}</th>
                <th scope="col">{t('targets:chart.actualColumn')}</th>
                <th scope="col">{t('targets:chart.expectedColumn')}</th>
              </tr>
            </thead>
            <tbody>
              {progress.series.map((point) => (
                <tr key={point.on}>
                  <th scope="row">{formatDate(point.on, language)}</th>
                  <td>{formatValue(point.actual, unit)}</td>
                  <td>{formatValue(point.expected, unit)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      ) : null}
    </figure>
  );
}
