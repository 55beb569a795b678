import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Link, Navigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { APPROVAL_SUBJECTS, can, type CaseSettings } from '@homeward/core';
import { useCaseSettings, useSaveCaseSettings } from '../api/case-settings.resource';
import { useUser } from '../auth/user-context';
import { CheckboxGroup } from '../forms/choice-group.component';
import { Field, FieldError } from '../forms/field.component';
import { useFormFailure } from '../forms/use-form-failure';
import { FormAlert } from '../forms/form-alert.component';
import { serverFieldErrors, useMessageText } from '../forms/messages';
import { LoadingState, RequestErrorState } from '../layout/states.component';
import { useDocumentTitle } from '../text/use-document-title';
import { DirectorySection } from './directory-section.component';
import { ServicesSection } from '../referrals/services-section.component';
import { RetentionSection } from '../records/retention-section.component';
import {
  caseSettingsFormState,
  EVERY_MONTHS_MAX,
  LOCK_AFTER_MINUTES_MAX,
  phaseField,
  previewMonths,
  SUPPRESSION_FLOOR_MAX,
  SUPPRESSION_FLOOR_MIN,
  UNTIL_MONTH_MAX,
  validateCaseSettings,
  WIPE_AFTER_DAYS_MAX,
  type ApprovalSubjectCode,
  type CaseSettingsFormState,
  type PhaseRow,
} from './case-settings-form';

/** `/settings`: which steps wait for a supervisor, and the programme's follow-up rule. Organisation admins only. */
export function CaseSettingsPage() {
  const { t } = useTranslation();
  const user = useUser();
  const allowed = can(user.access, 'user.manage');
  const settings = useCaseSettings(allowed);
  useDocumentTitle(t('oversight:settings.title'));

  if (!allowed) return <Navigate to="/cases" replace />;
  if (settings.isPending) return <LoadingState />;
  if (settings.error) {
    return (
      <section className="page">
        <h1>{t('oversight:settings.title')}</h1>
        <RequestErrorState error={settings.error} onRetry={() => void settings.refetch()} />
      </section>
    );
  }
  return <CaseSettingsForm settings={settings.data} />;
}

const id = (field: string) => `settings-${field}`;

function CaseSettingsForm({ settings }: { settings: CaseSettings }) {
  const { t } = useTranslation();
  const text = useMessageText();
  const save = useSaveCaseSettings();
  const [state, setState] = useState<CaseSettingsFormState>(() => caseSettingsFormState(settings));
  const [saved, setSaved] = useState(false);
  const [focusKey, setFocusKey] = useState<number | null>(null);
  const nextKey = useRef(settings.followUpRule.length);
  const formRef = useRef<HTMLFormElement>(null);
  const { errors, setErrors, general, setGeneral, fail } = useFormFailure(formRef);

  useEffect(() => {
    if (focusKey === null) return;
    document.getElementById(id(`every-${focusKey}`))?.focus();
    setFocusKey(null);
  }, [focusKey]);

  /** Any change clears the phase errors: one phase's end depends on the one before. */
  const change = (
    next: CaseSettingsFormState,
    touched: 'approvalGates' | 'phases' | 'reportSuppressionFloor' | `offline.${'wipeAfterDays' | 'lockAfterMinutes'}`,
  ) => {
    setState(next);
    setSaved(false);
    setErrors((current) =>
      Object.fromEntries(
        Object.entries(current).filter(([field]) =>
          touched === 'phases' ? !field.startsWith('phases.') && field !== 'followUpRule' : field !== touched,
        ),
      ),
    );
  };

  const updatePhase = (key: number, patch: Partial<PhaseRow>) =>
    change({ ...state, phases: state.phases.map((row) => (row.key === key ? { ...row, ...patch } : row)) }, 'phases');

  const addPhase = () => {
    const key = nextKey.current++;
    const last = state.phases[state.phases.length - 1];
    const from = last ? Number(last.untilMonth) || 0 : 0;
    change(
      {
        ...state,
        phases: [...state.phases, { key, everyMonths: '6', untilMonth: String(Math.min(from + 12, UNTIL_MONTH_MAX)) }],
      },
      'phases',
    );
    setFocusKey(key);
  };

  const removePhase = (key: number) => {
    const index = state.phases.findIndex((row) => row.key === key);
    const neighbour = state.phases[index + 1] ?? state.phases[index - 1];
    change({ ...state, phases: state.phases.filter((row) => row.key !== key) }, 'phases');
    if (neighbour) setFocusKey(neighbour.key);
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    const result = validateCaseSettings(state);
    if (!result.ok) {
      fail(result.errors, { key: 'errors.formHasErrors' });
      return;
    }
    setErrors({});
    setGeneral(null);
    save.mutate(result.value, {
      onSuccess: (answer) => {
        setState(caseSettingsFormState(answer));
        nextKey.current = answer.followUpRule.length;
        setSaved(true);
      },
      onError: (error) => {
        const { general: other } = serverFieldErrors(error, []);
        fail({}, other);
      },
    });
  };

  const months = previewMonths(state);
  return (
    <section className="page">
      <h1 id="settings-title">{t('oversight:settings.title')}</h1>
      <p className="lead">{t('oversight:settings.intro')}</p>
      <form ref={formRef} className="form form--narrow" noValidate onSubmit={onSubmit} aria-labelledby="settings-title">
        <FormAlert message={general} />
        <fieldset className="form-section">
          <legend className="form-section__title">{t('oversight:settings.approvals')}</legend>
          <CheckboxGroup<ApprovalSubjectCode>
            id={id('approvalGates')}
            name="approvalGates"
            legend={t('oversight:settings.approvalGates')}
            hint={t('oversight:settings.approvalGatesHint')}
            choices={APPROVAL_SUBJECTS.map((subject) => ({
              value: subject,
              label: t(`codes:approvalSubject.${subject}`),
            }))}
            values={state.approvalGates}
            onChange={(approvalGates) => change({ ...state, approvalGates }, 'approvalGates')}
            error={errors.approvalGates}
          />
        </fieldset>
        <fieldset className="form-section">
          <legend className="form-section__title">{t('oversight:settings.followUp')}</legend>
          <p className="field__hint">{t('oversight:settings.followUpHint')}</p>
          <ol className="phase-list" data-testid="phase-list">
            {state.phases.map((row, index) => {
              const everyError = errors[phaseField(row.key, 'everyMonths')];
              const untilError = errors[phaseField(row.key, 'untilMonth')];
              return (
                <li
                  key={row.key}
                  className={everyError || untilError ? 'phase phase--error' : 'phase'}
                  data-testid="phase"
                >
                  <span className="phase__n">{t('oversight:settings.phaseN', { n: index + 1 })}</span>
                  <div className="phase__fields">
                    <Field
                      id={id(`every-${row.key}`)}
                      name={phaseField(row.key, 'everyMonths')}
                      label={t('oversight:settings.every')}
                      error={everyError}
                      className="phase__field"
                    >
                      {(control) => (
                        <span className="phase__input">
                          <input
                            {...control}
                            type="number"
                            inputMode="numeric"
                            min={1}
                            max={EVERY_MONTHS_MAX}
                            step={1}
                            value={row.everyMonths}
                            onChange={(event) => updatePhase(row.key, { everyMonths: event.target.value })}
                          />
                          <span aria-hidden="true">{t('oversight:settings.months')}</span>
                        </span>
                      )}
                    </Field>
                    <Field
                      id={id(`until-${row.key}`)}
                      name={phaseField(row.key, 'untilMonth')}
                      label={t('oversight:settings.until')}
                      error={untilError}
                      className="phase__field"
                    >
                      {(control) => (
                        <input
                          {...control}
                          type="number"
                          inputMode="numeric"
                          min={1}
                          max={UNTIL_MONTH_MAX}
                          step={1}
                          value={row.untilMonth}
                          onChange={(event) => updatePhase(row.key, { untilMonth: event.target.value })}
                        />
                      )}
                    </Field>
                  </div>
                  <button
                    type="button"
                    className="button button--small button--quiet phase__remove"
                    onClick={() => removePhase(row.key)}
                    disabled={state.phases.length === 1}
                    aria-label={t('oversight:settings.removePhaseN', { n: index + 1 })}
                  >
                    {t('oversight:settings.removePhase')}
                  </button>
                </li>
              );
            })}
          </ol>
          {errors.followUpRule ? (
            <FieldError id={id('followUpRule-error')}>{text(errors.followUpRule)}</FieldError>
          ) : null}
          <button type="button" className="button" onClick={addPhase} disabled={state.phases.length >= 12}>
            <span aria-hidden="true">+</span> {t('oversight:settings.addPhase')}
          </button>
          <div className="schedule-preview" data-testid="schedule-preview">
            <h2 className="schedule-preview__title">{t('oversight:settings.preview')}</h2>
            {months ? (
              <>
                <p className="schedule-preview__months">{formatMonths(months)}</p>
                <p className="field__hint">
                  {t('oversight:settings.previewSummary', { count: months.length, last: months[months.length - 1] })}
                </p>
              </>
            ) : (
              <p className="muted">{t('oversight:settings.previewInvalid')}</p>
            )}
          </div>
        </fieldset>
        <fieldset className="form-section">
          <legend className="form-section__title">{t('oversight:settings.reports')}</legend>
          <Field
            id={id('reportSuppressionFloor')}
            name="reportSuppressionFloor"
            label={t('oversight:settings.suppressionFloor')}
            hint={t('oversight:settings.suppressionFloorHint')}
            error={errors.reportSuppressionFloor}
          >
            {(control) => (
              <input
                {...control}
                type="number"
                inputMode="numeric"
                min={SUPPRESSION_FLOOR_MIN}
                max={SUPPRESSION_FLOOR_MAX}
                step={1}
                value={state.reportSuppressionFloor}
                onChange={(event) =>
                  change({ ...state, reportSuppressionFloor: event.target.value }, 'reportSuppressionFloor')
                }
              />
            )}
          </Field>
        </fieldset>
        <fieldset className="form-section">
          <legend className="form-section__title">{t('cases:referrals.settings.reminder')}</legend>
          {(['referralNormalDays', 'referralUrgentDays'] as const).map((key) => (
            <Field
              key={key}
              id={id(key)}
              name={key === 'referralNormalDays' ? 'referralReminder.normalDays' : 'referralReminder.urgentDays'}
              label={t(`cases:referrals.settings.${key}`)}
              hint={t('cases:referrals.settings.reminderHint')}
              error={
                errors[key === 'referralNormalDays' ? 'referralReminder.normalDays' : 'referralReminder.urgentDays']
              }
            >
              {(control) => (
                <input
                  {...control}
                  type="number"
                  inputMode="numeric"
                  min={1}
                  max={60}
                  step={1}
                  value={state[key]}
                  onChange={(event) => change({ ...state, [key]: event.target.value }, 'reportSuppressionFloor')}
                />
              )}
            </Field>
          ))}
        </fieldset>
        <fieldset className="form-section">
          <legend className="form-section__title">{t('oversight:settings.offline')}</legend>
          {(
            [
              ['wipeAfterDays', WIPE_AFTER_DAYS_MAX],
              ['lockAfterMinutes', LOCK_AFTER_MINUTES_MAX],
            ] as const
          ).map(([key, max]) => (
            <Field
              key={key}
              id={id(key)}
              name={`offline.${key}`}
              label={t(`oversight:settings.${key}`)}
              hint={t(`oversight:settings.${key}Hint`)}
              error={errors[`offline.${key}`]}
            >
              {(control) => (
                <input
                  {...control}
                  type="number"
                  inputMode="numeric"
                  min={1}
                  max={max}
                  step={1}
                  value={state[key]}
                  onChange={(event) => change({ ...state, [key]: event.target.value }, `offline.${key}`)}
                />
              )}
            </Field>
          ))}
        </fieldset>
        <div className="form__actions">
          <button type="submit" className="button button--primary" disabled={save.isPending}>
            {save.isPending ? t('saving') : t('oversight:settings.submit')}
          </button>
          <Link to="/cases" className="button button--quiet">
            {t('cancel')}
          </Link>
          <p className="form__status" role="status" data-testid="settings-saved">
            {saved ? t('oversight:settings.saved') : null}
          </p>
        </div>
      </form>
      <DirectorySection />
      <ServicesSection />
      <RetentionSection />
    </section>
  );
}

/** "1, 2, 3, 4, 5, 6, 9, 12, …": long schedules are cut after 24 visits, with the last month kept. */
function formatMonths(months: readonly number[]): string {
  if (months.length <= 24) return months.join(', ');
  return `${months.slice(0, 23).join(', ')}, … ${months[months.length - 1]}`;
}
