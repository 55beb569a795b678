import { Link, Navigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { can, type UserSummary } from '@homeward/core';
import { useUsers } from '../api/users.resource';
import { useUser } from '../auth/user-context';
import { LoadingState, RequestErrorState } from '../layout/states.component';
import { useDocumentTitle } from '../text/use-document-title';
import { useLanguage } from '../text/use-language';
import { SecuritySettingsCard } from './security-settings.component';
import { formatDay } from './user-format';
import { TableHead } from '../layout/table-head.component';

/** `/users`: the organisation's users for its administrators, and the second-factor rule. */
export function UsersPage() {
  const { t } = useTranslation();
  const user = useUser();
  const allowed = can(user.access, 'user.manage');
  useDocumentTitle(t('users:users.title'));
  if (!allowed) return <Navigate to="/cases" replace />;
  return (
    <section className="page">
      <div className="page__header">
        <h1>{t('users:users.title')}</h1>
        <Link to="/users/new" className="button button--primary" data-testid="user-add">
          {t('users:users.add')}
        </Link>
      </div>
      <p className="lead">{t('users:users.intro')}</p>
      <SecuritySettingsCard />
      <UserList />
    </section>
  );
}

function UserList() {
  const users = useUsers();
  if (users.isPending) return <LoadingState />;
  if (users.error) return <RequestErrorState error={users.error} onRetry={() => void users.refetch()} />;
  return <UserTable users={users.data.users} />;
}

function UserTable({ users }: { users: readonly UserSummary[] }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const columns = {
    name: t('users:users.name'),
    roles: t('account:page.roles'),
    status: t('users:users.status'),
    twoFactor: t('users:users.twoFactor'),
    lastLogin: t('users:users.lastLogin'),
  };
  return (
    <table className="data-table" data-testid="user-table">
      <TableHead caption={t('users:users.caption')} labels={Object.values(columns)} />
      <tbody>
        {users.map((person) => (
          <tr key={person.id} data-testid="user-row">
            <th scope="row" data-label={columns.name} className="data-table__primary">
              {/* One grid item on a phone's card, so the email stays under the name, not under the label. */}
              <span>
                <Link to={`/users/${person.id}`}>{person.displayName}</Link>
                <span className="user-email">{person.email}</span>
              </span>
            </th>
            <td data-label={columns.roles}>
              <ul className="tag-list">
                {person.roles.map((role) => (
                  <li key={role} className="tag">
                    {t(`codes:role.${role}`)}
                  </li>
                ))}
              </ul>
            </td>
            <td data-label={columns.status}>
              <span className="user-status">
                <span className={person.status === 'active' ? 'status status--active' : 'status status--closed'}>
                  {t(`account:status.${person.status}`)}
                </span>
                {/* Locked after failed sign-ins: the administrator sees it here, and unlocks on the person's page. */}
                {person.lockedUntil ? (
                  <span className="status status--lost_contact" data-testid="user-locked-badge">
                    {t('users:users.locked')}
                  </span>
                ) : null}
              </span>
            </td>
            <td data-label={columns.twoFactor}>
              {person.twoFactorEnrolled ? t('account:twoFactor.on') : t('account:twoFactor.off')}
            </td>
            <td data-label={columns.lastLogin}>
              {person.lastLoginAt ? (
                formatDay(person.lastLoginAt, language)
              ) : (
                <span className="muted">{t('users:users.never')}</span>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
