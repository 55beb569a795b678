import { Link, Navigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { can, type HandoverPlan } from '@homeward/core';
import { useUser } from '../auth/user-context';
import { TableHead } from '../layout/table-head.component';
import { LoadingState, RequestErrorState } from '../layout/states.component';
import { useDocumentTitle } from '../text/use-document-title';
import { usePlans } from './handover.resource';
import './handover.css';

/** `/handover`: the office's handover plans, for its managers. */
export function HandoverPlansPage() {
  const { t } = useTranslation();
  const user = useUser();
  useDocumentTitle(t('handover:title'));
  if (!can(user.access, 'handover.manage') && !can(user.access, 'handover.approve')) {
    return <Navigate to="/cases" replace />;
  }
  return (
    <section className="page">
      <div className="page__header">
        <h1>{t('handover:title')}</h1>
        {can(user.access, 'handover.manage') ? (
          <Link to="/handover/new" className="button button--primary" data-testid="handover-new">
            {t('handover:plans.new')}
          </Link>
        ) : null}
      </div>
      <p className="lead">{t('handover:intro')}</p>
      <PlanList />
    </section>
  );
}

function PlanList() {
  const { t } = useTranslation();
  const plans = usePlans();
  if (plans.isPending) return <LoadingState />;
  if (plans.error) return <RequestErrorState error={plans.error} onRetry={() => void plans.refetch()} />;
  if (plans.data.items.length === 0) return <p className="empty-state">{t('handover:plans.empty')}</p>;
  return <PlanTable plans={plans.data.items} />;
}

function PlanTable({ plans }: { plans: readonly HandoverPlan[] }) {
  const { t } = useTranslation();
  const columns = {
    name: t('handover:plans.name'),
    status: t('handover:plans.status'),
    progress: t('handover:plans.progress'),
    created: t('handover:plans.created'),
  };
  return (
    <table className="data-table" data-testid="handover-plans">
      <TableHead caption={t('handover:plans.title')} labels={Object.values(columns)} />
      <tbody>
        {plans.map((plan) => (
          <tr key={plan.id} data-testid="handover-plan-row">
            <th scope="row" data-label={columns.name} className="data-table__primary">
              <Link to={`/handover/${plan.id}`}>{plan.name}</Link>
            </th>
            <td data-label={columns.status}>{t(`handover:status.${plan.status}`)}</td>
            <td data-label={columns.progress}>
              {t('handover:progress.summary', {
                finished: plan.progress.accepted + plan.progress.done,
                total: plan.progress.total,
              })}
            </td>
            <td data-label={columns.created}>{plan.createdAt.slice(0, 10)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
