import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import {
  can,
  HANDOVER_ITEM_TYPES,
  TYPES_OF_KIND,
  type HandoverItem,
  type HandoverItemType,
  type HandoverPlanDetail,
} from '@homeward/core';
import { API_PREFIX } from '../api/http';
import { useUser } from '../auth/user-context';
import { requestErrorMessage, useMessageText } from '../forms/messages';
import { TableHead } from '../layout/table-head.component';
import { LoadingState, RequestErrorState } from '../layout/states.component';
import { useColleagues } from '../tasks/tasks.resource';
import { useDocumentTitle } from '../text/use-document-title';
import { useLanguage } from '../text/use-language';
import { usePlan, usePlanAction, useReceivers } from './handover.resource';
import './handover.css';

/** `/handover/:planId`: a plan's cases, their receivers and types, its approval and its progress. */
export function HandoverPlanPage() {
  const { planId = '' } = useParams();
  const plan = usePlan(planId);
  const { t } = useTranslation();
  useDocumentTitle(plan.data?.name ?? t('handover:title'));
  if (plan.isPending) return <LoadingState />;
  if (plan.error) return <RequestErrorState error={plan.error} onRetry={() => void plan.refetch()} />;
  return <PlanView plan={plan.data} />;
}

function PlanView({ plan }: { plan: HandoverPlanDetail }) {
  const { t } = useTranslation();
  const user = useUser();
  const text = useMessageText();
  const action = usePlanAction(plan.id);
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  const draft = plan.status === 'draft';
  const running = plan.status === 'approved' || plan.status === 'in_progress';
  // Approving the plan approves these closures too: said before anyone approves.
  const closures = plan.items.filter((item) => item.type === 'close_as_stable').length;
  const manages = can(user.access, 'handover.manage');
  const editable = (item: HandoverItem) => manages && (draft || (running && item.status === 'declined'));
  const notice =
    plan.status === 'submitted' && !plan.mayApprove && can(user.access, 'handover.approve')
      ? t('handover:notice.ownPlan')
      : t(`handover:notice.${plan.status === 'in_progress' ? 'approved' : plan.status}`);
  return (
    <section className="page">
      <p className="breadcrumb">
        <Link to="/handover">{t('handover:plans.title')}</Link>
      </p>
      <div className="page__header">
        <h1>{plan.name}</h1>
        <span className="status" data-testid="handover-plan-status">
          {t(`handover:status.${plan.status}`)}
        </span>
      </div>
      <p className="lead">{plan.reason}</p>
      <Progress plan={plan} />
      <p className="card card--note" role="status">
        {notice}
      </p>
      {closures > 0 && (plan.status === 'draft' || plan.status === 'submitted') ? (
        <p className="card card--note warning" data-testid="handover-closure-note">
          {t('handover:closureNote', { count: closures })}
        </p>
      ) : null}
      {action.error ? (
        <p className="form-alert" role="alert">
          {text(requestErrorMessage(action.error))}
        </p>
      ) : null}
      <div className="handover-actions">
        {draft && manages ? (
          <button
            type="button"
            className="button button--primary"
            data-testid="handover-submit"
            disabled={action.isPending}
            onClick={() => action.mutate({ kind: 'submit' })}
          >
            {t('handover:actions.submit')}
          </button>
        ) : null}
        {plan.mayApprove ? (
          <button
            type="button"
            className="button button--primary"
            data-testid="handover-approve"
            disabled={action.isPending}
            onClick={() => action.mutate({ kind: 'approve' })}
          >
            {t('handover:actions.approve')}
          </button>
        ) : null}
        {running && can(user.access, 'handover.approve') ? (
          <button
            type="button"
            className="button"
            data-testid="handover-complete"
            disabled={action.isPending || plan.progress.waiting + plan.progress.declined > 0}
            onClick={() => action.mutate({ kind: 'complete' })}
          >
            {t('handover:actions.complete')}
          </button>
        ) : null}
      </div>
      <Prints plan={plan} />
      <h2>{t('handover:items.title')}</h2>
      {plan.items.some(editable) ? <BulkBar plan={plan} chosen={chosen} onDone={() => setChosen(new Set())} /> : null}
      <ItemTable plan={plan} chosen={chosen} onChoose={setChosen} editable={editable} />
      {draft && manages ? <UsersToDisable plan={plan} /> : null}
    </section>
  );
}

function Progress({ plan }: { plan: HandoverPlanDetail }) {
  const { t } = useTranslation();
  const tiles = ['total', 'waiting', 'accepted', 'declined', 'done'] as const;
  return (
    <div className="handover-progress" data-testid="handover-progress">
      {tiles.map((key) => (
        <div key={key} className={key === 'declined' && plan.progress.declined > 0 ? 'tile tile--alert' : 'tile'}>
          <span className="tile__count" data-testid={`handover-progress-${key}`}>
            {plan.progress[key]}
          </span>
          <span className="tile__label">{t(`handover:progress.${key}`)}</span>
        </div>
      ))}
    </div>
  );
}

/** The printed summaries: the whole plan, or for one receiver, in the language chosen. */
function Prints({ plan }: { plan: HandoverPlanDetail }) {
  const { t } = useTranslation();
  const current = useLanguage();
  const [language, setLanguage] = useState(current);
  const receivers = new Map(
    plan.items.filter((item) => item.receiverId).map((item) => [item.receiverId!, item.receiverName ?? '']),
  );
  const href = (receiver?: string) =>
    `${API_PREFIX}/handover-plans/${plan.id}/summary?language=${language}${receiver ? `&receiver=${receiver}` : ''}`;
  return (
    <div className="handover-bulk" data-testid="handover-prints">
      <label className="field">
        <span className="field__label">{t('handover:actions.language')}</span>
        <select value={language} onChange={(event) => setLanguage(event.target.value as typeof language)}>
          <option value="en">English</option>
          <option value="km">ខ្មែរ</option>
        </select>
      </label>
      <a className="button button--small" href={href()} target="_blank" rel="noreferrer">
        {t('handover:actions.print')}
      </a>
      {[...receivers].map(([id, name]) => (
        <a key={id} className="button button--small" href={href(id)} target="_blank" rel="noreferrer">
          {t('handover:actions.printFor', { receiver: name })}
        </a>
      ))}
    </div>
  );
}

function ReceiverSelect({
  value,
  onChange,
  label,
  testId,
}: {
  value: string;
  onChange: (value: string) => void;
  label: string;
  testId?: string;
}) {
  const { t } = useTranslation();
  const receivers = useReceivers();
  return (
    <select value={value} onChange={(event) => onChange(event.target.value)} aria-label={label} data-testid={testId}>
      <option value="">{t('handover:items.noReceiver')}</option>
      {(receivers.data?.items ?? []).map((receiver) => (
        <option key={receiver.id} value={receiver.id}>
          {receiver.name}
        </option>
      ))}
    </select>
  );
}

function TypeSelect({
  value,
  types,
  onChange,
  label,
  testId,
}: {
  value: string;
  types: readonly HandoverItemType[];
  onChange: (value: HandoverItemType | '') => void;
  label: string;
  testId?: string;
}) {
  const { t } = useTranslation();
  return (
    <select
      value={value}
      onChange={(event) => onChange(event.target.value as HandoverItemType | '')}
      aria-label={label}
      data-testid={testId}
    >
      <option value="">{t('handover:items.choose')}</option>
      {types.map((type) => (
        <option key={type} value={type}>
          {t(`handover:type.${type}`)}
        </option>
      ))}
    </select>
  );
}

function BulkBar({ plan, chosen, onDone }: { plan: HandoverPlanDetail; chosen: Set<string>; onDone: () => void }) {
  const { t } = useTranslation();
  const action = usePlanAction(plan.id);
  const [receiver, setReceiver] = useState('');
  const [type, setType] = useState<HandoverItemType | ''>('');
  const kinds = new Set(plan.items.filter((item) => chosen.has(item.id)).map((item) => item.kind));
  // Only the types that fit every chosen case: a remote case is not the office's to transfer or close.
  const types = HANDOVER_ITEM_TYPES.filter((candidate) =>
    [...kinds].every((kind) => TYPES_OF_KIND[kind].includes(candidate)),
  );
  const apply = () =>
    action.mutate(
      {
        kind: 'items',
        change: {
          itemIds: [...chosen],
          ...(receiver ? { receiverId: receiver } : {}),
          ...(type ? { type } : {}),
        },
      },
      { onSuccess: onDone },
    );
  return (
    <div className="handover-bulk" data-testid="handover-bulk">
      <strong>{t('handover:items.bulk', { count: chosen.size })}</strong>
      <label className="field">
        <span className="field__label">{t('handover:items.receiver')}</span>
        <ReceiverSelect
          value={receiver}
          onChange={setReceiver}
          label={t('handover:items.receiver')}
          testId="handover-bulk-receiver"
        />
      </label>
      <label className="field">
        <span className="field__label">{t('handover:items.type')}</span>
        <TypeSelect
          value={type}
          types={types}
          onChange={setType}
          label={t('handover:items.type')}
          testId="handover-bulk-type"
        />
      </label>
      <button
        type="button"
        className="button button--primary"
        data-testid="handover-bulk-apply"
        disabled={chosen.size === 0 || (!receiver && !type) || action.isPending}
        onClick={apply}
      >
        {t('handover:items.apply')}
      </button>
      {plan.status === 'draft' ? (
        <button
          type="button"
          className="button button--quiet"
          disabled={chosen.size === 0 || action.isPending}
          onClick={() => action.mutate({ kind: 'remove', itemIds: [...chosen] }, { onSuccess: onDone })}
        >
          {t('handover:items.remove')}
        </button>
      ) : null}
    </div>
  );
}

function ItemTable({
  plan,
  chosen,
  onChoose,
  editable,
}: {
  plan: HandoverPlanDetail;
  chosen: Set<string>;
  onChoose: (chosen: Set<string>) => void;
  editable: (item: HandoverItem) => boolean;
}) {
  const { t } = useTranslation();
  const action = usePlanAction(plan.id);
  const columns = {
    choose: t('handover:items.choose'),
    case: t('handover:items.case'),
    kind: t('handover:items.kind'),
    receiver: t('handover:items.receiver'),
    type: t('handover:items.type'),
    status: t('handover:items.status'),
  };
  const anyEditable = plan.items.some(editable);
  const toggle = (id: string) => {
    const next = new Set(chosen);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    onChoose(next);
  };
  const change = (item: HandoverItem, fields: { receiverId?: string | null; type?: HandoverItemType | null }) =>
    action.mutate({ kind: 'items', change: { itemIds: [item.id], ...fields } });
  return (
    <>
      {anyEditable ? (
        <button
          type="button"
          className="button button--small"
          data-testid="handover-choose-every"
          onClick={() => onChoose(new Set(plan.items.filter(editable).map((item) => item.id)))}
        >
          {t('handover:items.chooseAll')}
        </button>
      ) : null}
      <table className="data-table handover-table" data-testid="handover-items">
        <TableHead
          caption={t('handover:items.title')}
          labels={anyEditable ? Object.values(columns) : Object.values(columns).slice(1)}
        />
        <tbody>
          {plan.items.map((item) => (
            <tr key={item.id} data-testid="handover-item" data-case={item.caseNumber}>
              {anyEditable ? (
                <td data-label={columns.choose} className="handover-table__check">
                  {editable(item) ? (
                    <input
                      type="checkbox"
                      checked={chosen.has(item.id)}
                      onChange={() => toggle(item.id)}
                      aria-label={t('handover:items.chooseItem', { caseNumber: item.caseNumber })}
                    />
                  ) : null}
                </td>
              ) : null}
              <th scope="row" data-label={columns.case} className="data-table__primary">
                <span>
                  <span className="case-number">{item.caseNumber}</span>{' '}
                  <span className="muted">{item.caseTypes.join(', ')}</span>
                  {item.workerName ? <span className="muted"> · {item.workerName}</span> : null}
                </span>
              </th>
              <td data-label={columns.kind} title={t(`handover:kindHint.${item.kind}`)}>
                <span>
                  {t(`handover:kind.${item.kind}`)}
                  {item.kind === 'remote' ? <span className="muted"> · {item.leadOrganisationName}</span> : null}
                </span>
              </td>
              <td data-label={columns.receiver}>
                {editable(item) ? (
                  <ReceiverSelect
                    value={item.receiverId ?? ''}
                    onChange={(value) => change(item, { receiverId: value || null })}
                    label={t('handover:items.receiver')}
                  />
                ) : (
                  (item.receiverName ?? '—')
                )}
              </td>
              <td data-label={columns.type}>
                {plan.status === 'draft' && editable(item) ? (
                  <TypeSelect
                    value={item.type ?? ''}
                    types={TYPES_OF_KIND[item.kind]}
                    onChange={(value) => change(item, { type: value || null })}
                    label={t('handover:items.type')}
                  />
                ) : item.type ? (
                  t(`handover:type.${item.type}`)
                ) : (
                  '—'
                )}
              </td>
              <td data-label={columns.status}>
                <span data-testid="handover-item-status">{t(`handover:itemStatus.${item.status}`)}</span>
                {item.declineReason ? (
                  <span className="field__hint">
                    {t('handover:items.declinedBecause', { reason: item.declineReason })}
                  </span>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

function UsersToDisable({ plan }: { plan: HandoverPlanDetail }) {
  const { t } = useTranslation();
  const colleagues = useColleagues();
  const action = usePlanAction(plan.id);
  const [chosen, setChosen] = useState<Set<string>>(new Set(plan.usersToDisable));
  const toggle = (id: string) => {
    const next = new Set(chosen);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    setChosen(next);
  };
  return (
    <fieldset className="form-section" data-testid="handover-users">
      <legend className="form-section__title">{t('handover:users.title')}</legend>
      <p className="field__hint">{t('handover:users.hint')}</p>
      <ul className="handover-users">
        {(colleagues.data?.items ?? []).map((person) => (
          <li key={person.id}>
            <label className="choice">
              <input type="checkbox" checked={chosen.has(person.id)} onChange={() => toggle(person.id)} />{' '}
              {person.displayName}
            </label>
          </li>
        ))}
      </ul>
      <button
        type="button"
        className="button button--small"
        disabled={action.isPending}
        onClick={() => action.mutate({ kind: 'plan', change: { usersToDisable: [...chosen] } })}
      >
        {t('handover:users.save')}
      </button>
    </fieldset>
  );
}
