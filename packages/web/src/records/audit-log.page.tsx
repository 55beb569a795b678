import { useId, useState, type FormEvent } from 'react';
import { Navigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { AUDIT_ACTIONS, can, type Access, type AuditQuery } from '@homeward/core';
import { useUser } from '../auth/user-context';
import { Field } from '../forms/field.component';
import { LoadingState, RequestErrorState } from '../layout/states.component';
import { useDocumentTitle } from '../text/use-document-title';
import { AuditTable, useActionLabel } from './audit-table.component';
import { useAuditPeople } from './audit-people';
import { useAuditSearch } from './records.resource';
import '../styles/records.css';
import { DateInput } from '../forms/date-input.component';

const PAGE = 50;
type Filters = Pick<AuditQuery, 'userId' | 'caseNumber' | 'action' | 'from' | 'to'>;
const NO_FILTERS: Filters = {};

const allowedToList = (access: Access) => can(access, 'user.manage');

/** `/audit`: the organisation's audit log, searchable by user, case, action and period. Administrators only. */
export function AuditLogPage() {
  const { t } = useTranslation();
  const user = useUser();
  const ids = useId();
  const actionLabel = useActionLabel();
  const people = useAuditPeople(allowedToList(user.access));
  const [draft, setDraft] = useState<Filters>(NO_FILTERS);
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  const [offset, setOffset] = useState(0);
  const allowed = can(user.access, 'audit.read');
  const search = useAuditSearch({ ...filters, limit: PAGE, offset }, allowed);
  useDocumentTitle(t('records:audit.title'));
  if (!allowed) return <Navigate to="/cases" replace />;

  const set = (field: keyof Filters, value: string) => setDraft({ ...draft, [field]: value || undefined });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setFilters(draft);
    setOffset(0);
  };
  const total = search.data?.total ?? 0;
  const shown = search.data?.items.length ?? 0;

  return (
    <section className="page audit-page">
      <h1>{t('records:audit.title')}</h1>
      <p className="lead">{t('records:audit.intro')}</p>
      <form className="audit-filters" noValidate onSubmit={onSubmit} data-testid="audit-filters">
        <Field id={`${ids}-case`} name="caseNumber" label={t('records:audit.caseNumber')}>
          {(control) => (
            <input
              {...control}
              type="text"
              value={draft.caseNumber ?? ''}
              onChange={(e) => set('caseNumber', e.target.value)}
            />
          )}
        </Field>
        <Field id={`${ids}-action`} name="action" label={t('records:audit.action')}>
          {(control) => (
            <select {...control} value={draft.action ?? ''} onChange={(e) => set('action', e.target.value)}>
              <option value="">{t('records:audit.anyAction')}</option>
              {AUDIT_ACTIONS.map((action) => (
                <option key={action} value={action}>
                  {actionLabel(action)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field id={`${ids}-user`} name="userId" label={t('records:audit.user')}>
          {(control) => (
            <select {...control} value={draft.userId ?? ''} onChange={(e) => set('userId', e.target.value)}>
              <option value="">{t('records:audit.anyUser')}</option>
              {people.map((person) => (
                <option key={person.id} value={person.id}>
                  {person.label}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field id={`${ids}-from`} name="from" label={t('records:audit.from')}>
          {(control) => <DateInput {...control} value={draft.from ?? ''} onChange={(value) => set('from', value)} />}
        </Field>
        <Field id={`${ids}-to`} name="to" label={t('records:audit.to')}>
          {(control) => <DateInput {...control} value={draft.to ?? ''} onChange={(value) => set('to', value)} />}
        </Field>
        <div className="audit-filters__actions">
          <button type="submit" className="button button--primary">
            {t('records:audit.search')}
          </button>
          <button
            type="button"
            className="button button--quiet"
            onClick={() => {
              setDraft(NO_FILTERS);
              setFilters(NO_FILTERS);
              setOffset(0);
            }}
          >
            {t('records:audit.clear')}
          </button>
        </div>
      </form>
      {search.isPending ? <LoadingState /> : null}
      {search.error ? <RequestErrorState error={search.error} onRetry={() => void search.refetch()} /> : null}
      {search.data ? (
        search.data.items.length === 0 ? (
          <p data-testid="audit-empty">{t('records:audit.empty')}</p>
        ) : (
          <>
            <p className="muted" role="status">
              {t('records:audit.page', { from: offset + 1, to: offset + shown, total })}
            </p>
            <AuditTable items={search.data.items} showCase />
            <nav className="audit-pager" aria-label={t('records:audit.title')}>
              <button
                type="button"
                className="button"
                disabled={offset === 0}
                onClick={() => setOffset(Math.max(0, offset - PAGE))}
              >
                {t('records:audit.previous')}
              </button>
              <button
                type="button"
                className="button"
                disabled={offset + PAGE >= total}
                onClick={() => setOffset(offset + PAGE)}
              >
                {t('records:audit.next')}
              </button>
            </nav>
          </>
        )
      ) : null}
    </section>
  );
}
