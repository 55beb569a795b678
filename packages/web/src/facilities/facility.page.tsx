import type { ReactNode } from 'react';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { can, formatPlace, type Facility } from '@homeward/core';
import { useFacilities, useFacilityChildren } from '../api/facilities.resource';
import { useUser } from '../auth/user-context';
import { LoadingState, RequestErrorState } from '../layout/states.component';
import { formatDate } from '../text/dates';
import { useDocumentTitle } from '../text/use-document-title';
import { useLanguage } from '../text/use-language';
import { CaseNumberLink, CaseRefNames } from '../cases/case-ref.component';
import { FacilityStatus } from './facility-status.component';
import { OccupancyBar } from './occupancy-bar.component';
import { TableHead } from '../layout/table-head.component';
import { useGazetteer } from '../locations/use-gazetteer';

/** One facility: what it is, how full it is, and which children live there now. */
export function FacilityPage() {
  const { facilityId = '' } = useParams();
  const { t } = useTranslation();
  const facilities = useFacilities();
  const facility = facilities.data?.items.find((item) => item.id === facilityId);
  useDocumentTitle(facility?.name ?? t('oversight:facility.title'));

  if (facilities.isPending) return <LoadingState />;
  if (facilities.error || !facility) {
    return (
      <section className="page">
        <p className="breadcrumb">
          <Link to="/facilities">{t('oversight:facility.back')}</Link>
        </p>
        <h1>{t('oversight:facility.title')}</h1>
        {facilities.error ? (
          <RequestErrorState error={facilities.error} onRetry={() => void facilities.refetch()} />
        ) : (
          <p>{t('oversight:facility.notFound')}</p>
        )}
      </section>
    );
  }
  return <FacilityDetail facility={facility} />;
}

function Item({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="details__item">
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

function FacilityDetail({ facility }: { facility: Facility }) {
  useGazetteer();
  const { t } = useTranslation();
  const language = useLanguage();
  const user = useUser();
  return (
    <article className="page" aria-labelledby="facility-title">
      <p className="breadcrumb">
        <Link to="/facilities">{t('oversight:facility.back')}</Link>
      </p>
      <div className="page__header">
        <h1 id="facility-title" data-testid="facility-title">
          {facility.name}
        </h1>
        {can(user.access, 'facility.manage') ? (
          <Link to={`/facilities/${facility.id}/edit`} className="button">
            {t('oversight:facilities.edit')}
          </Link>
        ) : null}
      </div>
      <div className="facility-page__layout">
        <section className="card" aria-labelledby="facility-details-title">
          <h2 id="facility-details-title">{t('oversight:facility.details')}</h2>
          <dl className="details">
            <Item label={t('oversight:facility.careType')}>{t(`codes:careType.${facility.careType}`)}</Item>
            <Item label={t('oversight:facility.status')}>
              <FacilityStatus status={facility.status} />
            </Item>
            <Item label={t('oversight:facility.village')}>
              {facility.villageCode ? (
                formatPlace(facility.villageCode, language)
              ) : (
                <span className="muted">{t('cases:none')}</span>
              )}
            </Item>
            <Item label={t('oversight:facility.capacity')}>{facility.capacity}</Item>
            <Item label={t('oversight:facility.occupancy')}>
              <OccupancyBar occupancy={facility.occupancy} capacity={facility.capacity} />
            </Item>
          </dl>
        </section>
        <FacilityChildren facilityId={facility.id} />
      </div>
    </article>
  );
}

function FacilityChildren({ facilityId }: { facilityId: string }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const { data, error, isPending, refetch } = useFacilityChildren(facilityId);
  const columns = {
    caseNumber: t('cases:fields.caseNumber'),
    names: t('oversight:columns.names'),
    since: t('oversight:facility.since'),
  };
  return (
    <section className="facility-page__children" aria-labelledby="facility-children-title">
      <h2 id="facility-children-title">
        {t('oversight:facility.children')}
        {data ? <span className="count-badge">{data.items.length}</span> : null}
      </h2>
      {isPending ? <LoadingState /> : null}
      {error ? <RequestErrorState error={error} onRetry={() => void refetch()} /> : null}
      {data && data.items.length === 0 ? (
        <p className="empty-state" data-testid="facility-children-empty">
          {t('oversight:facility.noChildren')}
        </p>
      ) : null}
      {data && data.items.length > 0 ? (
        <table className="data-table" data-testid="facility-children">
          <TableHead caption={t('oversight:facility.children')} labels={Object.values(columns)} />
          <tbody>
            {data.items.map((child) => (
              <tr key={child.caseId} data-testid="facility-child-row">
                <th scope="row" data-label={columns.caseNumber} className="data-table__primary">
                  <CaseNumberLink item={child} />
                </th>
                <td data-label={columns.names}>
                  <CaseRefNames item={child} />
                </td>
                <td data-label={columns.since}>
                  {child.since ? (
                    <time dateTime={child.since}>{formatDate(child.since, language)}</time>
                  ) : (
                    <span className="muted">{t('cases:none')}</span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}
