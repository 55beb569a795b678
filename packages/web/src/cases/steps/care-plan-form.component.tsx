import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { addMonths, CSI_DOMAINS, type EventPayload } from '@homeward/core';
import { FieldError } from '../../forms/field.component';
import { useMessageText } from '../../forms/messages';
import { draftList, draftRemove, draftRow } from '../../forms/draft-rows';
import { newId, payloadOf } from './step-context';
import { DateField, SelectField, TextField } from './step-fields.component';
import { StepFormFrame } from './step-form.component';
import { useStepForm, type StepFormProps } from './use-step-form';

type Domain = EventPayload<'care_plan'>['goals'][number]['domain'];
const DOMAINS: readonly Domain[] = [...CSI_DOMAINS, 'family'];

interface ActionDraft {
  key: string;
  action: string;
  who: string;
  by: string;
}

interface GoalDraft {
  key: string;
  domain: Domain | '';
  goal: string;
  actions: ActionDraft[];
}

const emptyAction = (): ActionDraft => ({ key: newId(), action: '', who: '', by: '' });
const emptyGoal = (): GoalDraft => ({ key: newId(), domain: '', goal: '', actions: [emptyAction()] });

/** Goals by domain, each with who does what by when, and the date the plan is reviewed (MoSVY Form 3). */
export function CarePlanForm(props: StepFormProps) {
  const { t } = useTranslation();
  const text = useMessageText();
  const form = useStepForm('care_plan', props);
  const initial = payloadOf('care_plan', props.original);
  const [goals, setGoals] = useState<GoalDraft[]>(() =>
    initial
      ? initial.goals.map((goal) => ({
          key: newId(),
          domain: goal.domain,
          goal: goal.goal,
          actions: goal.actions.map((action) => ({ key: newId(), ...action })),
        }))
      : [emptyGoal()],
  );
  const [reviewOn, setReviewOn] = useState(initial?.reviewOn ?? addMonths(props.context.today, 3));

  const setGoal = (index: number, patch: Partial<GoalDraft>) =>
    setGoals((current) => current.map((goal, i) => (i === index ? { ...goal, ...patch } : goal)));
  const setAction = (goalIndex: number, actionIndex: number, patch: Partial<ActionDraft>) =>
    setGoals((current) =>
      current.map((goal, i) =>
        i === goalIndex
          ? {
              ...goal,
              actions: goal.actions.map((action, j) => (j === actionIndex ? { ...action, ...patch } : action)),
            }
          : goal,
      ),
    );

  const submit = form.onSubmit(() => ({
    payload: {
      goals: goals.map((goal) => ({
        domain: goal.domain || undefined,
        goal: goal.goal,
        actions: goal.actions.map(({ action, who, by }) => ({ action, who, by })),
      })),
      reviewOn,
    },
    options: {
      messages: {
        'payload.goals': 'steps:carePlan.errors.goals',
        'payload.goals.*.domain': 'steps:carePlan.errors.domain',
        'payload.goals.*.goal': 'steps:carePlan.errors.goal',
        'payload.goals.*.actions': 'steps:carePlan.errors.actions',
        'payload.goals.*.actions.*.action': 'steps:carePlan.errors.action',
        'payload.goals.*.actions.*.who': 'steps:carePlan.errors.who',
      },
    },
  }));

  const listError = (path: string) => {
    const error = form.errors[path];
    return (
      <div className={error ? 'field field--error' : 'field'} data-field={path}>
        {error ? <FieldError id={`${form.id(path)}-error`}>{text(error)}</FieldError> : null}
      </div>
    );
  };

  return (
    <StepFormFrame
      form={form}
      onCancel={props.onCancel}
      onSubmit={submit}
      intro={<p className="step-form__intro">{t('steps:carePlan.intro')}</p>}
    >
      {listError('payload.goals')}
      <ol className="plan-goals">
        {goals.map((goal, goalIndex) => {
          const base = `payload.goals.${goalIndex}`;
          return (
            <li key={goal.key} className="plan-goal" data-testid="care-plan-goal" {...draftRow('payload.goals')}>
              <fieldset className="step-group">
                <legend className="step-group__title">{t('steps:carePlan.goalNumber', { n: goalIndex + 1 })}</legend>
                <SelectField
                  form={form}
                  path={`${base}.domain`}
                  label={t('steps:carePlan.domain')}
                  required
                  options={DOMAINS}
                  labelOf={(code) =>
                    code === 'family' ? t('steps:carePlan.familyDomain') : t(`codes:csiDomain.${code}`)
                  }
                  value={goal.domain}
                  onChange={(domain) => setGoal(goalIndex, { domain })}
                />
                <TextField
                  form={form}
                  path={`${base}.goal`}
                  label={t('steps:carePlan.goal')}
                  required
                  rows={2}
                  value={goal.goal}
                  onChange={(value) => setGoal(goalIndex, { goal: value })}
                />
                <h4 className="plan-goal__actions-title">{t('steps:carePlan.actions')}</h4>
                {listError(`${base}.actions`)}
                <ol className="plan-actions">
                  {goal.actions.map((action, actionIndex) => {
                    const path = `${base}.actions.${actionIndex}`;
                    return (
                      <li key={action.key} className="plan-action" {...draftRow(`${base}.actions`)}>
                        <TextField
                          form={form}
                          path={`${path}.action`}
                          label={t('steps:carePlan.action')}
                          required
                          value={action.action}
                          onChange={(value) => setAction(goalIndex, actionIndex, { action: value })}
                        />
                        <div className="form-grid">
                          <TextField
                            form={form}
                            path={`${path}.who`}
                            label={t('steps:carePlan.who')}
                            required
                            value={action.who}
                            onChange={(who) => setAction(goalIndex, actionIndex, { who })}
                          />
                          <DateField
                            form={form}
                            path={`${path}.by`}
                            label={t('steps:carePlan.by')}
                            required
                            min={props.context.openedOn}
                            value={action.by}
                            onChange={(by) => setAction(goalIndex, actionIndex, { by })}
                          />
                        </div>
                        {goal.actions.length > 1 ? (
                          <button
                            type="button"
                            className="button button--quiet button--small"
                            {...draftRemove}
                            onClick={() =>
                              setGoal(goalIndex, { actions: goal.actions.filter((_, j) => j !== actionIndex) })
                            }
                          >
                            {t('steps:carePlan.removeAction', { n: actionIndex + 1 })}
                          </button>
                        ) : null}
                      </li>
                    );
                  })}
                </ol>
                <div className="plan-goal__buttons">
                  <button
                    type="button"
                    className="button button--small"
                    {...draftList(`${base}.actions`)}
                    onClick={() => {
                      setGoal(goalIndex, { actions: [...goal.actions, emptyAction()] });
                      form.clear(`${base}.actions`);
                    }}
                  >
                    {t('steps:carePlan.addAction')}
                  </button>
                  {goals.length > 1 ? (
                    <button
                      type="button"
                      className="button button--quiet button--small"
                      {...draftRemove}
                      onClick={() => setGoals((current) => current.filter((_, i) => i !== goalIndex))}
                    >
                      {t('steps:carePlan.removeGoal', { n: goalIndex + 1 })}
                    </button>
                  ) : null}
                </div>
              </fieldset>
            </li>
          );
        })}
      </ol>
      <p>
        <button
          type="button"
          className="button"
          {...draftList('payload.goals')}
          onClick={() => {
            setGoals((current) => [...current, emptyGoal()]);
            form.clear('payload.goals');
          }}
        >
          {t('steps:carePlan.addGoal')}
        </button>
      </p>
      <DateField
        form={form}
        path="payload.reviewOn"
        label={t('steps:carePlan.reviewOn')}
        hint={t('steps:carePlan.reviewOnHint')}
        required
        min={props.context.openedOn}
        value={reviewOn}
        onChange={setReviewOn}
      />
    </StepFormFrame>
  );
}
