import { useTranslation } from 'react-i18next';
import { useUsers } from '../api/users.resource';
import { useColleagues } from '../tasks/tasks.resource';

export interface AuditPerson {
  id: string;
  label: string;
}

/**
 * The organisation's people to search the audit log by, named as colleagues know them. An administrator also
 * sees disabled accounts (a departed worker's actions are often what is looked for); a role that reads the log
 * without managing users picks among the active colleagues.
 */
export function useAuditPeople(mayListUsers: boolean): AuditPerson[] {
  const { t } = useTranslation();
  const users = useUsers(mayListUsers);
  const colleagues = useColleagues();
  if (mayListUsers) {
    return (users.data?.users ?? [])
      .map((user) => ({
        id: user.id,
        label:
          user.status === 'disabled'
            ? t('records:audit.disabledUser', { name: user.displayName, email: user.email })
            : t('records:audit.userWithEmail', { name: user.displayName, email: user.email }),
      }))
      .sort((a, b) => a.label.localeCompare(b.label));
  }
  return (colleagues.data?.items ?? []).map((colleague) => ({ id: colleague.id, label: colleague.displayName }));
}
