import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { HeldOperation } from '@homeward/core';
import { LoadingState, RequestErrorState } from '../layout/states.component';
import { useSyncStatus } from '../offline/sync-status';
import { useDocumentTitle } from '../text/use-document-title';
import { HeldAttention } from './held-attention.component';
import { HeldConflict } from './held-conflict.component';
import { HeldFacts } from './held-item.component';
import { useHeldDescription } from './held-text';
import { useHeldOperations } from './sync.resource';

const OUTCOME_KEYS: Record<Exclude<HeldOperation['status'], 'open'>, string> = {
  resolved: 'sync:conflict.resolved',
  reapplied: 'sync:attention.reapplied',
  discarded: 'sync:attention.discarded',
};

/**
 * /sync/:heldId: one held change, with the conflict screen or the needs-attention choices. Once decided it
 * leaves the open list, so the outcome is kept here to be shown.
 */
export function HeldPage() {
  const { heldId = '' } = useParams();
  // Mounted afresh for each change: its list is asked again and nothing of the previous decision stays.
  return <HeldChange key={heldId} heldId={heldId} />;
}

function HeldChange({ heldId }: { heldId: string }) {
  const { t } = useTranslation();
  const describe = useHeldDescription();
  const heldQuery = useHeldOperations();
  const status = useSyncStatus();
  const [outcome, setOutcome] = useState<HeldOperation | null>(null);
  const held = outcome ?? heldQuery.data?.items.find((item) => item.id === heldId);
  useDocumentTitle(t('sync:title'));
  // A sync brings the device's counts (the header's indicator) up to date with the decision.
  const decided = (result: HeldOperation) => {
    setOutcome(result);
    void status.syncNow();
  };

  return (
    <section className="page held-page" aria-labelledby="held-page-title">
      <p className="breadcrumb">
        <Link to="/sync">{t('sync:held.back')}</Link>
      </p>
      {heldQuery.isPending && !held ? <LoadingState /> : null}
      {heldQuery.error && !held ? (
        <RequestErrorState error={heldQuery.error} onRetry={() => void heldQuery.refetch()} />
      ) : null}
      {heldQuery.data && !held ? (
        <p className="empty-state" data-testid="held-gone">
          {t('sync:held.gone')}
        </p>
      ) : null}
      {held ? (
        <>
          <header className="held-page__header">
            <span className={`badge held__kind held__kind--${held.kind}`}>{t(`sync:held.kind.${held.kind}`)}</span>
            <h1 id="held-page-title" data-testid="held-what">
              {describe(held)}
            </h1>
          </header>
          <HeldFacts held={held} />
          {held.status !== 'open' ? (
            <p className="held-outcome" role="status" data-testid="held-outcome" data-status={held.status}>
              {t(OUTCOME_KEYS[held.status])}{' '}
              {held.caseId ? (
                <Link to={`/cases/${held.caseId}`}>{t('sync:held.case', { number: held.caseNumber })}</Link>
              ) : null}
            </p>
          ) : held.kind === 'conflict' ? (
            <HeldConflict held={held} onDone={decided} />
          ) : (
            <HeldAttention held={held} onDone={decided} />
          )}
        </>
      ) : null}
    </section>
  );
}
