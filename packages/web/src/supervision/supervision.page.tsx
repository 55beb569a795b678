import type { ReactNode } from 'react';
import { Link, Navigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { can, type Supervision } from '@homeward/core';
import { useSupervision } from '../api/supervision.resource';
import { useUser } from '../auth/user-context';
import { LoadingState, RequestErrorState } from '../layout/states.component';
import { localToday } from '../text/dates';
import { useDocumentTitle } from '../text/use-document-title';
import { CaseNumberLink, CaseRefNames } from '../cases/case-ref.component';
import { DateWithNote } from './date-with-note.component';
import { OccupancyBar } from '../facilities/occupancy-bar.component';
import { daysBetween } from '../text/calendar-days';

/** What a supervisor needs to see at a glance: who carries which caseload, and what is overdue or waiting. */
export function SupervisionPage() {
  const { t } = useTranslation();
  const user = useUser();
  useDocumentTitle(t('oversight:supervision.title'));
  const allowed = can(user.access, 'case.approve');
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

/** One column of a section's table: its heading, what each row shows in it, and the cell's class. */
interface Column<Row> {
  label: string;
  cell: (row: Row) => ReactNode;
  className?: string;
}

interface TableSectionProps<Row> extends Omit<SectionProps, 'children'> {
  compact?: boolean;
  columns: readonly Column<Row>[];
  rows: readonly Row[];
  rowKey: (row: Row) => string;
  rowClassName?: (row: Row) => string | undefined;
  rowTestId?: string;
}

/** A section whose rows are a table; the first column heads each row. */
function TableSection<Row>({
  compact,
  columns,
  rows,
  rowKey,
  rowClassName,
  rowTestId,
  ...section
}: TableSectionProps<Row>) {
  const [first, ...rest] = columns;
  return (
    <Section {...section}>
      <table className={compact ? 'data-table data-table--compact' : 'data-table'}>
        <caption className="visually-hidden">{section.title}</caption>
        <Header columns={columns.map((column) => column.label)} />
        <tbody>
          {rows.map((row) => (
            <tr key={rowKey(row)} className={rowClassName?.(row)} data-testid={rowTestId}>
              {first ? (
                <th scope="row" data-label={first.label} className="data-table__primary">
                  {first.cell(row)}
                </th>
              ) : null}
              {rest.map((column) => (
                <td key={column.label} data-label={column.label} className={column.className}>
                  {column.cell(row)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </Section>
  );
}

function CaseloadSection({ rows }: { rows: Supervision['caseloadByWorker'] }) {
  const { t } = useTranslation();
  type Row = Supervision['caseloadByWorker'][number];
  const columns: Column<Row>[] = [
    {
      label: t('oversight:supervision.caseload.worker'),
      cell: (row) => row.workerName ?? <span className="muted">{t('oversight:supervision.caseload.unassigned')}</span>,
    },
    { label: t('oversight:supervision.caseload.open'), cell: (row) => row.open, className: 'data-table__number' },
    {
      label: t('oversight:supervision.caseload.followUp'),
      cell: (row) => row.followUp,
      className: 'data-table__number',
    },
    {
      label: t('oversight:supervision.caseload.overdue'),
      cell: (row) => (row.overdue > 0 ? <strong className="overdue-text">{row.overdue}</strong> : row.overdue),
      className: 'data-table__number',
    },
  ];
  return (
    <TableSection
      id="supervision-caseload"
      title={t('oversight:supervision.caseload.title')}
      empty={t('oversight:supervision.caseload.empty')}
      {...(rows.length === 0 ? { count: 0 } : {})}
      compact
      columns={columns}
      rows={rows}
      rowKey={(row) => row.workerId ?? 'unassigned'}
      rowClassName={(row) => (row.overdue > 0 ? 'data-table__row--alert' : undefined)}
    />
  );
}

function OverdueSection({ rows }: { rows: Supervision['overdueFollowUps'] }) {
  const { t } = useTranslation();
  const today = localToday();
  const columns: Column<Supervision['overdueFollowUps'][number]>[] = [
    { label: t('cases:fields.caseNumber'), cell: (row) => <CaseNumberLink item={row} /> },
    { label: t('oversight:columns.names'), cell: (row) => <CaseRefNames item={row} /> },
    {
      label: t('oversight:columns.dueOn'),
      cell: (row) => (
        <DateWithNote
          date={row.dueOn}
          note={t('oversight:daysOverdue', { count: Math.max(1, daysBetween(row.dueOn, today)) })}
          alert
        />
      ),
    },
    {
      label: t('cases:fields.assignedWorker'),
      cell: (row) => row.workerName ?? <span className="muted">{t('oversight:supervision.caseload.unassigned')}</span>,
    },
  ];
  const sorted = [...rows].sort((a, b) => a.dueOn.localeCompare(b.dueOn));
  return (
    <TableSection
      id={anchor('overdueFollowUps')}
      title={t('oversight:supervision.overdueFollowUps.title')}
      count={rows.length}
      empty={t('oversight:supervision.overdueFollowUps.empty')}
      columns={columns}
      rows={sorted}
      rowKey={(row) => `${row.caseId}-${row.dueOn}`}
      rowClassName={() => 'data-table__row--alert'}
      rowTestId="overdue-row"
    />
  );
}

function ApprovalsSection({ rows }: { rows: Supervision['pendingApprovals'] }) {
  const { t } = useTranslation();
  const today = localToday();
  const columns: Column<Supervision['pendingApprovals'][number]>[] = [
    { label: t('cases:fields.caseNumber'), cell: (row) => <CaseNumberLink item={row} /> },
    { label: t('oversight:columns.names'), cell: (row) => <CaseRefNames item={row} /> },
    {
      label: t('oversight:supervision.pendingApprovals.subject'),
      cell: (row) => t(`codes:approvalSubject.${row.subject}`),
    },
    {
      label: t('oversight:supervision.pendingApprovals.requestedOn'),
      cell: (row) => (
        <DateWithNote
          date={row.requestedOn}
          note={t('oversight:daysWaiting', { count: Math.max(0, daysBetween(row.requestedOn, today)) })}
        />
      ),
    },
    {
      label: t('oversight:supervision.pendingApprovals.requestedBy'),
      cell: (row) => row.requestedBy ?? <span className="muted">{t('cases:none')}</span>,
    },
  ];
  const sorted = [...rows].sort((a, b) => a.requestedOn.localeCompare(b.requestedOn));
  return (
    <TableSection
      id={anchor('pendingApprovals')}
      title={t('oversight:supervision.pendingApprovals.title')}
      count={rows.length}
      hint={t('oversight:supervision.pendingApprovals.hint')}
      empty={t('oversight:supervision.pendingApprovals.empty')}
      columns={columns}
      rows={sorted}
      rowKey={(row) => row.requestId}
      rowTestId="approval-row"
    />
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
  const columns: Column<Supervision['withoutAssessment'][number]>[] = [
    { label: t('cases:fields.caseNumber'), cell: (row) => <CaseNumberLink item={row} /> },
    { label: t('oversight:columns.names'), cell: (row) => <CaseRefNames item={row} /> },
    {
      label: t('cases:fields.openedOn'),
      cell: (row) => (
        <DateWithNote
          date={row.openedOn}
          note={t('oversight:daysOpen', { count: Math.max(0, daysBetween(row.openedOn, today)) })}
        />
      ),
    },
  ];
  const sorted = [...rows].sort((a, b) => a.openedOn.localeCompare(b.openedOn));
  return (
    <TableSection
      id={anchor(listKey)}
      title={t(`oversight:supervision.${listKey}.title`)}
      count={rows.length}
      hint={t(`oversight:supervision.${listKey}.hint`)}
      empty={t(`oversight:supervision.${listKey}.empty`)}
      columns={columns}
      rows={sorted}
      rowKey={(row) => row.caseId}
      rowTestId={`${listKey}-row`}
    />
  );
}

function FacilitiesSection({ rows }: { rows: Supervision['facilities'] }) {
  const { t } = useTranslation();
  const columns: Column<Supervision['facilities'][number]>[] = [
    { label: t('oversight:facility.name'), cell: (row) => <Link to={`/facilities/${row.id}`}>{row.name}</Link> },
    { label: t('oversight:facility.careType'), cell: (row) => t(`codes:careType.${row.careType}`) },
    {
      label: t('oversight:facility.occupancy'),
      cell: (row) => <OccupancyBar occupancy={row.occupancy} capacity={row.capacity} />,
    },
  ];
  return (
    <TableSection
      id="supervision-facilities"
      title={t('oversight:supervision.facilities.title')}
      count={rows.length}
      empty={t('oversight:supervision.facilities.empty')}
      compact
      columns={columns}
      rows={rows}
      rowKey={(row) => row.id}
    />
  );
}
