import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { can } from '@homeward/core';
import { useUser } from '../auth/user-context';
import { LoadingState, RequestErrorState } from '../layout/states.component';
import { AuditTable } from './audit-table.component';
import { useAccessLog } from './records.resource';

/**
 * Who opened, changed, printed or exported the case: for supervisors and administrators. It loads only when
 * asked for, since each reading is itself recorded and a supervisor opening the case has not looked at it yet.
 */
export function CaseAccessLog({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const user = useUser();
  const [open, setOpen] = useState(false);
  const allowed = can(user.access, 'case.access_log');
  const log = useAccessLog(caseId, allowed && open);
  if (!allowed) return null;
  return (
    <section className="card access-log" aria-labelledby="access-log-title" data-testid="case-access-log">
      <h2 id="access-log-title">{t('records:accessLog.title')}</h2>
      <p className="muted">{t('records:accessLog.intro')}</p>
      <button type="button" className="button" aria-expanded={open} onClick={() => setOpen(!open)}>
        {open ? t('records:accessLog.hide') : t('records:accessLog.show')}
      </button>
      {open && log.isPending ? <LoadingState /> : null}
      {open && log.error ? <RequestErrorState error={log.error} onRetry={() => void log.refetch()} /> : null}
      {open && log.data ? (
        log.data.items.length === 0 ? (
          <p>{t('records:accessLog.empty')}</p>
        ) : (
          <AuditTable items={log.data.items} showCase={false} />
        )
      ) : null}
    </section>
  );
}
