import { performance } from 'node:perf_hooks';
import {
  BUILT_IN_REPORTS,
  REPORT_CASE_TYPES,
  findBuiltInReport,
  parseAgeBands,
  planTable,
  reportRunQuerySchema,
  type CellCount,
  type Role,
} from '@homeward/core';
import { sql, type Kysely } from 'kysely';
import { actorOf } from '../packages/server/src/auth/actor';
import type { Database } from '../packages/server/src/db/schema';
import { countTable, type ReportScope } from '../packages/server/src/reports/reports.repository';
import { runReport } from '../packages/server/src/reports/reports.service';
import { BENCH_PERIOD, BENCH_TODAY, DEPARTMENT_PROVINCE } from './dataset-plan';
import type { Dataset } from './generate-dataset';

/**
 * Times each built-in report as a user runs it (service, SQL, headings, audit entry) for an NGO, the department
 * of a province and the ministry (the whole country), and the quarterly report's main table against the one
 * query a person would write by hand for it.
 */
export interface ReportTiming {
  report: string;
  scope: string;
  ms: number;
}

const clock = { today: () => BENCH_TODAY };

/** The median of `runs` timed runs after one untimed warm-up run. */
async function median(runs: number, action: () => Promise<unknown>): Promise<number> {
  await action();
  const times: number[] = [];
  for (let run = 0; run < runs; run += 1) {
    const started = performance.now();
    await action();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)] ?? 0;
}

interface Scope {
  label: string;
  organisationId: string;
  scope: ReportScope;
}

function scopesOf(dataset: Dataset): Scope[] {
  return [
    {
      label: 'one NGO',
      organisationId: dataset.ngo,
      scope: { kind: 'organisation', organisationId: dataset.ngo },
    },
    {
      label: 'department (province)',
      organisationId: dataset.department,
      scope: { kind: 'province', provinceCode: DEPARTMENT_PROVINCE },
    },
    { label: 'ministry (country)', organisationId: dataset.ministry, scope: { kind: 'province', provinceCode: null } },
  ];
}

async function actorFor(db: Kysely<Database>, organisationId: string) {
  const user = await db
    .selectFrom('app_user')
    .select(['id', 'roles'])
    .where('organisation_id', '=', organisationId)
    .where(sql<boolean>`roles && array['me_officer', 'government_officer']`)
    .executeTakeFirstOrThrow();
  return actorOf({ userId: user.id, organisationId, roles: user.roles as Role[] });
}

/** Referrals per month by case type, with the row, column and grand totals as distinct children. */
async function handWritten(db: Kysely<Database>, scope: ReportScope): Promise<CellCount[]> {
  const where =
    scope.kind === 'organisation'
      ? sql`e.organisation_id = ${scope.organisationId}`
      : scope.provinceCode === null
        ? sql`true`
        : sql`(left(c.village_code, 2) = ${scope.provinceCode}
            or c.organisation_id in (select id from organisation where province_code = ${scope.provinceCode}))`;
  const result = await sql<{ case_type: string | null; month: string | null; n: number }>`
    select case when t.case_type in (${sql.join([...REPORT_CASE_TYPES])}) then t.case_type else 'other' end as case_type,
      to_char(e.occurred_on, 'YYYY-MM') as month, count(distinct coalesce(c.child_key, c.id))::int as n
    from case_event e
    join child_case c on c.id = e.case_id
    cross join unnest(c.case_types) as t(case_type)
    where e.type = 'intake' and e.occurred_on between ${BENCH_PERIOD.from} and ${BENCH_PERIOD.to} and ${where}
      and not exists (select 1 from case_event s where s.supersedes = e.id)
    group by grouping sets ((1, 2), (1), (2), ())`.execute(db);
  return result.rows.map((row) => ({
    row: row.case_type === null ? null : [row.case_type],
    column: row.month === null ? null : [row.month],
    n: row.n,
  }));
}

const sameCounts = (a: CellCount[], b: CellCount[]) => {
  const key = (cells: CellCount[]) =>
    cells
      .map((cell) => `${cell.row?.join('/') ?? '*'}|${cell.column?.join('/') ?? '*'}=${cell.n}`)
      .sort()
      .join(';');
  return key(a) === key(b);
};

export async function timeReports(
  db: Kysely<Database>,
  dataset: Dataset,
  runs: number,
  log: (line: string) => void,
): Promise<ReportTiming[]> {
  const timings: ReportTiming[] = [];
  const query = reportRunQuerySchema.parse({ ...BENCH_PERIOD, lang: 'en' });
  const mainTable = findBuiltInReport('shelter-quarterly')?.tables[0];
  if (!mainTable) throw new Error('The quarterly report has no tables.');
  const plan = planTable(mainTable, {
    ...BENCH_PERIOD,
    referenceDate: BENCH_PERIOD.to,
    ageBands: parseAgeBands(undefined),
  });
  for (const scope of scopesOf(dataset)) {
    const actor = await actorFor(db, scope.organisationId);
    for (const report of BUILT_IN_REPORTS) {
      const ms = await median(runs, () => runReport(db, actor, clock, report.id, query));
      timings.push({ report: report.id, scope: scope.label, ms });
      log(`  ${report.id.padEnd(28)} ${scope.label.padEnd(22)} ${ms.toFixed(0).padStart(7)} ms`);
    }
    const context = { plan, scope: scope.scope, today: BENCH_TODAY };
    const [engine, byHand] = [await countTable(db, context), await handWritten(db, scope.scope)];
    if (!sameCounts(engine, byHand))
      throw new Error(`The hand-written query disagrees with the engine (${scope.label}).`);
    const engineMs = await median(runs, () => countTable(db, context));
    const byHandMs = await median(runs, () => handWritten(db, scope.scope));
    timings.push({ report: 'referrals table (engine)', scope: scope.label, ms: engineMs });
    timings.push({ report: 'referrals table (by hand)', scope: scope.label, ms: byHandMs });
    log(
      `  ${'referrals by case type'.padEnd(28)} ${scope.label.padEnd(22)} engine ${engineMs.toFixed(1)} ms, ` +
        `by hand ${byHandMs.toFixed(1)} ms: ${(engineMs / byHandMs).toFixed(2)}x (same ${engine.length} counts)`,
    );
  }
  return timings;
}
