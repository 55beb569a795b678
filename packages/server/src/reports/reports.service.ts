import { randomUUID } from 'node:crypto';
import { availableParallelism } from 'node:os';
import {
  assembleTable,
  BUILT_IN_REPORTS,
  DomainError,
  findBuiltInReport,
  findPlace,
  parseAgeBands,
  placeName,
  planTable,
  reportText,
  savedReportInputSchema,
  splitHeadingKey,
  type AgeBand,
  type CaseSummary,
  type DataLabels,
  type Language,
  type ReportDimension,
  type ReportDrilldownQuery,
  type ReportQueryDrilldown,
  type ReportPeriod,
  type ReportQuery,
  type ReportResult,
  type ReportRunQuery,
  type ReportTable,
  type BuiltInTable,
  type ReportBesideColumn,
  type SavedReport,
  type SavedReportInput,
  suppressSmallCells,
  caseSettingsSchema,
  OTHER_CASE_TYPES,
} from '@homeward/core';
import type { Kysely } from 'kysely';
import { appendAudit } from '../audit/audit.repository';
import type { Actor } from '../auth/actor';
import { asSeenBy, reachesOf, readCasesByIds } from '../cases/child-visibility';
import { toSummary, type Clock } from '../cases/cases.service';
import type { Database } from '../db/schema';
import { correctedAfterPeriod } from './report-corrections.repository';
import {
  casesBehind,
  countTable,
  deleteSavedReport,
  insertSavedReport,
  listSavedReports,
  namesOf,
  organisationForReports,
  savedReportNamed,
  settingsOfOrganisationsCounted,
  type ReportScope,
} from './reports.repository';
import { requirePermission } from '../access/require-permission';

/** At most this many cases are listed behind one number. */
const DRILLDOWN_LIMIT = 500;

/**
 * An NGO counts its own cases; a government department counts every organisation's cases in its province
 * (the whole country when it has none). Reports give such users counts only: the drilldown lists only cases
 * the user could open anyway.
 */
export async function scopeOf(
  db: Kysely<Database>,
  actor: Actor,
  lang: Language,
  onlyOrganisation: string | undefined,
): Promise<{ scope: ReportScope; label: string }> {
  const org = await organisationForReports(db, actor.organisationId);
  if (org.kind !== 'government')
    return { scope: { kind: 'organisation', organisationId: org.id, onlyOrganisation }, label: org.name };
  const province = org.province_code ? findPlace(org.province_code) : undefined;
  return {
    scope: { kind: 'province', provinceCode: org.province_code, onlyOrganisation },
    label: province
      ? reportText(lang, 'scope.province', { province: placeName(province, lang) })
      : reportText(lang, 'scope.country'),
  };
}

async function dataLabels(db: Kysely<Database>, lang: Language, keys: Map<ReportDimension, Set<string>>) {
  const labels: DataLabels = {};
  const tables = { organisation: 'organisation', facility: 'facility', worker: 'app_user' } as const;
  for (const [dimension, table] of Object.entries(tables) as [
    ReportDimension,
    (typeof tables)[keyof typeof tables],
  ][]) {
    const ids = [...(keys.get(dimension) ?? [])].filter((key) => key !== 'none');
    if (ids.length) labels[dimension] = await namesOf(db, table, ids);
  }
  const provinces = [...(keys.get('province') ?? [])];
  labels.province = new Map(
    provinces.map((code) => {
      const place = findPlace(code);
      return [code, place ? placeName(place, lang) : code];
    }),
  );
  return labels;
}

interface RunOptions {
  lang: Language;
  period: ReportPeriod;
  onlyOrganisation?: string | undefined;
  suppressBelow?: number | undefined;
  /** Planned numbers and notes a built-in report adds to one of its tables, once its counts are known. */
  extras?: (table: ReportTable) => Pick<ReportTable, 'targets' | 'notes'>;
}

function ageNote(lang: Language, table: BuiltInTable, period: ReportPeriod): string {
  if (table.ageAt !== 'fact_date') return reportText(lang, 'note.ageAt', { date: period.referenceDate });
  return reportText(lang, table.source === 'referral' ? 'note.ageAtReferral' : 'note.ageAtFact');
}

function standardNotes(lang: Language, table: BuiltInTable, period: ReportPeriod): string[] {
  const used = [...(table.rows ?? []), ...(table.columns ?? [])];
  const notes: string[] = [];
  if (used.includes('age_band')) notes.push(ageNote(lang, table, period));
  if (used.includes('compliance')) notes.push(reportText(lang, 'note.currentState'));
  if (table.beside?.some((beside) => beside.source === 'residence')) notes.push(reportText(lang, 'note.inShelter'));
  return notes;
}

/** At most the pool's ten connections; at least two, so one slow table does not hold up the rest. */
const REPORT_QUERIES_AT_ONCE = Math.min(10, Math.max(2, availableParallelism()));

/** `work` on every item, `atOnce` at a time, the results in the items' order. */
async function inTurn<T, R>(items: readonly T[], atOnce: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < items.length; i = next++) results[i] = await work(items[i] as T);
  };
  await Promise.all(Array.from({ length: Math.min(atOnce, items.length) }, worker));
  return results;
}

/**
 * How small a count an output hides: at least the floor set by each organisation whose cases it counts (5 unless
 * it set another), which a reader may raise but never lower. A department's figures are always anonymised; an
 * organisation's own only when asked.
 */
async function suppressionThreshold(
  db: Kysely<Database>,
  scope: ReportScope,
  asked: number | undefined,
): Promise<number | undefined> {
  if (scope.kind === 'organisation' && asked === undefined) return undefined;
  const settings = await settingsOfOrganisationsCounted(db, scope);
  const floors = settings.map((value) => caseSettingsSchema.parse(value).reportSuppressionFloor);
  const floor = floors.length ? Math.max(...floors) : caseSettingsSchema.parse({}).reportSuppressionFloor;
  return Math.max(floor, asked ?? 0);
}

/** The tables of a report, each beside column as a table of its own (rows only) until its counts are known. */
function expandBesides(definitions: readonly BuiltInTable[]): { table: BuiltInTable; besideOf: number | null }[] {
  return definitions.flatMap((definition, index) => [
    { table: definition, besideOf: null },
    ...(definition.beside ?? []).map((beside) => ({
      table: {
        id: `${definition.id ?? 'table'}--${beside.id}`,
        title: beside.title,
        source: beside.source,
        measure: beside.measure,
        rows: definition.rows ?? [],
      },
      besideOf: index,
    })),
  ]);
}

/** Each beside column's counts, once suppressed like any table, set in the table it stands beside. */
function foldBesides(
  tables: readonly ReportTable[],
  expanded: readonly { table: BuiltInTable; besideOf: number | null }[],
  definitions: readonly BuiltInTable[],
): ReportTable[] {
  const mains = tables.filter((_, i) => expanded[i]?.besideOf === null);
  return mains.map((table, index) => {
    const besides: ReportBesideColumn[] = (definitions[index]?.beside ?? []).map((beside) => {
      const counted = tables[expanded.findIndex((item) => item.table.id === `${table.id}--${beside.id}`)];
      if (!counted) throw new Error(`No counts for the column ${beside.id}.`);
      return {
        key: beside.id,
        label: counted.title,
        position: beside.position,
        counts: counted.rowTotals,
        total: counted.grandTotal,
      };
    });
    return { ...table, besides };
  });
}

async function runTables(
  db: Kysely<Database>,
  actor: Actor,
  clock: Clock,
  reportId: string,
  title: string,
  definitions: readonly BuiltInTable[],
  options: RunOptions,
): Promise<ReportResult> {
  requirePermission(actor, 'report.read');
  const { lang, period } = options;
  const { scope, label } = await scopeOf(db, actor, lang, options.onlyOrganisation);
  const expanded = expandBesides(definitions);
  const plans = expanded.map(({ table }) => planTable(table, period));
  // The tables are independent queries, each on one core (report-query settings in the repository): on a server
  // they run side by side, as many at once as there are cores, since more only take turns (docs/performance.md);
  // PGlite's single connection queues them anyway.
  const counted = await inTurn(plans, REPORT_QUERIES_AT_ONCE, async (plan) => ({
    plan,
    counts: await countTable(db, { plan, scope, today: clock.today() }),
  }));
  const keys = new Map<ReportDimension, Set<string>>();
  for (const { plan, counts } of counted) {
    const note = (dimensions: readonly ReportDimension[], key: string[] | null) =>
      key?.forEach((part, i) => {
        const dimension = dimensions[i] as ReportDimension;
        keys.set(dimension, (keys.get(dimension) ?? new Set()).add(part));
      });
    for (const count of counts) {
      note(plan.table.rows, count.row);
      note(plan.table.columns, count.column);
    }
  }
  const labels = await dataLabels(db, lang, keys);
  const tables = counted.map(({ plan, counts }, i) => {
    const table = assembleTable(plan, counts, lang, labels, {
      title: reportText(lang, plan.table.title),
      measureLabel: reportText(lang, `measure.${plan.table.measure}`),
      notes: standardNotes(lang, expanded[i]?.table ?? plan.table, period),
    });
    const extra = options.extras?.(table);
    return extra ? { ...table, targets: extra.targets, notes: [...table.notes, ...extra.notes] } : table;
  });
  const threshold = await suppressionThreshold(db, scope, options.suppressBelow);
  await appendAudit(db, {
    ...actor,
    action: 'report.run',
    detail: {
      reportId,
      from: period.from,
      to: period.to,
      tables: definitions.length,
      suppressBelow: threshold ?? null,
    },
  });
  const correctedLater = await correctedAfterPeriod(db, scope, period);
  const result: ReportResult = {
    reportId,
    title,
    language: lang,
    from: period.from,
    to: period.to,
    referenceDate: period.referenceDate,
    scopeLabel: label,
    generatedAt: new Date().toISOString(),
    suppressionThreshold: null,
    correctedLater,
    notices: [
      ...(period.to >= clock.today()
        ? [reportText(lang, 'note.periodNotEnded', { to: period.to, today: clock.today() })]
        : []),
      ...(correctedLater ? [reportText(lang, 'note.correctedLater')] : []),
    ],
    tables,
  };
  const shown = threshold ? suppressSmallCells(result, threshold) : result;
  return { ...shown, tables: foldBesides(shown.tables, expanded, definitions) };
}

function periodOf(
  query: { from: string; to: string; referenceDate?: string | undefined },
  ageBands: AgeBand[],
): ReportPeriod {
  return { from: query.from, to: query.to, referenceDate: query.referenceDate ?? query.to, ageBands };
}

/** The planned numbers of the built-in reports: referrals per case type, and the alternative-care target. */
function builtInExtras(lang: Language, query: ReportRunQuery) {
  return (table: ReportTable): Pick<ReportTable, 'targets' | 'notes'> => {
    if (table.id === 'referrals-by-case-type' && query.planned !== undefined) {
      return {
        // Planned per case type of the donor's list; "other case types" were never planned.
        targets: table.rows
          .filter((row) => row.key !== OTHER_CASE_TYPES)
          .map((row) => ({ rowKey: row.key, columnKey: null, value: query.planned ?? 0 })),
        notes: [reportText(lang, 'note.planned', { planned: query.planned })],
      };
    }
    if (table.id === 'progress-by-facility') {
      const percent = query.targetPercent ?? 30;
      const total = table.grandTotal ?? 0;
      const target = Math.ceil((total * percent) / 100);
      return {
        targets: [{ rowKey: null, columnKey: 'reintegrated', value: target }],
        notes: [reportText(lang, 'note.target', { percent, total, target })],
      };
    }
    return { targets: table.targets, notes: [] };
  };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A built-in report by its id, or one of the organisation's saved reports by its uuid. */
async function definitionOf(db: Kysely<Database>, actor: Actor, id: string, lang: Language) {
  const builtIn = findBuiltInReport(id);
  if (builtIn) return { title: reportText(lang, `report.${id}.title`), tables: builtIn.tables, ageBands: undefined };
  const saved = UUID.test(id) ? (await listSavedReports(db, actor.organisationId)).find((r) => r.id === id) : undefined;
  if (!saved) throw new DomainError('not_found', 'No report with this id.', [], 'not_found');
  return { title: saved.name, tables: saved.tables, ageBands: saved.ageBands };
}

export async function runReport(
  db: Kysely<Database>,
  actor: Actor,
  clock: Clock,
  id: string,
  query: ReportRunQuery,
): Promise<ReportResult> {
  requirePermission(actor, 'report.read');
  const report = await definitionOf(db, actor, id, query.lang);
  const ageBands = query.ageBands ? parseAgeBands(query.ageBands) : (report.ageBands ?? parseAgeBands(undefined));
  return runTables(db, actor, clock, id, report.title, report.tables, {
    lang: query.lang,
    period: periodOf(query, ageBands),
    onlyOrganisation: query.organisation,
    suppressBelow: query.suppressBelow,
    extras: builtInExtras(query.lang, query),
  });
}

export async function runAdHoc(db: Kysely<Database>, actor: Actor, clock: Clock, query: ReportQuery) {
  const period = periodOf(query, query.ageBands ?? parseAgeBands(undefined));
  return runTables(db, actor, clock, 'query', query.table.title, [query.table], { lang: query.lang, period });
}

export async function listReports(db: Kysely<Database>, actor: Actor, lang: Language) {
  requirePermission(actor, 'report.read');
  const saved = await listSavedReports(db, actor.organisationId);
  return {
    items: [
      ...BUILT_IN_REPORTS.map((report) => ({
        id: report.id,
        title: reportText(lang, `report.${report.id}.title`),
        description: reportText(lang, `report.${report.id}.description`),
        builtIn: true,
      })),
      ...saved.map((report) => ({
        id: report.id,
        title: report.name,
        description: reportText(lang, 'savedReport'),
        builtIn: false,
      })),
    ],
  };
}

/** The cases counted in one cell (or a row's, a column's or the grand total), read through the cases repository. */
export async function drilldown(
  db: Kysely<Database>,
  actor: Actor,
  clock: Clock,
  query: ReportDrilldownQuery,
): Promise<CaseSummary[]> {
  requirePermission(actor, 'report.read');
  requirePermission(actor, 'case.read');
  const report = await definitionOf(db, actor, query.report, query.lang);
  const definition = report.tables.find((table) => (table.id ?? 'table') === query.table);
  if (!definition) throw new DomainError('not_found', 'No such table in this report.', [], 'not_found');
  const ageBands = query.ageBands ? parseAgeBands(query.ageBands) : (report.ageBands ?? parseAgeBands(undefined));
  return casesInNumber(db, actor, clock, planTable(definition, periodOf(query, ageBands)), query);
}

/** The same for a table of the pivot builder that has not been saved: its definition comes with the question. */
export async function drilldownAdHoc(
  db: Kysely<Database>,
  actor: Actor,
  clock: Clock,
  query: ReportQueryDrilldown,
): Promise<CaseSummary[]> {
  requirePermission(actor, 'report.read');
  requirePermission(actor, 'case.read');
  const period = periodOf(query, query.ageBands ?? parseAgeBands(undefined));
  return casesInNumber(db, actor, clock, planTable(query.table, period), query);
}

async function casesInNumber(
  db: Kysely<Database>,
  actor: Actor,
  clock: Clock,
  plan: ReturnType<typeof planTable>,
  keys: { rowKey?: string | undefined; columnKey?: string | undefined; lang: Language },
): Promise<CaseSummary[]> {
  const held: Partial<Record<ReportDimension, string>> = {};
  for (const [dimensions, key] of [
    [plan.table.rows, keys.rowKey],
    [plan.table.columns, keys.columnKey],
  ] as const) {
    splitHeadingKey(key, dimensions)?.forEach((value, i) => (held[dimensions[i] as ReportDimension] = value));
  }
  const { scope } = await scopeOf(db, actor, keys.lang, undefined);
  const ids = await casesBehind(db, { plan, scope, today: clock.today() }, held, DRILLDOWN_LIMIT);
  const rows = await readCasesByIds(db, actor, ids, 'report.drilldown');
  const reaches = await reachesOf(db, actor, rows);
  return rows.map((row) => asSeenBy(actor, toSummary(row), reaches.get(row.id)));
}

export async function saveReport(db: Kysely<Database>, actor: Actor, input: SavedReportInput): Promise<SavedReport> {
  requirePermission(actor, 'report.manage');
  const parsed = savedReportInputSchema.parse(input);
  // Each table is checked against the catalogue now, so a saved report always runs.
  for (const table of parsed.tables)
    planTable(table, { from: '2000-01-01', to: '2000-01-01', referenceDate: '2000-01-01', ageBands: [] });
  if (await savedReportNamed(db, actor.organisationId, parsed.name))
    throw new DomainError(
      'conflict',
      'A saved report already has this name.',
      [{ field: 'name', message: 'A saved report already has this name.' }],
      'name_taken',
    );
  const id = randomUUID();
  await insertSavedReport(db, actor.organisationId, actor.userId, id, parsed);
  await appendAudit(db, { ...actor, action: 'report.save', detail: { reportId: id } });
  const saved = (await listSavedReports(db, actor.organisationId)).find((report) => report.id === id);
  if (!saved) throw new Error('A saved report was not read back.');
  return saved;
}

export async function savedReports(db: Kysely<Database>, actor: Actor): Promise<SavedReport[]> {
  requirePermission(actor, 'report.read');
  return listSavedReports(db, actor.organisationId);
}

export async function removeSavedReport(db: Kysely<Database>, actor: Actor, id: string): Promise<void> {
  requirePermission(actor, 'report.manage');
  if (!(await deleteSavedReport(db, actor.organisationId, id)))
    throw new DomainError('not_found', 'No saved report with this id.', [], 'not_found');
  await appendAudit(db, { ...actor, action: 'report.delete', detail: { reportId: id } });
}
