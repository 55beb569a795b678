import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { auditActionKey, type AuditEntry } from '@homeward/core';
import { formatDate, localToday } from '../text/dates';
import { useLanguage } from '../text/use-language';

/** The time of an entry in Cambodia, where the organisation works: "24 Nov 2026 08:15". */
function useMoment() {
  const language = useLanguage();
  const clock = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', timeZone: 'Asia/Phnom_Penh' });
  return (iso: string) => {
    const at = new Date(iso);
    return `${formatDate(localToday(at), language)} ${clock.format(at)}`;
  };
}

/**
 * What an action means in the user's language. Every action this version writes has a label; one written by a
 * newer version (after a downgrade) stays as it is written rather than vanish.
 */
export function useActionLabel() {
  const { t, i18n } = useTranslation();
  return (action: string) => {
    const key = auditActionKey(action);
    return i18n.exists(key) ? t(key) : action;
  };
}

/** The audit entries of a case or of a search, one row each, cards on a phone. */
export function AuditTable({ items, showCase }: { items: readonly AuditEntry[]; showCase: boolean }) {
  const { t } = useTranslation();
  const moment = useMoment();
  const actionLabel = useActionLabel();
  const columns = {
    when: t('records:columns.when'),
    who: t('records:columns.who'),
    role: t('records:columns.role'),
    what: t('records:columns.what'),
    case: t('records:columns.case'),
    from: t('records:columns.from'),
  };
  return (
    <table className="data-table audit-table" data-testid="audit-table">
      <thead>
        <tr>
          <th scope="col">{columns.when}</th>
          <th scope="col">{columns.who}</th>
          <th scope="col">{columns.role}</th>
          <th scope="col">{columns.what}</th>
          {showCase ? <th scope="col">{columns.case}</th> : null}
          <th scope="col">{columns.from}</th>
        </tr>
      </thead>
      <tbody>
        {items.map((entry) => (
          <tr key={entry.id} data-testid="audit-row">
            <td data-label={columns.when} className="audit-table__when">
              {moment(entry.at)}
            </td>
            <td data-label={columns.who}>{entry.userName ?? t('records:accessLog.system')}</td>
            <td data-label={columns.role}>{entry.roles.map((role) => t(`codes:role.${role}`)).join(', ')}</td>
            <td data-label={columns.what}>
              {actionLabel(entry.action)}
              {typeof entry.detail.form === 'string' ? ` (${t(`mosvy:forms.${entry.detail.form}.short`)})` : null}
              {typeof entry.detail.eventType === 'string'
                ? ` (${t(`codes:eventType.${entry.detail.eventType}`)})`
                : null}
            </td>
            {showCase ? (
              <td data-label={columns.case}>
                {entry.caseNumber && entry.caseId && entry.action !== 'case.delete' ? (
                  <Link to={`/cases/${entry.caseId}`}>{entry.caseNumber}</Link>
                ) : (
                  (entry.caseNumber ?? '')
                )}
              </td>
            ) : null}
            <td data-label={columns.from} className="audit-table__ip">
              {entry.ip ?? ''}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
