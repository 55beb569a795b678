import { useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CSI_DOMAINS, effectiveEvents, inCaseOrder, type CaseEvent, type CsiDomain } from '@homeward/core';
import { oneOf } from '../../forms/one-of';
import { formatDate } from '../../text/dates';
import { useLanguage } from '../../text/use-language';
import { payloadOf } from './step-context';

const WIDTH = 320;
const HEIGHT = 150;
const PAD = { left: 26, right: 14, top: 16, bottom: 30 };
const ALL = 'average';
type Series = typeof ALL | CsiDomain;
const SERIES: readonly Series[] = [ALL, ...CSI_DOMAINS];

interface Point {
  date: string;
  value: number;
}

/** The CSI scores over time: the average of the domains scored, or one domain, as a small line chart. */
export function CsiChart({ events }: { events: readonly CaseEvent[] }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const id = useId();
  const [series, setSeries] = useState<Series>(ALL);
  const assessments = useMemo(
    () =>
      effectiveEvents(inCaseOrder(events)).flatMap((event) => {
        const payload = event.type === 'assessment_csi' ? payloadOf('assessment_csi', event) : undefined;
        return payload ? [{ date: event.occurredOn, scores: payload.scores }] : [];
      }),
    [events],
  );
  if (assessments.length === 0) {
    return <p className="muted">{t('steps:chart.none')}</p>;
  }

  const points: Point[] = assessments.flatMap(({ date, scores }) => {
    if (series === ALL) {
      const mean = scores.reduce((sum, entry) => sum + entry.score, 0) / scores.length;
      return [{ date, value: Math.round(mean * 10) / 10 }];
    }
    const entry = scores.find((candidate) => candidate.domain === series);
    return entry ? [{ date, value: entry.score }] : [];
  });

  const plotWidth = WIDTH - PAD.left - PAD.right;
  const plotHeight = HEIGHT - PAD.top - PAD.bottom;
  const x = (index: number) =>
    PAD.left + (points.length === 1 ? plotWidth / 2 : (index / (points.length - 1)) * plotWidth);
  const y = (value: number) => PAD.top + ((4 - value) / 3) * plotHeight;
  // With many assessments, every date would overlap: label the first, the last and a few between.
  const step = Math.ceil(points.length / 4);
  const labelled = (index: number) => index === 0 || index === points.length - 1 || index % step === 0;
  const seriesLabel = series === ALL ? t('steps:chart.average') : t(`codes:csiDomain.${series}`);
  const description = points.map((point) => `${formatDate(point.date, language)}: ${String(point.value)}`).join('; ');

  return (
    <figure className="csi-chart" data-testid="csi-chart">
      <figcaption className="csi-chart__caption">
        <span className="csi-chart__title">{t('steps:chart.title')}</span>
        <label className="csi-chart__select">
          <span className="visually-hidden">{t('steps:chart.show')}</span>
          <select value={series} onChange={(event) => setSeries(oneOf(SERIES, event.target.value) || ALL)}>
            {SERIES.map((option) => (
              <option key={option} value={option}>
                {option === ALL ? t('steps:chart.average') : t(`codes:csiDomain.${option}`)}
              </option>
            ))}
          </select>
        </label>
      </figcaption>
      {points.length === 0 ? (
        <p className="muted">{t('steps:chart.noScores', { domain: seriesLabel })}</p>
      ) : (
        <svg
          viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
          className="csi-chart__svg"
          role="img"
          aria-labelledby={`${id}-title ${id}-desc`}
        >
          <title id={`${id}-title`}>{t('steps:chart.svgTitle', { series: seriesLabel })}</title>
          <desc id={`${id}-desc`}>{description}</desc>
          {[1, 2, 3, 4].map((score) => (
            <g key={score} className="csi-chart__grid">
              <line x1={PAD.left} x2={WIDTH - PAD.right} y1={y(score)} y2={y(score)} />
              <text x={PAD.left - 8} y={y(score)} dy="0.35em" textAnchor="end">
                {score}
              </text>
            </g>
          ))}
          {points.length > 1 ? (
            <polyline
              className="csi-chart__line"
              points={points.map((point, index) => `${x(index)},${y(point.value)}`).join(' ')}
            />
          ) : null}
          {points.map((point, index) => (
            <g key={`${point.date}-${index}`}>
              <circle
                className={`csi-chart__point csi-chart__point--${Math.round(point.value)}`}
                cx={x(index)}
                cy={y(point.value)}
                r={4.5}
              />
              <text className="csi-chart__value" x={x(index)} y={y(point.value) - 9} textAnchor="middle">
                {String(point.value)}
              </text>
              {labelled(index) ? (
                <text
                  className="csi-chart__date"
                  x={x(index)}
                  y={HEIGHT - 8}
                  textAnchor={
                    points.length === 1
                      ? 'middle'
                      : index === 0
                        ? 'start'
                        : index === points.length - 1
                          ? 'end'
                          : 'middle'
                  }
                >
                  {formatDate(point.date, language)}
                </text>
              ) : null}
            </g>
          ))}
        </svg>
      )}
    </figure>
  );
}
