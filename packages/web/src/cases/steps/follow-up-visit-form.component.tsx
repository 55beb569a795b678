import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { addDays, FOLLOW_UP_MODES, SCHOOL_OR_WORK, type CsiDomain, type EventPayload } from '@homeward/core';
import { formatDate } from '../../text/dates';
import { useLanguage } from '../../text/use-language';
import { renameByDomain } from './score-list';
import { payloadOf } from './step-context';
import {
  DateField,
  fromYesNo,
  RadioField,
  SCORES,
  scoreText,
  SelectField,
  TextField,
  yesNo,
  YesNoField,
  type ScoreText,
  type YesNo,
} from './step-fields.component';
import { StepFormFrame } from './step-form.component';
import { useStepForm, type StepFormProps } from './use-step-form';

type Visit = EventPayload<'follow_up_visit'>;
/** The CSI domains a follow-up visit looks at: is the child cared for, safe, well, at school or work. */
export const FOLLOW_UP_DOMAINS: readonly CsiDomain[] = [
  'care',
  'abuse_exploitation',
  'emotional_health',
  'education_work',
];
const WELLBEING_CHOICES = ['none', ...SCORES] as const;
type WellbeingChoice = (typeof WELLBEING_CHOICES)[number];

/** A follow-up visit after reintegration (MoSVY Form 5): how the child lives now, and what was done. */
export function FollowUpVisitForm(props: StepFormProps) {
  const { t } = useTranslation();
  const language = useLanguage();
  const form = useStepForm('follow_up_visit', props);
  const { state, today } = props.context;
  const initial = payloadOf('follow_up_visit', props.original);
  const [mode, setMode] = useState<Visit['mode'] | ''>(initial?.mode ?? '');
  const [goodConditions, setGoodConditions] = useState<YesNo>(yesNo(initial?.livingInGoodConditions));
  const [schoolOrWork, setSchoolOrWork] = useState<Visit['schoolOrWork'] | ''>(initial?.schoolOrWork ?? '');
  const [wellbeing, setWellbeing] = useState<Partial<Record<CsiDomain, ScoreText>>>(() =>
    Object.fromEntries((initial?.wellbeing ?? []).map((entry) => [entry.domain, scoreText(entry.score)])),
  );
  const [risksFound, setRisksFound] = useState(initial?.risksFound ?? '');
  const [actionsTaken, setActionsTaken] = useState(initial?.actionsTaken ?? '');
  // A visit meets a due date up to two weeks early, so the next one to plan is the first due after that.
  const scheduled = state.followUp.due.find((due) => due > addDays(today, 14));
  const [nextVisitOn, setNextVisitOn] = useState(initial?.nextVisitOn ?? scheduled ?? '');

  const submit = form.onSubmit(() => {
    const scored = FOLLOW_UP_DOMAINS.filter((domain) => wellbeing[domain] !== undefined);
    return {
      payload: {
        mode: mode || undefined,
        livingInGoodConditions: fromYesNo(goodConditions),
        schoolOrWork: schoolOrWork || undefined,
        wellbeing: scored.map((domain) => ({ domain, score: Number(wellbeing[domain]) })),
        risksFound,
        actionsTaken,
        nextVisitOn: nextVisitOn || undefined,
      },
      options: { rename: renameByDomain('payload.wellbeing', scored) },
    };
  });

  return (
    <StepFormFrame
      form={form}
      onCancel={props.onCancel}
      dateLabel={t('steps:followUp.date')}
      onSubmit={submit}
      {...(state.followUp.overdue.length > 0
        ? {
            intro: (
              <p className="step-form__intro step-form__intro--warning">
                {t('steps:followUp.overdue', {
                  count: state.followUp.overdue.length,
                  date: formatDate(state.followUp.overdue[0] ?? '', language),
                })}
              </p>
            ),
          }
        : {})}
    >
      <RadioField
        form={form}
        path="payload.mode"
        label={t('steps:followUp.mode')}
        required
        className="choice-group--inline"
        options={FOLLOW_UP_MODES}
        labelOf={(code) => t(`codes:followUpMode.${code}`)}
        value={mode}
        onChange={setMode}
      />
      <YesNoField
        form={form}
        path="payload.livingInGoodConditions"
        label={t('steps:followUp.livingInGoodConditions')}
        required
        value={goodConditions}
        onChange={setGoodConditions}
      />
      <SelectField
        form={form}
        path="payload.schoolOrWork"
        label={t('steps:followUp.schoolOrWork')}
        required
        options={SCHOOL_OR_WORK}
        labelOf={(code) => t(`codes:schoolOrWork.${code}`)}
        value={schoolOrWork}
        onChange={setSchoolOrWork}
      />
      <fieldset className="step-group">
        <legend className="step-group__title">{t('steps:followUp.wellbeing')}</legend>
        <p className="field__hint">{t('steps:followUp.wellbeingHint')}</p>
        {FOLLOW_UP_DOMAINS.map((domain) => (
          <RadioField<WellbeingChoice>
            key={domain}
            form={form}
            path={`payload.wellbeing.${domain}.score`}
            label={t(`codes:csiDomain.${domain}`)}
            className="choice-group--inline score-field"
            options={WELLBEING_CHOICES}
            labelOf={(choice) =>
              choice === 'none' ? (
                t('steps:followUp.notScored')
              ) : (
                <span className={`score-label score-label--${choice}`}>
                  <span className="score-label__number">{choice}</span> {t(`steps:score.${choice}`)}
                </span>
              )
            }
            value={wellbeing[domain] ?? 'none'}
            onChange={(choice) =>
              setWellbeing((current) => {
                const next = { ...current };
                if (choice === 'none') delete next[domain];
                else next[domain] = choice;
                return next;
              })
            }
          />
        ))}
      </fieldset>
      <TextField
        form={form}
        path="payload.risksFound"
        label={t('steps:followUp.risksFound')}
        hint={t('steps:followUp.risksFoundHint')}
        rows={3}
        value={risksFound}
        onChange={setRisksFound}
      />
      <TextField
        form={form}
        path="payload.actionsTaken"
        label={t('steps:followUp.actionsTaken')}
        rows={3}
        value={actionsTaken}
        onChange={setActionsTaken}
      />
      <DateField
        form={form}
        path="payload.nextVisitOn"
        label={t('steps:followUp.nextVisitOn')}
        {...(scheduled ? { hint: t('steps:followUp.nextVisitHint', { date: formatDate(scheduled, language) }) } : {})}
        min={today}
        value={nextVisitOn}
        onChange={setNextVisitOn}
      />
    </StepFormFrame>
  );
}
