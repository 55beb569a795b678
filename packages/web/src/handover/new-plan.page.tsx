import { useRef, useState, type FormEvent } from 'react';
import { Navigate, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { can, CASE_STATUS_FILTERS, CASE_TYPES, type CaseSummary } from '@homeward/core';
import { useCaseList } from '../api/cases.resource';
import { useUser } from '../auth/user-context';
import { requestErrorMessage, useMessageText } from '../forms/messages';
import { TableHead } from '../layout/table-head.component';
import { LoadingState, RequestErrorState } from '../layout/states.component';
import { useColleagues } from '../tasks/tasks.resource';
import { useDocumentTitle } from '../text/use-document-title';
import { useCreatePlan } from './handover.resource';
import './handover.css';

/** `/handover/new`: name the office that closes, choose its cases with the case list's filters, draft the plan. */
export function NewHandoverPlanPage() {
  const { t } = useTranslation();
  const user = useUser();
  const navigate = useNavigate();
  const text = useMessageText();
  const planId = useRef(crypto.randomUUID());
  const [name, setName] = useState('');
  const [reason, setReason] = useState('');
  const [filters, setFilters] = useState<Record<string, string>>({ status: 'open' });
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  const create = useCreatePlan();
  useDocumentTitle(t('handover:plans.new'));
  if (!can(user.access, 'handover.manage')) return <Navigate to="/handover" replace />;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate(
      { id: planId.current, name, reason, caseIds: [...chosen] },
      { onSuccess: (plan) => void navigate(`/handover/${plan.id}`) },
    );
  };
  const setFilter = (key: string, value: string) =>
    setFilters((current) => {
      const next = { ...current };
      if (value) next[key] = value;
      else delete next[key];
      return next;
    });

  return (
    <section className="page">
      <h1>{t('handover:plans.new')}</h1>
      <p className="lead">{t('handover:intro')}</p>
      <form onSubmit={submit} className="form" data-testid="handover-new-form">
        <div className="form-grid">
          <label className="field">
            <span className="field__label">{t('handover:form.name')}</span>
            <input value={name} onChange={(event) => setName(event.target.value)} required maxLength={200} />
          </label>
          <label className="field">
            <span className="field__label">{t('handover:form.reason')}</span>
            <textarea value={reason} onChange={(event) => setReason(event.target.value)} required maxLength={2000} />
          </label>
        </div>
        <fieldset className="form-section">
          <legend className="form-section__title">{t('handover:form.filters')}</legend>
          <div className="handover-filters">
            <label className="field">
              <span className="field__label">{t('handover:form.status')}</span>
              <select value={filters.status ?? ''} onChange={(event) => setFilter('status', event.target.value)}>
                <option value="">{t('handover:form.any')}</option>
                {CASE_STATUS_FILTERS.map((status) => (
                  <option key={status} value={status}>
                    {status === 'open' ? t('handover:form.openCases') : t(`codes:caseStatus.${status}`)}
                  </option>
                ))}
              </select>
            </label>
            <label className="field">
              <span className="field__label">{t('handover:form.caseType')}</span>
              <select value={filters.caseType ?? ''} onChange={(event) => setFilter('caseType', event.target.value)}>
                <option value="">{t('handover:form.any')}</option>
                {CASE_TYPES.map((type) => (
                  <option key={type} value={type}>
                    {t(`codes:caseType.${type}`)}
                  </option>
                ))}
              </select>
            </label>
            <WorkerFilter value={filters.worker ?? ''} onChange={(value) => setFilter('worker', value)} />
          </div>
          <CasePicker filters={filters} chosen={chosen} onChange={setChosen} />
        </fieldset>
        {create.error ? (
          <p className="form-alert" role="alert">
            {text(requestErrorMessage(create.error))}
          </p>
        ) : null}
        <div className="form__actions">
          <span className="form__status" aria-live="polite">
            {t('handover:form.chosen', { count: chosen.size })}
          </span>
          <button type="submit" className="button button--primary" disabled={create.isPending || chosen.size === 0}>
            {t('handover:form.create')}
          </button>
        </div>
      </form>
    </section>
  );
}

function WorkerFilter({ value, onChange }: { value: string; onChange: (value: string) => void }) {
  const { t } = useTranslation();
  const colleagues = useColleagues();
  return (
    <label className="field">
      <span className="field__label">{t('handover:form.worker')}</span>
      <select value={value} onChange={(event) => onChange(event.target.value)}>
        <option value="">{t('handover:form.any')}</option>
        {(colleagues.data?.items ?? []).map((person) => (
          <option key={person.id} value={person.id}>
            {person.displayName}
          </option>
        ))}
      </select>
    </label>
  );
}

function childName(row: CaseSummary): string {
  return [row.familyNameLatin, row.givenNameLatin].filter(Boolean).join(' ') || row.alias || '';
}

function CasePicker({
  filters,
  chosen,
  onChange,
}: {
  filters: Record<string, string>;
  chosen: Set<string>;
  onChange: (chosen: Set<string>) => void;
}) {
  const { t } = useTranslation();
  const list = useCaseList({ ...filters, limit: '200', sort: 'caseNumber', order: 'asc' });
  if (list.isPending) return <LoadingState />;
  if (list.error) return <RequestErrorState error={list.error} onRetry={() => void list.refetch()} />;
  const rows = list.data.items;
  if (rows.length === 0) return <p className="empty-state empty-state--small">{t('handover:form.noCases')}</p>;
  const toggle = (id: string) => {
    const next = new Set(chosen);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    onChange(next);
  };
  const columns = [t('handover:items.choose'), t('handover:items.case'), t('handover:form.status')];
  return (
    <>
      <button
        type="button"
        className="button button--small"
        data-testid="handover-choose-all"
        onClick={() => onChange(new Set([...chosen, ...rows.map((row) => row.id)]))}
      >
        {t('handover:form.chooseAll')}
      </button>
      <table className="data-table data-table--compact handover-table" data-testid="handover-case-picker">
        <TableHead caption={t('handover:form.filters')} labels={columns} />
        <tbody>
          {rows.map((row) => (
            <tr key={row.id}>
              <td data-label={columns[0]} className="handover-table__check">
                <input
                  type="checkbox"
                  checked={chosen.has(row.id)}
                  onChange={() => toggle(row.id)}
                  aria-label={t('handover:items.chooseItem', { caseNumber: row.caseNumber })}
                />
              </td>
              <th scope="row" data-label={columns[1]} className="data-table__primary">
                <span className="case-number">{row.caseNumber}</span> {childName(row)}
              </th>
              <td data-label={columns[2]}>{t(`codes:caseStatus.${row.status}`)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
