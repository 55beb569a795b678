import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Link, Navigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { can, LIFE_SKILLS_TOPICS, type CaseSummary } from '@homeward/core';
import { useAttendanceCases, useRecordGroupActivity } from '../api/group-activities.resource';
import { useUser } from '../auth/user-context';
import { Field, FieldError } from '../forms/field.component';
import { useFormFailure } from '../forms/use-form-failure';
import { FormAlert } from '../forms/form-alert.component';
import { serverFieldErrors, useMessageText } from '../forms/messages';
import { oneOf } from '../forms/one-of';
import { withoutError } from '../forms/without-error';
import { LoadingState, RequestErrorState } from '../layout/states.component';
import { formatDate, localToday } from '../text/dates';
import { useDocumentTitle } from '../text/use-document-title';
import { useLanguage } from '../text/use-language';
import { CaseRefNames } from '../cases/case-ref.component';
import {
  attendableCases,
  filterCases,
  GROUP_SESSION_FIELDS,
  groupSessionErrorMessage,
  validateGroupSession,
  type GroupSessionFormState,
} from './group-session-form';
import { CodeOptions } from '../forms/code-options.component';
import { DateInput } from '../forms/date-input.component';
import { DraftNotice } from '../forms/draft-notice.component';
import { OfflineNotice } from '../offline/offline-notice.component';
import { useSyncStatus } from '../offline/sync-status';

interface Recorded {
  attended: number;
  /** Saved on this device, waiting to sync. */
  queued: boolean;
  topic: string;
  occurredOn: string;
}

/**
 * `/sessions/new`: a life-skills session or class and its attendance list. Each child marked present gets the
 * session on their timeline.
 */
export function GroupSessionPage() {
  const { t } = useTranslation();
  const user = useUser();
  useDocumentTitle(t('oversight:groupSession.title'));
  const [recorded, setRecorded] = useState<Recorded | null>(null);
  const [round, setRound] = useState(0);

  if (!can(user.access, 'case.write')) return <Navigate to="/cases" replace />;
  if (recorded) {
    return (
      <GroupSessionResult
        recorded={recorded}
        onAnother={() => {
          setRecorded(null);
          setRound((n) => n + 1);
        }}
      />
    );
  }
  return <GroupSessionForm key={round} onRecorded={setRecorded} />;
}

const id = (field: string) => `session-${field}`;

function GroupSessionForm({ onRecorded }: { onRecorded: (recorded: Recorded) => void }) {
  const { t } = useTranslation();
  const text = useMessageText();
  const cases = useAttendanceCases();
  const record = useRecordGroupActivity();
  const [today] = useState(localToday);
  // One id per session filled in: sent again, or queued on the device after a lost answer, it is the same one.
  const [sessionId] = useState(() => crypto.randomUUID());
  const offline = useSyncStatus().connection === 'offline';
  const [state, setState] = useState<GroupSessionFormState>(() => ({
    topic: '',
    title: '',
    occurredOn: today,
    caseIds: [],
  }));
  const [filter, setFilter] = useState('');
  const formRef = useRef<HTMLFormElement>(null);
  const { errors, setErrors, general, setGeneral, fail, draft } = useFormFailure(formRef, { form: 'group-session' });

  const update = (patch: Partial<GroupSessionFormState>) => {
    setState((current) => ({ ...current, ...patch }));
    setErrors((current) => Object.keys(patch).reduce(withoutError, current));
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const result = validateGroupSession(state, today);
    if (!result.ok) {
      fail(result.errors, { key: 'errors.formHasErrors' });
      return;
    }
    setErrors({});
    setGeneral(null);
    const sent = { ...result.value, id: sessionId };
    record.mutate(sent, {
      onSuccess: (answer) => {
        draft.clear();
        onRecorded({
          attended: answer.attended,
          queued: answer.queued ?? false,
          topic: sent.topic,
          occurredOn: sent.occurredOn,
        });
      },
      onError: (error) => {
        const { fields, general: other } = serverFieldErrors(
          error,
          GROUP_SESSION_FIELDS,
          (field) => field.split('.')[0] ?? field,
        );
        fail(fields, Object.keys(fields).length === 0 ? groupSessionErrorMessage(error) : other);
      },
    });
  };

  const open = cases.data ? attendableCases(cases.data.items) : [];
  const shown = filterCases(open, filter);
  const present = new Set(state.caseIds);
  const toggle = (caseId: string, checked: boolean) =>
    update({
      caseIds: checked ? [...state.caseIds, caseId] : state.caseIds.filter((other) => other !== caseId),
    });
  const selectShown = () =>
    update({ caseIds: [...state.caseIds, ...shown.map((item) => item.id).filter((caseId) => !present.has(caseId))] });

  return (
    <section className="page">
      <p className="breadcrumb">
        <Link to="/cases">{t('cases:detail.back')}</Link>
      </p>
      <h1 id="group-session-title">{t('oversight:groupSession.title')}</h1>
      <p className="lead">{t('oversight:groupSession.intro')}</p>
      <OfflineNotice />
      <form
        ref={formRef}
        className="form form--narrow"
        noValidate
        onSubmit={onSubmit}
        aria-labelledby="group-session-title"
      >
        <p className="field__hint">{t('requiredNote')}</p>
        <DraftNotice draft={draft} />
        <FormAlert message={general} />
        <fieldset className="form-section">
          <legend className="form-section__title">{t('oversight:groupSession.section')}</legend>
          <div className="form-grid">
            <Field
              id={id('topic')}
              name="topic"
              label={t('oversight:groupSession.topic')}
              required
              error={errors.topic}
            >
              {(control) => (
                <select
                  {...control}
                  value={state.topic}
                  onChange={(event) => update({ topic: oneOf(LIFE_SKILLS_TOPICS, event.target.value) })}
                >
                  <CodeOptions codes={LIFE_SKILLS_TOPICS} list="lifeSkillsTopic" choose={t('cases:new.choose')} />
                </select>
              )}
            </Field>
            <Field
              id={id('occurredOn')}
              name="occurredOn"
              label={t('oversight:groupSession.date')}
              required
              error={errors.occurredOn}
            >
              {(control) => (
                <DateInput
                  {...control}
                  max={today}
                  value={state.occurredOn}
                  onChange={(value) => update({ occurredOn: value })}
                />
              )}
            </Field>
          </div>
          <Field
            id={id('title')}
            name="title"
            label={t('oversight:groupSession.titleField')}
            hint={t('oversight:groupSession.titleHint')}
            error={errors.title}
          >
            {(control) => (
              <input
                {...control}
                type="text"
                autoComplete="off"
                maxLength={200}
                value={state.title}
                onChange={(event) => update({ title: event.target.value })}
              />
            )}
          </Field>
        </fieldset>
        <fieldset id={id('caseIds')} className="form-section attendance">
          <legend className="form-section__title">{t('oversight:groupSession.attendance')}</legend>
          <p className="field__hint">{t('oversight:groupSession.attendanceHint')}</p>
          {offline ? (
            <p className="field__hint" data-testid="session-offline-hint">
              {t('oversight:groupSession.offlineHint')}
            </p>
          ) : null}
          {cases.isPending ? (
            <LoadingState />
          ) : cases.error ? (
            <RequestErrorState error={cases.error} onRetry={() => void cases.refetch()} />
          ) : open.length === 0 ? (
            <p className="empty-state empty-state--small">{t('oversight:groupSession.noCases')}</p>
          ) : (
            <>
              <div className="attendance__tools">
                <div className="field attendance__filter">
                  <label className="field__label" htmlFor={id('filter')}>
                    {t('oversight:groupSession.filter')}
                  </label>
                  <input
                    id={id('filter')}
                    type="search"
                    autoComplete="off"
                    value={filter}
                    onChange={(event) => setFilter(event.target.value)}
                  />
                </div>
                <div className="page__actions">
                  <button
                    type="button"
                    className="button button--small"
                    onClick={selectShown}
                    disabled={shown.length === 0}
                  >
                    {t('oversight:groupSession.selectShown')}
                  </button>
                  <button
                    type="button"
                    className="button button--small"
                    onClick={() => update({ caseIds: [] })}
                    disabled={state.caseIds.length === 0}
                  >
                    {t('oversight:groupSession.clear')}
                  </button>
                </div>
              </div>
              <p className="attendance__count" role="status" data-testid="session-count">
                {t('oversight:groupSession.present', { count: state.caseIds.length })}
                {filter.trim() !== '' ? (
                  <span className="muted">
                    {' · '}
                    {t('oversight:groupSession.shown', { count: shown.length, total: open.length })}
                  </span>
                ) : null}
              </p>
              <div className={errors.caseIds ? 'field field--error' : 'field'} data-field="caseIds">
                {shown.length === 0 ? (
                  <p className="empty-state empty-state--small">{t('oversight:groupSession.noMatch')}</p>
                ) : (
                  <ul className="attendance__list" data-testid="attendance-list">
                    {shown.map((item) => (
                      <AttendanceRow
                        key={item.id}
                        item={item}
                        checked={present.has(item.id)}
                        invalid={Boolean(errors.caseIds)}
                        onChange={(checked) => toggle(item.id, checked)}
                      />
                    ))}
                  </ul>
                )}
                {errors.caseIds ? <FieldError id={`${id('caseIds')}-error`}>{text(errors.caseIds)}</FieldError> : null}
              </div>
              {cases.data && cases.data.total > cases.data.items.length ? (
                <p className="field__hint">
                  {t('oversight:groupSession.truncated', { count: cases.data.items.length })}
                </p>
              ) : null}
            </>
          )}
        </fieldset>
        <div className="form__actions">
          <button type="submit" className="button button--primary" disabled={record.isPending}>
            {record.isPending
              ? t('saving')
              : state.caseIds.length === 0
                ? t('oversight:groupSession.submitNone')
                : t('oversight:groupSession.submit', { count: state.caseIds.length })}
          </button>
          <Link to="/cases" className="button button--quiet">
            {t('cancel')}
          </Link>
        </div>
      </form>
    </section>
  );
}

function AttendanceRow({
  item,
  checked,
  invalid,
  onChange,
}: {
  item: CaseSummary;
  checked: boolean;
  invalid: boolean;
  onChange: (checked: boolean) => void;
}) {
  const controlId = id(`case-${item.id}`);
  return (
    <li className={checked ? 'attendance__item attendance__item--present' : 'attendance__item'}>
      <input
        id={controlId}
        type="checkbox"
        checked={checked}
        onChange={(event) => onChange(event.target.checked)}
        aria-invalid={invalid || undefined}
        aria-describedby={invalid ? `${id('caseIds')}-error` : undefined}
      />
      <label htmlFor={controlId} className="attendance__label">
        <span className="case-ref__number">{item.caseNumber}</span>
        <CaseRefNames item={item} />
      </label>
    </li>
  );
}

function GroupSessionResult({ recorded, onAnother }: { recorded: Recorded; onAnother: () => void }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const headingRef = useRef<HTMLHeadingElement>(null);

  // The form was replaced: announce the outcome by moving focus to its heading.
  useEffect(() => {
    headingRef.current?.focus();
  }, []);

  return (
    <section className="page" data-testid="session-result">
      <h1 ref={headingRef} tabIndex={-1}>
        {t('oversight:groupSession.done.title', { count: recorded.attended })}
      </h1>
      <p className="lead">
        {t('oversight:groupSession.done.detail', {
          topic: t(`codes:lifeSkillsTopic.${recorded.topic}`),
          date: formatDate(recorded.occurredOn, language),
        })}
      </p>
      {recorded.queued ? (
        <div className="offline-notice" data-testid="session-waiting">
          <p>{t('oversight:groupSession.done.waiting')}</p>
        </div>
      ) : null}
      <div className="form__actions">
        <button type="button" className="button button--primary" onClick={onAnother}>
          {t('oversight:groupSession.done.another')}
        </button>
        <Link to="/cases" className="button">
          {t('oversight:groupSession.done.toList')}
        </Link>
      </div>
    </section>
  );
}
