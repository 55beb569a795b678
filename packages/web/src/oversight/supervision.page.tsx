import type { ReactNode } from 'react';
import { Link, Navigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { can, type Supervision } from '@homeward/core';
import { useSupervision } from '../api/oversight.resource';
import { useUser } from '../auth/user-context';
import { LoadingState, RequestErrorState } from '../layout/states.component';
import { localToday } from '../text/dates';
import { useDocumentTitle } from '../text/use-document-title';
import { CaseNumberLink, CaseRefNames } from './case-ref.component';
import { DateWithNote } from './date-with-note.component';
import { OccupancyBar } from './occupancy-bar.component';
import { daysBetween } from './oversight-dates';

/** What a supervisor needs to see at a glance: who carries which caseload, and what is overdue or waiting. */
export function SupervisionPage() {
  const { t } = useTranslation();
  const user = useUser();
  useDocumentTitle(t('oversight:supervision.title'));
  const allowed = can(user.roles, 'case.approve');
  const { data, error, isPending, refetch } = useSupervision(allowed);
  if (!allowed) return <Navigate to="/cases" replace />;

  return (
    <section className="page supervision">
      <h1>{t('oversight:supervision.title')}</h1>
      <p className="lead">{t('oversight:supervision.intro')}</p>
      {isPending ? <LoadingState /> : null}
      {error ? <RequestErrorState error={error} onRetry={() => void refetch()} /> : null}
      {data ? <SupervisionBody data={data} /> : null}
    </section>
  );
}

type ListKey = 'overdueFollowUps' | 'pendingApprovals' | 'withoutAssessment' | 'withoutCarePlan';
const LISTS: readonly ListKey[] = ['overdueFollowUps', 'pendingApprovals', 'withoutAssessment', 'withoutCarePlan'];
const anchor = (key: string) => `supervision-${key}`;

function SupervisionBody({ data }: { data: Supervision }) {
  const { t } = useTranslation();
  return (
    <>
      <nav aria-label={t('oversight:supervision.summaryLabel')}>
        <ul className="tiles" data-testid="supervision-summary">
          {LISTS.map((key) => {
            const count = data[key].length;
            const alert = count > 0 && (key === 'overdueFollowUps' || key === 'pendingApprovals');
            return (
              <li key={key}>
                <a
                  href={`#${anchor(key)}`}
                  className={alert ? 'tile tile--alert' : 'tile'}
                  onClick={(event) => {
                    // Focus the section's heading, so keyboard and screen-reader users land where they looked.
                    const heading = document.getElementById(`${anchor(key)}-title`);
                    if (!heading) return;
                    event.preventDefault();
                    heading.focus();
                  }}
                >
                  <span className="tile__count">{count}</span>
                  <span className="tile__label">{t(`oversight:supervision.${key}.title`)}</span>
                </a>
              </li>
            );
          })}
        </ul>
      </nav>
      <CaseloadSection rows={data.caseloadByWorker} />
      <OverdueSection rows={data.overdueFollowUps} />
      <ApprovalsSection rows={data.pendingApprovals} />
      <OpenedSection listKey="withoutAssessment" rows={data.withoutAssessment} />
      <OpenedSection listKey="withoutCarePlan" rows={data.withoutCarePlan} />
      <FacilitiesSection rows={data.facilities} />
    </>
  );
}

interface SectionProps {
  id: string;
  title: string;
  count?: number;
  hint?: string;
  empty: string;
  children: ReactNode;
}

/** A titled part of the page with its count, its rows, or a line saying there is nothing. */
function Section({ id, title, count, hint, empty, children }: SectionProps) {
  return (
    <section id={id} className="supervision__section" aria-labelledby={`${id}-title`} data-testid={id}>
      <h2 id={`${id}-title`} tabIndex={-1}>
        {title}
        {count === undefined ? null : <span className="count-badge">{count}</span>}
      </h2>
      {hint ? <p className="field__hint">{hint}</p> : null}
      {count === 0 ? <p className="empty-state empty-state--small">{empty}</p> : children}
    </section>
  );
}

function Header({ columns }: { columns: readonly string[] }) {
  return (
    <thead>
      <tr>
        {columns.map((label) => (
          <th key={label} scope="col">
            {label}
          </th>
        ))}
      </tr>
    </thead>
  );
}

function CaseloadSection({ rows }: { rows: Supervision['caseloadByWorker'] }) {
  const { t } = useTranslation();
  const columns = {
    worker: t('oversight:supervision.caseload.worker'),
    open: t('oversight:supervision.caseload.open'),
    followUp: t('oversight:supervision.caseload.followUp'),
    overdue: t('oversight:supervision.caseload.overdue'),
  };
  return (
    <Section
      id="supervision-caseload"
      title={t('oversight:supervision.caseload.title')}
      empty={t('oversight:supervision.caseload.empty')}
      {...(rows.length === 0 ? { count: 0 } : {})}
    >
      <table className="data-table data-table--compact">
        <caption className="visually-hidden">{t('oversight:supervision.caseload.title')}</caption>
        <Header columns={Object.values(columns)} />
        <tbody>
          {rows.map((row) => (
            <tr key={row.workerId ?? 'unassigned'} className={row.overdue > 0 ? 'data-table__row--alert' : undefined}>
              <th scope="row" data-label={columns.worker} className="data-table__primary">
                {row.workerName ?? <span className="muted">{t('oversight:supervision.caseload.unassigned')}</span>}
              </th>
              <td data-label={columns.open} className="data-table__number">
                {row.open}
              </td>
              <td data-label={columns.followUp} className="data-table__number">
                {row.followUp}
              </td>
              <td data-label={columns.overdue} className="data-table__number">
                {row.overdue > 0 ? <strong className="overdue-text">{row.overdue}</strong> : row.overdue}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </Section>
  );
}

function OverdueSection({ rows }: { rows: Supervision['overdueFollowUps'] }) {
  const { t } = useTranslation();
  const today = localToday();
  const columns = {
    caseNumber: t('cases:fields.caseNumber'),
    names: t('oversight:columns.names'),
    dueOn: t('oversight:columns.dueOn'),
    worker: t('cases:fields.assignedWorker'),
  };
  const sorted = [...rows].sort((a, b) => a.dueOn.localeCompare(b.dueOn));
  return (
    <Section
      id={anchor('overdueFollowUps')}
      title={t('oversight:supervision.overdueFollowUps.title')}
      count={rows.length}
      empty={t('oversight:supervision.overdueFollowUps.empty')}
    >
      <table className="data-table">
        <caption className="visually-hidden">{t('oversight:supervision.overdueFollowUps.title')}</caption>
        <Header columns={Object.values(columns)} />
        <tbody>
          {sorted.map((row) => (
            <tr key={`${row.caseId}-${row.dueOn}`} className="data-table__row--alert" data-testid="overdue-row">
              <th scope="row" data-label={columns.caseNumber} className="data-table__primary">
                <CaseNumberLink item={row} />
              </th>
              <td data-label={columns.names}>
                <CaseRefNames item={row} />
              </td>
              <td data-label={columns.dueOn}>
                <DateWithNote
                  date={row.dueOn}
                  note={t('oversight:daysOverdue', { count: Math.max(1, daysBetween(row.dueOn, today)) })}
                  alert
                />
              </td>
              <td data-label={columns.worker}>
                {row.workerName ?? <span className="muted">{t('oversight:supervision.caseload.unassigned')}</span>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </Section>
  );
}

function ApprovalsSection({ rows }: { rows: Supervision['pendingApprovals'] }) {
  const { t } = useTranslation();
  const today = localToday();
  const columns = {
    caseNumber: t('cases:fields.caseNumber'),
    names: t('oversight:columns.names'),
    subject: t('oversight:supervision.pendingApprovals.subject'),
    requestedOn: t('oversight:supervision.pendingApprovals.requestedOn'),
    requestedBy: t('oversight:supervision.pendingApprovals.requestedBy'),
  };
  const sorted = [...rows].sort((a, b) => a.requestedOn.localeCompare(b.requestedOn));
  return (
    <Section
      id={anchor('pendingApprovals')}
      title={t('oversight:supervision.pendingApprovals.title')}
      count={rows.length}
      hint={t('oversight:supervision.pendingApprovals.hint')}
      empty={t('oversight:supervision.pendingApprovals.empty')}
    >
      <table className="data-table">
        <caption className="visually-hidden">{t('oversight:supervision.pendingApprovals.title')}</caption>
        <Header columns={Object.values(columns)} />
        <tbody>
          {sorted.map((row) => (
            <tr key={row.requestId} data-testid="approval-row">
              <th scope="row" data-label={columns.caseNumber} className="data-table__primary">
                <CaseNumberLink item={row} />
              </th>
              <td data-label={columns.names}>
                <CaseRefNames item={row} />
              </td>
              <td data-label={columns.subject}>{t(`codes:approvalSubject.${row.subject}`)}</td>
              <td data-label={columns.requestedOn}>
                <DateWithNote
                  date={row.requestedOn}
                  note={t('oversight:daysWaiting', { count: Math.max(0, daysBetween(row.requestedOn, today)) })}
                />
              </td>
              <td data-label={columns.requestedBy}>
                {row.requestedBy ?? <span className="muted">{t('cases:none')}</span>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </Section>
  );
}

function OpenedSection({
  listKey,
  rows,
}: {
  listKey: 'withoutAssessment' | 'withoutCarePlan';
  rows: Supervision['withoutAssessment'];
}) {
  const { t } = useTranslation();
  const today = localToday();
  const columns = {
    caseNumber: t('cases:fields.caseNumber'),
    names: t('oversight:columns.names'),
    openedOn: t('cases:fields.openedOn'),
  };
  const sorted = [...rows].sort((a, b) => a.openedOn.localeCompare(b.openedOn));
  return (
    <Section
      id={anchor(listKey)}
      title={t(`oversight:supervision.${listKey}.title`)}
      count={rows.length}
      hint={t(`oversight:supervision.${listKey}.hint`)}
      empty={t(`oversight:supervision.${listKey}.empty`)}
    >
      <table className="data-table">
        <caption className="visually-hidden">{t(`oversight:supervision.${listKey}.title`)}</caption>
        <Header columns={Object.values(columns)} />
        <tbody>
          {sorted.map((row) => (
            <tr key={row.caseId} data-testid={`${listKey}-row`}>
              <th scope="row" data-label={columns.caseNumber} className="data-table__primary">
                <CaseNumberLink item={row} />
              </th>
              <td data-label={columns.names}>
                <CaseRefNames item={row} />
              </td>
              <td data-label={columns.openedOn}>
                <DateWithNote
                  date={row.openedOn}
                  note={t('oversight:daysOpen', { count: Math.max(0, daysBetween(row.openedOn, today)) })}
                />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </Section>
  );
}

function FacilitiesSection({ rows }: { rows: Supervision['facilities'] }) {
  const { t } = useTranslation();
  const columns = {
    name: t('oversight:facility.name'),
    careType: t('oversight:facility.careType'),
    occupancy: t('oversight:facility.occupancy'),
  };
  return (
    <Section
      id="supervision-facilities"
      title={t('oversight:supervision.facilities.title')}
      count={rows.length}
      empty={t('oversight:supervision.facilities.empty')}
    >
      <table className="data-table data-table--compact">
        <caption className="visually-hidden">{t('oversight:supervision.facilities.title')}</caption>
        <Header columns={Object.values(columns)} />
        <tbody>
          {rows.map((row) => (
            <tr key={row.id}>
              <th scope="row" data-label={columns.name} className="data-table__primary">
                <Link to={`/facilities/${row.id}`}>{row.name}</Link>
              </th>
              <td data-label={columns.careType}>{t(`codes:careType.${row.careType}`)}</td>
              <td data-label={columns.occupancy}>
                <OccupancyBar occupancy={row.occupancy} capacity={row.capacity} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </Section>
  );
}
