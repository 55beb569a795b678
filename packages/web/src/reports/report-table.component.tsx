import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { ReportBesideColumn, ReportTable } from '@homeward/core';
import { cellKey, cellShare, percent, targetsOf, totalShare } from './report-numbers';

/** The keys of the number chosen: a cell has both, a row's or column's total one, the grand total none. */
export interface DrillKeys {
  rowKey?: string;
  columnKey?: string;
}

/** What choosing a number does: open the page of its cases, or show them here (a table not saved yet). */
type DrillAction = { href: string } | { onClick: () => void };

interface ReportTableViewProps {
  table: ReportTable;
  /** Where a number leads to the cases behind it; numbers are plain text without this or `onDrill`. */
  drillHref?: ((keys: DrillKeys) => string) | undefined;
  onDrill?: ((keys: DrillKeys) => void) | undefined;
}

/**
 * One table of a report: headings, counts with their share, row and column totals, planned numbers beside what
 * was done, notes. The totals are the server's (a child in two columns is one child in the total), never sums.
 */
export function ReportTableView({ table, drillHref, onDrill }: ReportTableViewProps) {
  const { t } = useTranslation();
  const hasRows = table.rowDimension !== null;
  const hasColumns = table.columnDimension !== null;
  const targets = targetsOf(table);
  const rowTargets = targets.byRow.size > 0;
  const columnTargets = targets.byColumn.size > 0;
  const suppressed = [...table.cells.flat(), ...table.rowTotals, ...table.columnTotals, table.grandTotal].some(
    (count) => count === null,
  );
  const rowKeyOf = (r: number) => (hasRows ? table.rows[r]?.key : undefined);
  const columnKeyOf = (c: number) => (hasColumns ? table.columns[c]?.key : undefined);
  const drill = (rowKey: string | undefined, columnKey: string | undefined): DrillAction | undefined => {
    const keys = { ...(rowKey === undefined ? {} : { rowKey }), ...(columnKey === undefined ? {} : { columnKey }) };
    if (drillHref) return { href: drillHref(keys) };
    return onDrill ? { onClick: () => onDrill(keys) } : undefined;
  };
  const corner = [table.rowDimensionLabel, table.columnDimensionLabel].filter(Boolean).join(' \\ ');
  const groups = columnGroups(table);
  const headerRows = groups ? 2 : 1;
  // A total that is not the sum of its lines says so; the notes under the table say why.
  const totalLabel = (overlaps: boolean) =>
    t(overlaps ? 'reports:screen.table.totalOnce' : 'reports:screen.table.total');
  const before = table.besides.filter((beside) => beside.position === 'before');
  const after = table.besides.filter((beside) => beside.position === 'after');
  const besideHeads = (list: ReportBesideColumn[]) =>
    list.map((beside) => (
      <th key={beside.key} scope="col" rowSpan={headerRows} className="report-grid__number report-grid__beside">
        {beside.label}
      </th>
    ));
  const besideCells = (list: ReportBesideColumn[], r: number | 'total') =>
    list.map((beside) => (
      <td key={beside.key} className="report-grid__number report-grid__beside" data-column={beside.key}>
        <Count value={r === 'total' ? beside.total : (beside.counts[r] ?? null)} share={null} drill={undefined} />
      </td>
    ));

  return (
    <section
      className="report-table"
      aria-labelledby={`table-${table.id}`}
      data-testid="report-table"
      data-table={table.id}
    >
      <h2 id={`table-${table.id}`}>{table.title}</h2>
      <div className="report-table__scroll">
        <table className="report-grid">
          <thead>
            <tr>
              <th scope="col" rowSpan={headerRows} className="report-grid__corner">
                {corner || table.measureLabel}
              </th>
              {besideHeads(before)}
              {groups
                ? groups.map((group) => (
                    <th key={group.key} scope="colgroup" colSpan={group.span} className="report-grid__group">
                      {group.label}
                    </th>
                  ))
                : table.columns.map((column) => (
                    <th key={column.key} scope="col" className="report-grid__number">
                      {column.label}
                    </th>
                  ))}
              {hasColumns ? (
                <th scope="col" rowSpan={headerRows} className="report-grid__number report-grid__total">
                  {totalLabel(table.columnsOverlap)}
                </th>
              ) : null}
              {besideHeads(after)}
              {rowTargets ? (
                <>
                  <th scope="col" rowSpan={headerRows} className="report-grid__number">
                    {t('reports:screen.table.planned')}
                  </th>
                  <th scope="col" rowSpan={headerRows} className="report-grid__number">
                    {t('reports:screen.table.achieved')}
                  </th>
                </>
              ) : null}
            </tr>
            {groups ? (
              <tr>
                {table.columns.map((column) => (
                  <th key={column.key} scope="col" className="report-grid__number">
                    {innerLabel(column.label)}
                  </th>
                ))}
              </tr>
            ) : null}
          </thead>
          <tbody>
            {table.rows.map((row, r) => {
              const planned = targets.byRow.get(row.key);
              const rowTotal = table.rowTotals[r] ?? null;
              return (
                <tr key={row.key} data-row={row.key}>
                  <th scope="row">{hasRows ? row.label : table.measureLabel}</th>
                  {besideCells(before, r)}
                  {table.columns.map((column, c) => (
                    <td key={column.key} className="report-grid__number" data-column={column.key}>
                      <Count
                        value={table.cells[r]?.[c] ?? null}
                        share={cellShare(table, r, c)}
                        target={targets.byCell.get(cellKey(row.key, column.key))}
                        drill={drill(rowKeyOf(r), columnKeyOf(c))}
                      />
                    </td>
                  ))}
                  {hasColumns ? (
                    <td className="report-grid__number report-grid__total" data-column="total">
                      <Count
                        value={rowTotal}
                        share={totalShare(table, 'row', rowTotal)}
                        drill={drill(rowKeyOf(r), undefined)}
                      />
                    </td>
                  ) : null}
                  {besideCells(after, r)}
                  {rowTargets ? <TargetCells done={rowTotal} planned={planned} /> : null}
                </tr>
              );
            })}
          </tbody>
          {hasRows ? (
            <tfoot>
              <tr data-row="total">
                <th scope="row">{totalLabel(table.rowsOverlap)}</th>
                {besideCells(before, 'total')}
                {table.columns.map((column, c) => {
                  const total = table.columnTotals[c] ?? null;
                  return (
                    <td key={column.key} className="report-grid__number" data-column={column.key}>
                      <Count
                        value={total}
                        share={totalShare(table, 'column', total)}
                        drill={drill(undefined, columnKeyOf(c))}
                      />
                    </td>
                  );
                })}
                {hasColumns ? (
                  <td className="report-grid__number report-grid__total" data-column="total" data-testid="grand-total">
                    <Count value={table.grandTotal} share={null} drill={drill(undefined, undefined)} />
                  </td>
                ) : null}
                {besideCells(after, 'total')}
                {rowTargets ? (
                  <TargetCells
                    done={null}
                    planned={[...targets.byRow.values()].reduce((sum, value) => sum + value, 0)}
                  />
                ) : null}
              </tr>
              {columnTargets ? (
                <>
                  <tr className="report-grid__target-row">
                    <th scope="row">{t('reports:screen.table.target')}</th>
                    {before.map((beside) => (
                      <td key={beside.key} />
                    ))}
                    {table.columns.map((column) => (
                      <td key={column.key} className="report-grid__number">
                        {targets.byColumn.get(column.key) ?? ''}
                      </td>
                    ))}
                    {hasColumns ? <td /> : null}
                    {after.map((beside) => (
                      <td key={beside.key} />
                    ))}
                  </tr>
                  <tr className="report-grid__target-row">
                    <th scope="row">{t('reports:screen.table.achieved')}</th>
                    {before.map((beside) => (
                      <td key={beside.key} />
                    ))}
                    {table.columns.map((column, c) => {
                      const share = percent(table.columnTotals[c] ?? null, targets.byColumn.get(column.key) ?? null);
                      return (
                        <td key={column.key} className="report-grid__number" data-testid="target-achieved">
                          {share === null ? '' : <Achieved share={share} />}
                        </td>
                      );
                    })}
                    {hasColumns ? <td /> : null}
                    {after.map((beside) => (
                      <td key={beside.key} />
                    ))}
                  </tr>
                </>
              ) : null}
            </tfoot>
          ) : null}
        </table>
      </div>
      {table.notes.length > 0 || suppressed ? (
        <ul className="report-table__notes">
          {suppressed ? <li>{t('reports:screen.table.suppressedNote')}</li> : null}
          {table.notes.map((note) => (
            <li key={note}>{note}</li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}

/** The server joins the labels of two dimensions with this, and their keys with `|`. */
const LABEL_SEPARATOR = ' · ';

const innerLabel = (label: string) => label.split(LABEL_SEPARATOR).slice(1).join(LABEL_SEPARATOR) || label;

/**
 * With two column dimensions the first is a heading over its group of columns (a case type over its Female,
 * Male and Other), as the paper reports print it; null with one dimension or none.
 */
function columnGroups(table: ReportTable): { key: string; label: string; span: number }[] | null {
  if (!table.columnDimension?.includes('+')) return null;
  const groups: { key: string; label: string; span: number }[] = [];
  for (const column of table.columns) {
    const key = column.key.split('|')[0] ?? column.key;
    const last = groups.at(-1);
    if (last?.key === key) last.span += 1;
    else groups.push({ key, label: column.label.split(LABEL_SEPARATOR)[0] ?? column.label, span: 1 });
  }
  return groups;
}

interface CountProps {
  value: number | null;
  share: number | null;
  target?: number | undefined;
  drill: DrillAction | undefined;
}

/** A count (or "*" where it is hidden), its share, and a link to the cases behind it when there are any. */
function Count({ value, share, target, drill }: CountProps) {
  const { t } = useTranslation();
  if (value === null)
    return (
      <span className="report-count report-count--hidden" title={t('reports:screen.table.suppressed')}>
        *
      </span>
    );
  const number =
    drill && value > 0 ? (
      'href' in drill ? (
        <Link to={drill.href} className="report-count report-count--link" data-testid="report-count">
          {value}
        </Link>
      ) : (
        <button
          type="button"
          className="report-count report-count--link report-count--button"
          onClick={drill.onClick}
          data-testid="report-count"
        >
          {value}
        </button>
      )
    ) : (
      <span className="report-count">{value}</span>
    );
  return (
    <>
      {number}
      {share === null || value === 0 ? null : <span className="report-share">{` (${share} %)`}</span>}
      {target === undefined ? null : <span className="report-share">{` / ${target}`}</span>}
    </>
  );
}

function TargetCells({ done, planned }: { done: number | null; planned: number | undefined }) {
  const share = done === null || planned === undefined ? null : percent(done, planned);
  return (
    <>
      <td className="report-grid__number">{planned ?? ''}</td>
      <td className="report-grid__number" data-testid="target-achieved">
        {share === null ? '' : <Achieved share={share} />}
      </td>
    </>
  );
}

function Achieved({ share }: { share: number }) {
  return <span className={share >= 100 ? 'achieved achieved--met' : 'achieved'}>{`${share} %`}</span>;
}
