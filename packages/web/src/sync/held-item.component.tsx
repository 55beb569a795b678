import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { HeldOperation } from '@homeward/core';
import { useHeldDescription, useHeldReason, useMomentText } from './held-text';

/** Which case a held change belongs to, who made it and when, when it arrived, and why it was kept. */
export function HeldFacts({ held }: { held: HeldOperation }) {
  const { t } = useTranslation();
  const moment = useMomentText();
  const reason = useHeldReason();
  return (
    <div className="held__facts">
      <p className="held__case">
        {held.caseId && held.caseNumber ? (
          <Link to={`/cases/${held.caseId}`} data-testid="held-case">
            {t('sync:held.case', { number: held.caseNumber })}
          </Link>
        ) : (
          <span className="muted">{t('sync:held.noCase')}</span>
        )}
      </p>
      <p className="held__meta">
        {held.madeBy
          ? t('sync:held.madeBy', { name: held.madeBy, time: moment(held.madeAt) })
          : t('sync:held.madeAt', { time: moment(held.madeAt) })}
      </p>
      <p className="held__meta">{t('sync:held.receivedAt', { time: moment(held.receivedAt) })}</p>
      <p className="held__reason" data-testid="held-reason">
        {t('sync:held.reason', { reason: reason(held) })}
      </p>
    </div>
  );
}

/** One held change in the sync page's list, with the way to decide on it. */
export function HeldItem({ held }: { held: HeldOperation }) {
  const { t } = useTranslation();
  const describe = useHeldDescription();
  return (
    <li className={`card held held--${held.kind}`} data-testid="held-item" data-kind={held.kind} data-id={held.id}>
      <div className="held__head">
        <span className={`badge held__kind held__kind--${held.kind}`}>{t(`sync:held.kind.${held.kind}`)}</span>
        <h3 className="held__what" data-testid="held-what">
          {describe(held)}
        </h3>
      </div>
      <HeldFacts held={held} />
      {held.status === 'open' ? (
        <Link to={`/sync/${held.id}`} className="button button--primary button--small" data-testid="held-open">
          {t('sync:held.open')}
        </Link>
      ) : (
        <p className="held__outcome" data-testid="held-status" data-status={held.status}>
          {t(`sync:held.outcome.${held.status}`)}
        </p>
      )}
    </li>
  );
}
