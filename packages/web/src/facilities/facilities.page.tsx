import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { can, formatPlace, type Facility } from '@homeward/core';
import { useFacilities } from '../api/facilities.resource';
import { useUser } from '../auth/user-context';
import { LoadingState, RequestErrorState } from '../layout/states.component';
import { useDocumentTitle } from '../text/use-document-title';
import { useLanguage } from '../text/use-language';
import { FacilityStatus } from './facility-status.component';
import { OccupancyBar } from './occupancy-bar.component';
import { useGazetteer } from '../locations/use-gazetteer';

/** The registry of the organisation's facilities: shelters, group homes, transit centres and the like. */
export function FacilitiesPage() {
  const { t } = useTranslation();
  const user = useUser();
  const canManage = can(user.access, 'facility.manage');
  const { data, error, isPending, refetch } = useFacilities();
  useDocumentTitle(t('oversight:facilities.title'));

  const open = data?.items.filter((facility) => facility.status !== 'closed') ?? [];
  const children = open.reduce((sum, facility) => sum + facility.occupancy, 0);
  const places = open.reduce((sum, facility) => sum + facility.capacity, 0);

  return (
    <section className="page">
      <div className="page__header">
        <h1>{t('oversight:facilities.title')}</h1>
        {canManage ? (
          <Link to="/facilities/new" className="button button--primary" data-testid="facility-add">
            {t('oversight:facilities.add')}
          </Link>
        ) : null}
      </div>
      <p className="lead">{t('oversight:facilities.intro')}</p>
      {isPending ? <LoadingState /> : null}
      {error ? <RequestErrorState error={error} onRetry={() => void refetch()} /> : null}
      {data && data.items.length === 0 ? (
        <div className="empty-state" data-testid="facilities-empty">
          <p>{t('oversight:facilities.empty')}</p>
          {canManage ? (
            <Link to="/facilities/new" className="button button--primary">
              {t('oversight:facilities.addFirst')}
            </Link>
          ) : null}
        </div>
      ) : null}
      {data && data.items.length > 0 ? (
        <>
          <p className="results__count" data-testid="facilities-summary">
            {t('oversight:facilities.summary', { count: data.items.length, children, places })}
          </p>
          <FacilityTable facilities={data.items} canManage={canManage} />
        </>
      ) : null}
    </section>
  );
}

function FacilityTable({ facilities, canManage }: { facilities: readonly Facility[]; canManage: boolean }) {
  useGazetteer();
  const { t } = useTranslation();
  const language = useLanguage();
  const columns = {
    name: t('oversight:facility.name'),
    careType: t('oversight:facility.careType'),
    village: t('oversight:facility.village'),
    capacity: t('oversight:facility.capacity'),
    occupancy: t('oversight:facility.occupancy'),
    status: t('oversight:facility.status'),
  };
  return (
    <table className="data-table" data-testid="facility-table">
      <caption className="visually-hidden">{t('oversight:facilities.caption')}</caption>
      <thead>
        <tr>
          {Object.values(columns).map((label) => (
            <th key={label} scope="col">
              {label}
            </th>
          ))}
          {canManage ? (
            <th scope="col">
              <span className="visually-hidden">{t('oversight:facilities.actions')}</span>
            </th>
          ) : null}
        </tr>
      </thead>
      <tbody>
        {facilities.map((facility) => (
          <tr key={facility.id} data-testid="facility-row">
            <th scope="row" data-label={columns.name} className="data-table__primary">
              <Link to={`/facilities/${facility.id}`}>{facility.name}</Link>
            </th>
            <td data-label={columns.careType}>{t(`codes:careType.${facility.careType}`)}</td>
            <td data-label={columns.village}>
              {facility.villageCode ? (
                formatPlace(facility.villageCode, language)
              ) : (
                <span className="muted">{t('cases:none')}</span>
              )}
            </td>
            <td data-label={columns.capacity} className="data-table__number">
              {facility.capacity}
            </td>
            <td data-label={columns.occupancy}>
              <OccupancyBar occupancy={facility.occupancy} capacity={facility.capacity} />
            </td>
            <td data-label={columns.status}>
              <FacilityStatus status={facility.status} />
            </td>
            {canManage ? (
              <td className="data-table__actions">
                <Link
                  to={`/facilities/${facility.id}/edit`}
                  className="button button--small"
                  aria-label={t('oversight:facilities.editNamed', { name: facility.name })}
                >
                  {t('oversight:facilities.edit')}
                </Link>
              </td>
            ) : null}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
