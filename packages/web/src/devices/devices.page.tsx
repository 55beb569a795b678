import { Navigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { can, type Device } from '@homeward/core';
import { useUser } from '../auth/user-context';
import { LoadingState, RequestErrorState } from '../layout/states.component';
import { TableHead } from '../layout/table-head.component';
import { useDocumentTitle } from '../text/use-document-title';
import { useLanguage } from '../text/use-language';
import { formatDay } from '../users/user-format';
import { AddHub } from './add-hub.component';
import { useDevices, useRevokeDevice } from './devices.resource';
import '../styles/devices.css';

/**
 * `/devices`: the phones, laptops and shelter hubs that keep the organisation's cases offline, which cases each
 * held at its last sync, and revocation of one that is lost or no longer used. Administrators (`device.manage`).
 */
export function DevicesPage() {
  const { t } = useTranslation();
  const user = useUser();
  const allowed = can(user.access, 'device.manage');
  useDocumentTitle(t('oversight:devices.title'));
  if (!allowed) return <Navigate to="/cases" replace />;
  return (
    <section className="page">
      <h1>{t('oversight:devices.title')}</h1>
      <p className="lead">{t('oversight:devices.intro')}</p>
      <AddHub />
      <DeviceList />
    </section>
  );
}

function DeviceList() {
  const { t } = useTranslation();
  const devices = useDevices();
  if (devices.isPending) return <LoadingState />;
  if (devices.error) return <RequestErrorState error={devices.error} onRetry={() => void devices.refetch()} />;
  if (devices.data.items.length === 0) return <p className="muted">{t('oversight:devices.none')}</p>;
  return <DeviceTable devices={devices.data.items} />;
}

function DeviceTable({ devices }: { devices: readonly Device[] }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const revoke = useRevokeDevice();
  const columns = {
    device: t('oversight:devices.device'),
    user: t('oversight:devices.user'),
    lastSync: t('oversight:devices.lastSync'),
    cases: t('oversight:devices.cases'),
    status: t('oversight:devices.status'),
  };
  const onRevoke = (device: Device) => {
    if (window.confirm(t('oversight:devices.revokeConfirm', { name: device.name, user: device.userName ?? '' })))
      revoke.mutate(device.id);
  };
  return (
    <>
      {revoke.error ? (
        <p className="form-alert" role="alert">
          {t('oversight:devices.revokeFailed')}
        </p>
      ) : null}
      <table className="data-table" data-testid="device-table">
        <TableHead caption={t('oversight:devices.caption')} labels={[...Object.values(columns), '']} />
        <tbody>
          {devices.map((device) => (
            <tr key={device.id} data-testid="device-row">
              <th scope="row" data-label={columns.device} className="data-table__primary">
                <span>
                  {device.name}
                  <span className="user-email">{t(`oversight:devices.kind.${device.kind}`)}</span>
                </span>
              </th>
              <td data-label={columns.user}>{device.userName}</td>
              <td data-label={columns.lastSync}>
                {device.lastSyncAt ? (
                  formatDay(device.lastSyncAt, language)
                ) : (
                  <span className="muted">{t('oversight:devices.never')}</span>
                )}
              </td>
              <td data-label={columns.cases}>
                {device.heldCases.length > 0 ? (
                  <ul className="tag-list">
                    {device.heldCases.map((held) => (
                      <li key={held.caseId} className="tag">
                        {held.caseNumber}
                      </li>
                    ))}
                  </ul>
                ) : (
                  <span className="muted">{t('oversight:devices.noCases')}</span>
                )}
              </td>
              <td data-label={columns.status}>
                {device.revokedAt ? (
                  <span className="status status--closed" data-testid="device-revoked">
                    {t('oversight:devices.revokedOn', { date: formatDay(device.revokedAt, language) })}
                  </span>
                ) : (
                  <span className="status status--active">{t('oversight:devices.active')}</span>
                )}
              </td>
              <td>
                {device.revokedAt ? null : (
                  <button
                    type="button"
                    className="button button--small button--danger"
                    disabled={revoke.isPending}
                    onClick={() => onRevoke(device)}
                    aria-label={t('oversight:devices.revokeNamed', { name: device.name })}
                    data-testid="device-revoke"
                  >
                    {t('oversight:devices.revoke')}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
