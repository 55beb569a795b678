import { useTranslation } from 'react-i18next';
import { INDICATORS, type TargetProgress, type TargetStatus } from '@homeward/core';
import { formatDate } from '../text/dates';
import { useLanguage } from '../text/use-language';
import { formatValue, ProgressChart } from './progress-chart.component';

/** A shape for each status, so it does not rest on colour alone. */
const STATUS_MARKS: Record<TargetStatus, string> = {
  not_started: '○',
  on_track: '●',
  behind: '▼',
  achieved: '✓',
  missed: '✕',
};

export function useTargetName() {
  const { t } = useTranslation();
  return (progress: TargetProgress) => {
    const { indicator, breakdownKey } = progress.target;
    const name = t(`targets:indicator.${indicator}.name`);
    return breakdownKey
      ? t('targets:card.nameForCaseType', { name, caseType: t(`codes:caseType.${breakdownKey}`) })
      : name;
  };
}

interface TargetCardProps {
  progress: TargetProgress;
  onEdit?: (() => void) | undefined;
  onDelete?: (() => void) | undefined;
}

export function TargetCard({ progress, onEdit, onDelete }: TargetCardProps) {
  const { t } = useTranslation();
  const language = useLanguage();
  const nameOf = useTargetName();
  const { target, status } = progress;
  const unit = INDICATORS[target.indicator].unit;
  const name = nameOf(progress);
  const headingId = `target-${target.id}`;
  const fill = Math.min(100, Math.max(0, progress.percentAchieved ?? 0));
  const hidden = progress.actual === null || progress.series.some((point) => point.actual === null);
  const due = Math.min(100, (progress.expectedByNow / target.value) * 100);
  const figure =
    unit === 'percent'
      ? t('targets:card.actualPercent', { actual: progress.actual ?? '*', target: target.value })
      : t('targets:card.actualCount', { actual: progress.actual ?? '*', target: target.value });

  return (
    <article className={`target-card target-card--${status}`} aria-labelledby={headingId} data-testid="target-card">
      <header className="target-card__header">
        <h2 id={headingId} className="target-card__title">
          {name}
        </h2>
        <span className="target-status" data-testid="target-status">
          <span aria-hidden="true">{STATUS_MARKS[status]}</span> {t(`targets:status.${status}`)}
        </span>
      </header>
      <p className="target-card__period">
        {t('targets:card.period', {
          from: formatDate(target.periodFrom, language),
          to: formatDate(target.periodTo, language),
        })}
        {target.baselineOn ? (
          <>
            <br />
            {t('targets:card.baseline', { date: formatDate(target.baselineOn, language) })}
          </>
        ) : null}
      </p>
      <p className="target-card__figure" data-testid="target-figure">
        {figure}
      </p>
      <div className="target-bar" aria-hidden="true">
        <span className="target-bar__fill" style={{ width: `${fill}%` }} />
        {status === 'on_track' || status === 'behind' ? (
          <span className="target-bar__due" style={{ left: `${due}%` }} />
        ) : null}
      </div>
      <p className="target-card__facts">
        <span>{t('targets:card.achievedShare', { percent: progress.percentAchieved ?? '*' })}</span>
        <span>{t('targets:card.expected', { expected: formatValue(progress.expectedByNow, unit) })}</span>
      </p>
      {progress.cohortCount !== null && progress.targetCount !== null ? (
        <p className="target-card__cohort">
          {t('targets:card.cohort', {
            achieved: progress.achievedCount ?? '*',
            count: progress.cohortCount,
            needed: progress.targetCount,
          })}
        </p>
      ) : null}
      <ProgressChart progress={progress} unit={unit} />
      {hidden && progress.suppressionThreshold !== null ? (
        <p className="field__hint" data-testid="target-hidden">
          {t('targets:card.hidden', { threshold: progress.suppressionThreshold })}
        </p>
      ) : null}
      {target.note ? <p className="target-card__note">{target.note}</p> : null}
      {onEdit || onDelete ? (
        <div className="target-card__actions">
          {onEdit ? (
            <button
              type="button"
              className="button button--small"
              onClick={onEdit}
              aria-label={t('targets:card.editNamed', { name })}
            >
              {t('targets:card.edit')}
            </button>
          ) : null}
          {onDelete ? (
            <button
              type="button"
              className="button button--small button--quiet"
              onClick={onDelete}
              aria-label={t('targets:card.deleteNamed', { name })}
            >
              {t('targets:card.delete')}
            </button>
          ) : null}
        </div>
      ) : null}
    </article>
  );
}
