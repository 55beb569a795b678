import { useTranslation } from 'react-i18next';

/**
 * "12 / 16" with a bar. Full and over-full say so in words as well as in red, so colour is never the only sign.
 */
export function OccupancyBar({ occupancy, capacity }: { occupancy: number; capacity: number }) {
  const { t } = useTranslation();
  const ratio = capacity > 0 ? occupancy / capacity : 1;
  const state = occupancy > capacity ? 'over' : occupancy >= capacity ? 'full' : ratio >= 0.8 ? 'near' : 'ok';
  return (
    <div className={`occupancy occupancy--${state}`} data-testid="occupancy">
      <span className="occupancy__text">
        <span aria-hidden="true">
          {occupancy} / {capacity}
        </span>
        <span className="visually-hidden">{t('oversight:occupancy.label', { occupancy, capacity })}</span>
        {state === 'full' || state === 'over' ? (
          <span className="occupancy__flag">{t(`oversight:occupancy.${state}`)}</span>
        ) : null}
      </span>
      <span className="occupancy__bar" aria-hidden="true">
        <span className="occupancy__fill" style={{ width: `${Math.min(100, Math.round(ratio * 100))}%` }} />
      </span>
    </div>
  );
}
