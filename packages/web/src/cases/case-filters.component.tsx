import { useTranslation } from 'react-i18next';
import { CASE_STATUS_FILTERS, CASE_TYPES, RISK_LEVELS, UNASSIGNED, type CaseListQuery } from '@homeward/core';
import { usePlacementFacilities } from '../api/cases.resource';
import { useColleagues } from '../tasks/tasks.resource';
import { hasFilters, type CaseListFilters } from './case-list-filters';

/** The orders offered, each a column and a direction that reads naturally ("newest first", not "date, desc"). */
const ORDERS = [
  'openedOn_desc',
  'openedOn_asc',
  'lastEventOn_desc',
  'nextFollowUpOn_asc',
  'riskLevel_desc',
  'caseNumber_asc',
] as const;
type Order = (typeof ORDERS)[number];

/** The roles the server accepts as a case's worker. */
const CASE_ROLES: readonly string[] = ['caseworker', 'supervisor'];

interface CaseFiltersProps {
  filters: CaseListFilters;
  onChange: (filters: CaseListFilters) => void;
}

/** Status, worker, case type, risk, facility, overdue visits and order: each change is a new address. */
export function CaseFilters({ filters, onChange }: CaseFiltersProps) {
  const { t } = useTranslation();
  const colleagues = useColleagues();
  const facilities = usePlacementFacilities();
  const workers = colleagues.data?.items.filter((colleague) => colleague.roles.some((r) => CASE_ROLES.includes(r)));
  const facilityItems = facilities.data?.items ?? [];
  const set = (change: Partial<CaseListFilters>) => onChange({ ...filters, ...change });
  const order: Order = `${filters.sort ?? 'openedOn'}_${filters.order ?? 'desc'}` as Order;

  const select = (
    id: string,
    label: string,
    value: string | undefined,
    options: readonly { value: string; label: string }[],
    onSelect: (value: string | undefined) => void,
  ) => (
    <div className="field case-filters__field">
      <label htmlFor={id} className="field__label">
        {label}
      </label>
      <select id={id} value={value ?? ''} onChange={(event) => onSelect(event.target.value || undefined)}>
        <option value="">{t('cases:filters.any')}</option>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );

  return (
    <details className="case-filters" open={hasFilters(filters) || undefined} data-testid="case-filters">
      <summary>{t('cases:filters.title')}</summary>
      <div className="case-filters__grid">
        {select(
          'filter-status',
          t('cases:fields.status'),
          filters.status,
          CASE_STATUS_FILTERS.map((status) => ({
            value: status,
            label: status === 'open' ? t('cases:filters.open') : t(`codes:caseStatus.${status}`),
          })),
          (value) => set({ status: value as CaseListQuery['status'] }),
        )}
        {select(
          'filter-worker',
          t('cases:filters.worker'),
          filters.worker,
          [
            ...(workers ?? []).map((worker) => ({ value: worker.id, label: worker.displayName })),
            { value: UNASSIGNED, label: t('cases:filters.unassigned') },
          ],
          (value) => set({ worker: value }),
        )}
        {select(
          'filter-caseType',
          t('cases:filters.caseType'),
          filters.caseType,
          CASE_TYPES.map((type) => ({ value: type, label: t(`codes:caseType.${type}`) })),
          (value) => set({ caseType: value as CaseListQuery['caseType'] }),
        )}
        {select(
          'filter-riskLevel',
          t('cases:fields.riskLevel'),
          filters.riskLevel,
          RISK_LEVELS.map((level) => ({ value: level, label: t(`codes:riskLevel.${level}`) })),
          (value) => set({ riskLevel: value as CaseListQuery['riskLevel'] }),
        )}
        {facilityItems.length > 0 || filters.facility
          ? select(
              'filter-facility',
              t('cases:filters.facility'),
              filters.facility,
              facilityItems.map((facility) => ({ value: facility.id, label: facility.name })),
              (value) => set({ facility: value }),
            )
          : null}
        <div className="field case-filters__field">
          <label htmlFor="filter-order" className="field__label">
            {t('cases:filters.order')}
          </label>
          <select
            id="filter-order"
            value={order}
            onChange={(event) => {
              const [sort, direction] = event.target.value.split('_') as [
                NonNullable<CaseListQuery['sort']>,
                NonNullable<CaseListQuery['order']>,
              ];
              set(
                sort === 'openedOn' && direction === 'desc'
                  ? { sort: undefined, order: undefined }
                  : { sort, order: direction },
              );
            }}
          >
            {ORDERS.map((value) => (
              <option key={value} value={value}>
                {t(`cases:filters.orders.${value}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="case-filters__check">
          <input
            id="filter-overdue"
            type="checkbox"
            checked={filters.overdue ?? false}
            onChange={(event) => set({ overdue: event.target.checked || undefined })}
          />
          <label htmlFor="filter-overdue">{t('cases:filters.overdue')}</label>
        </div>
        {hasFilters(filters) ? (
          <button
            type="button"
            className="button button--small case-filters__clear"
            data-testid="clear-filters"
            onClick={() => onChange({ q: filters.q, sort: filters.sort, order: filters.order })}
          >
            {t('cases:filters.clear')}
          </button>
        ) : null}
      </div>
    </details>
  );
}
