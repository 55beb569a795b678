import { useState } from 'react';
import { Link, Navigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { can, type IncomingHandoverItem } from '@homeward/core';
import { useUser } from '../auth/user-context';
import { requestErrorMessage, useMessageText } from '../forms/messages';
import { TableHead } from '../layout/table-head.component';
import { LoadingState, RequestErrorState } from '../layout/states.component';
import { useDocumentTitle } from '../text/use-document-title';
import { useDecideIncoming, useIncoming } from './handover.resource';
import './handover.css';

/** `/handover/incoming`: the cases other organisations hand to this one, accepted in bulk or declined. */
export function IncomingHandoverPage() {
  const { t } = useTranslation();
  const user = useUser();
  const incoming = useIncoming();
  useDocumentTitle(t('handover:incoming.title'));
  if (!can(user.access, 'handover.receive')) return <Navigate to="/cases" replace />;
  return (
    <section className="page">
      <h1>{t('handover:incoming.title')}</h1>
      {incoming.isPending ? (
        <LoadingState />
      ) : incoming.error ? (
        <RequestErrorState error={incoming.error} onRetry={() => void incoming.refetch()} />
      ) : incoming.data.items.length === 0 ? (
        <p className="empty-state">{t('handover:incoming.empty')}</p>
      ) : (
        <IncomingList items={incoming.data.items} />
      )}
    </section>
  );
}

function IncomingList({ items }: { items: readonly IncomingHandoverItem[] }) {
  const { t } = useTranslation();
  const text = useMessageText();
  const decide = useDecideIncoming();
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  const [reason, setReason] = useState('');
  const waiting = items.filter((item) => item.status === 'waiting');
  const ids = [...chosen].filter((id) => waiting.some((item) => item.id === id));
  const toggle = (id: string) => {
    const next = new Set(chosen);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    setChosen(next);
  };
  const done = () => {
    setChosen(new Set());
    setReason('');
  };
  const columns = {
    choose: t('handover:items.choose'),
    case: t('handover:items.case'),
    from: t('handover:incoming.from'),
    type: t('handover:items.type'),
    note: t('handover:items.note'),
    status: t('handover:items.status'),
  };
  return (
    <>
      {waiting.length > 0 ? (
        <div className="handover-bulk" data-testid="incoming-bulk">
          <button
            type="button"
            className="button button--small"
            data-testid="incoming-choose-all"
            onClick={() => setChosen(new Set(waiting.map((item) => item.id)))}
          >
            {t('handover:items.chooseAll')}
          </button>
          <button
            type="button"
            className="button button--primary"
            data-testid="incoming-accept"
            disabled={ids.length === 0 || decide.isPending}
            onClick={() => decide.mutate({ kind: 'accept', itemIds: ids }, { onSuccess: done })}
          >
            {t('handover:incoming.acceptChosen', { count: ids.length })}
          </button>
          <label className="field">
            <span className="field__label">{t('handover:incoming.reason')}</span>
            <input value={reason} onChange={(event) => setReason(event.target.value)} maxLength={2000} />
          </label>
          <button
            type="button"
            className="button button--danger"
            data-testid="incoming-decline"
            disabled={ids.length === 0 || !reason.trim() || decide.isPending}
            onClick={() => decide.mutate({ kind: 'decline', itemIds: ids, reason }, { onSuccess: done })}
          >
            {t('handover:incoming.declineChosen', { count: ids.length })}
          </button>
        </div>
      ) : null}
      {decide.error ? (
        <p className="form-alert" role="alert">
          {text(requestErrorMessage(decide.error))}
        </p>
      ) : null}
      <table className="data-table handover-table" data-testid="incoming-items">
        <TableHead caption={t('handover:incoming.title')} labels={Object.values(columns)} />
        <tbody>
          {items.map((item) => (
            <tr key={item.id} data-testid="incoming-item">
              <td data-label={columns.choose} className="handover-table__check">
                {item.status === 'waiting' ? (
                  <input
                    type="checkbox"
                    checked={chosen.has(item.id)}
                    onChange={() => toggle(item.id)}
                    aria-label={t('handover:items.chooseItem', { caseNumber: item.caseNumber })}
                  />
                ) : null}
              </td>
              <th scope="row" data-label={columns.case} className="data-table__primary">
                <span>
                  {item.caseId ? (
                    <Link to={`/cases/${item.caseId}`} className="case-number">
                      {item.caseNumber}
                    </Link>
                  ) : (
                    <span className="case-number">{item.caseNumber}</span>
                  )}{' '}
                  <span className="muted">
                    {item.sex ? t(`codes:sex.${item.sex}`) : ''} · {item.caseTypes.join(', ')}
                  </span>
                </span>
              </th>
              <td data-label={columns.from}>
                <span>
                  {item.fromOrganisationName}
                  <span className="muted"> · {item.planName}</span>
                </span>
              </td>
              <td data-label={columns.type}>
                <span>
                  {t(`handover:type.${item.type}`)} <span className="muted">({t(`handover:kind.${item.kind}`)})</span>
                </span>
              </td>
              <td data-label={columns.note}>{item.note ?? '—'}</td>
              <td data-label={columns.status}>
                <span>
                  <span data-testid="incoming-item-status">{t(`handover:itemStatus.${item.status}`)}</span>
                  {item.declineReason ? <span className="field__hint">{item.declineReason}</span> : null}
                </span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
