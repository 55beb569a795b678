import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Navigate, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import {
  can,
  DIMENSION_HEADINGS,
  REPORT_SOURCES,
  SOURCE_DIMENSIONS,
  type ReportDimension,
  type ReportSource,
} from '@homeward/core';
import { isApiError } from '../api/http';
import { useAdHocDrilldown, useRunAdHocReport, useSaveReport } from '../api/reports.resource';
import { useUser } from '../auth/user-context';
import { CheckboxGroup, RadioGroup } from '../forms/choice-group.component';
import { Field } from '../forms/field.component';
import { FormAlert } from '../forms/form-alert.component';
import { requestErrorMessage, type Message } from '../forms/messages';
import { localToday } from '../text/dates';
import { useDocumentTitle } from '../text/use-document-title';
import { useLanguage } from '../text/use-language';
import { PeriodPicker } from './period-picker.component';
import {
  EMPTY_PIVOT,
  filterableDimensions,
  measuresOf,
  tableDefinition,
  withSource,
  type PercentOf,
  type PivotDraft,
} from './pivot-draft';
import { lastFullQuarter } from './report-period';
import { ChosenNumber, DrilldownCases } from './drilldown-cases.component';
import { ReportTableView, type DrillKeys } from './report-table.component';
import { LoadingState, RequestErrorState } from '../layout/states.component';

/** Two dimensions at most on each side: a third makes a table no one reads on paper. */
const SIDE_SLOTS = [0, 1] as const;

/** The pivot builder: compose a table, run it for a period, and save it for the whole organisation. */
export function PivotBuilderPage() {
  const { t } = useTranslation();
  const user = useUser();
  const language = useLanguage();
  const navigate = useNavigate();
  useDocumentTitle(t('reports:screen.pivot.title'));
  const [draft, setDraft] = useState<PivotDraft>(EMPTY_PIVOT);
  const [period, setPeriod] = useState(() => {
    const { from, to } = lastFullQuarter(localToday());
    return { from, to };
  });
  const [name, setName] = useState('');
  const [nameError, setNameError] = useState<Message | undefined>();
  const runQuery = useRunAdHocReport();
  const drilldown = useAdHocDrilldown();
  const [drilled, setDrilled] = useState<DrillKeys | null>(null);
  const drilldownRef = useRef<HTMLElement>(null);
  // The list opens below a table that may fill the screen: bring it into view once its cases have come.
  useEffect(() => {
    if (drilldown.data) drilldownRef.current?.scrollIntoView({ block: 'start' });
  }, [drilldown.data]);
  const save = useSaveReport();
  if (!can(user.access, 'report.read')) return <Navigate to="/cases" replace />;

  const dimensions = SOURCE_DIMENSIONS[draft.source];
  const change = (next: Partial<PivotDraft>) => setDraft({ ...draft, ...next });
  const setSide = (side: 'rows' | 'columns', slot: number, value: string) => {
    const list = [...draft[side]];
    if (value === '') list.splice(slot, 1);
    else list[slot] = value as ReportDimension;
    change({ [side]: list });
  };

  const run = (event: FormEvent) => {
    event.preventDefault();
    setDrilled(null);
    drilldown.reset();
    runQuery.mutate({
      from: period.from,
      to: period.to,
      lang: language,
      table: tableDefinition(draft, name.trim() || t('reports:screen.pivot.untitled')),
    });
  };

  const store = (event: FormEvent) => {
    event.preventDefault();
    const title = name.trim();
    if (!title) return setNameError({ key: 'reports:screen.pivot.nameRequired' });
    setNameError(undefined);
    save.mutate(
      { name: title, tables: [tableDefinition(draft, title)] },
      {
        onSuccess: (saved) => {
          const search = new URLSearchParams({ from: period.from, to: period.to, lang: language });
          void navigate(`/reports/${saved.id}?${search.toString()}`);
        },
        onError: (error) => {
          if (isApiError(error) && error.code === 'name_taken') setNameError({ key: 'reports:screen.pivot.nameTaken' });
        },
      },
    );
  };
  // The table on screen is the one last run, whatever the form holds since: its numbers drill down as they stand.
  const ran = runQuery.variables;
  const drillable = ran && can(user.access, 'case.read');
  const drill = (keys: DrillKeys) => {
    if (!ran) return;
    setDrilled(keys);
    drilldown.mutate({ ...ran, ...keys });
  };
  const saveFailure = save.error && !(isApiError(save.error) && save.error.code === 'name_taken') ? save.error : null;

  return (
    <section className="page pivot">
      <h1>{t('reports:screen.pivot.title')}</h1>
      <p className="lead">{t('reports:screen.pivot.intro')}</p>
      <form className="form-section pivot__form" onSubmit={run} data-testid="pivot-form">
        <div className="report-options__grid">
          <div className="field">
            <label htmlFor="pivot-source">{t('reports:screen.pivot.source')}</label>
            <select
              id="pivot-source"
              value={draft.source}
              onChange={(event) => setDraft(withSource(draft, event.target.value as ReportSource))}
            >
              {REPORT_SOURCES.map((source) => (
                <option key={source} value={source}>
                  {t(`reports:screen.source.${source}`)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="pivot-measure">{t('reports:screen.pivot.measure')}</label>
            <select
              id="pivot-measure"
              value={draft.measure}
              onChange={(event) => change({ measure: event.target.value as PivotDraft['measure'] })}
            >
              {measuresOf(draft.source).map((measure) => (
                <option key={measure} value={measure}>
                  {t(`reports:measure.${measure}`)}
                </option>
              ))}
            </select>
          </div>
        </div>
        <div className="report-options__grid">
          {(['rows', 'columns'] as const).map((side) =>
            SIDE_SLOTS.map((slot) => {
              // The second slot opens once the first is chosen; a dimension is used once in the whole table.
              if (slot > draft[side].length) return null;
              const current = draft[side][slot] ?? '';
              const used = [...draft.rows, ...draft.columns].filter((dimension) => dimension !== current);
              return (
                <div className="field" key={`${side}-${slot}`}>
                  <label htmlFor={`pivot-${side}-${slot}`}>{t(`reports:screen.pivot.${side}`, { n: slot + 1 })}</label>
                  <select
                    id={`pivot-${side}-${slot}`}
                    value={current}
                    onChange={(event) => setSide(side, slot, event.target.value)}
                  >
                    <option value="">{t('reports:screen.pivot.noDimension')}</option>
                    {dimensions
                      .filter((dimension) => !used.includes(dimension))
                      .map((dimension) => (
                        <option key={dimension} value={dimension}>
                          {t(`reports:dimension.${dimension}`)}
                        </option>
                      ))}
                  </select>
                </div>
              );
            }),
          )}
        </div>
        <PivotFilters draft={draft} onChange={(filters) => change({ filters })} />
        <RadioGroup<PercentOf | 'none'>
          id="pivot-percent"
          name="percentOf"
          legend={t('reports:screen.pivot.percentOf')}
          className="choice-group--inline"
          value={draft.percentOf ?? 'none'}
          onChange={(value) => change({ percentOf: value === 'none' ? null : value })}
          choices={(['none', 'row', 'column', 'total'] as const).map((value) => ({
            value,
            label: t(`reports:screen.pivot.percent.${value}`),
          }))}
        />
        <PeriodPicker idPrefix="pivot" from={period.from} to={period.to} onChange={setPeriod} />
        <div className="form__actions">
          <button
            type="submit"
            className="button button--primary"
            disabled={runQuery.isPending}
            data-testid="pivot-run"
          >
            {t('reports:screen.pivot.run')}
          </button>
        </div>
        <FormAlert message={runQuery.error ? requestErrorMessage(runQuery.error) : null} />
      </form>
      {runQuery.data?.tables.map((table) => (
        <div key={table.id} lang={runQuery.data.language} data-testid="pivot-result">
          <ReportTableView table={table} onDrill={drillable ? drill : undefined} />
          {drillable ? <p className="field__hint">{t('reports:screen.pivot.drillHint')}</p> : null}
          {drilled ? (
            <section ref={drilldownRef} className="pivot__drilldown" aria-live="polite" data-testid="pivot-drilldown">
              <h2 className="form-section__title">{t('reports:screen.drilldown.title')}</h2>
              <ChosenNumber table={table} rowKey={drilled.rowKey ?? null} columnKey={drilled.columnKey ?? null} />
              {drilldown.isPending ? <LoadingState /> : null}
              {drilldown.error ? <RequestErrorState error={drilldown.error} onRetry={() => drill(drilled)} /> : null}
              {drilldown.data ? <DrilldownCases items={drilldown.data.items} /> : null}
            </section>
          ) : null}
        </div>
      ))}
      {can(user.access, 'report.manage') ? (
        <form className="form-section pivot__save" onSubmit={store} noValidate data-testid="pivot-save">
          <h2 className="form-section__title">{t('reports:screen.pivot.saveTitle')}</h2>
          <p className="field__hint">{t('reports:screen.pivot.saveHint')}</p>
          <Field id="pivot-name" name="name" label={t('reports:screen.pivot.name')} error={nameError} required>
            {(control) => (
              <input
                {...control}
                type="text"
                maxLength={160}
                value={name}
                onChange={(event) => setName(event.target.value)}
              />
            )}
          </Field>
          <div className="form__actions">
            <button type="submit" className="button" disabled={save.isPending} data-testid="pivot-save-button">
              {t('reports:screen.pivot.save')}
            </button>
          </div>
          <FormAlert message={saveFailure ? requestErrorMessage(saveFailure) : null} />
        </form>
      ) : null}
    </section>
  );
}

/** Filters by the values of code-list dimensions: one group of boxes per dimension added. */
function PivotFilters({ draft, onChange }: { draft: PivotDraft; onChange: (filters: PivotDraft['filters']) => void }) {
  const { t } = useTranslation();
  const chosen = Object.keys(draft.filters) as ReportDimension[];
  const available = filterableDimensions(draft.source).filter((dimension) => !chosen.includes(dimension));
  return (
    <fieldset className="pivot__filters">
      <legend>{t('reports:screen.pivot.filters')}</legend>
      <p className="field__hint">{t('reports:screen.pivot.filtersHint')}</p>
      {chosen.map((dimension) => (
        <div key={dimension} className="pivot__filter" data-filter={dimension}>
          <CheckboxGroup
            id={`pivot-filter-${dimension}`}
            name={`filters.${dimension}`}
            legend={t(`reports:dimension.${dimension}`)}
            className="choice-group--columns"
            values={draft.filters[dimension] ?? []}
            onChange={(values) => onChange({ ...draft.filters, [dimension]: values })}
            choices={codesOf(dimension).map((code) => ({ value: code, label: codeLabel(t, dimension, code) }))}
          />
          <button
            type="button"
            className="button button--quiet button--small"
            onClick={() =>
              onChange(Object.fromEntries(Object.entries(draft.filters).filter(([key]) => key !== dimension)))
            }
          >
            {t('reports:screen.pivot.removeFilter')}
          </button>
        </div>
      ))}
      {available.length > 0 ? (
        <div className="field field--short">
          <label htmlFor="pivot-add-filter">{t('reports:screen.pivot.addFilter')}</label>
          <select
            id="pivot-add-filter"
            value=""
            onChange={(event) => event.target.value && onChange({ ...draft.filters, [event.target.value]: [] })}
          >
            <option value="">{t('reports:screen.pivot.noDimension')}</option>
            {available.map((dimension) => (
              <option key={dimension} value={dimension}>
                {t(`reports:dimension.${dimension}`)}
              </option>
            ))}
          </select>
        </div>
      ) : null}
    </fieldset>
  );
}

function codesOf(dimension: ReportDimension): readonly string[] {
  const headings = DIMENSION_HEADINGS[dimension];
  return headings.kind === 'codes' ? headings.codes : [];
}

function codeLabel(t: TFunction, dimension: ReportDimension, code: string): string {
  const headings = DIMENSION_HEADINGS[dimension];
  return headings.kind === 'codes' ? t(`${headings.namespace}:${headings.group}.${code}`) : code;
}
