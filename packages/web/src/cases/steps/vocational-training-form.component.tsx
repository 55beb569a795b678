import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SKILLS, TRAINING_OUTCOMES, type EventPayload } from '@homeward/core';
import { payloadOf } from './step-context';
import { CheckboxField, DateField, SelectField, TextField } from './step-fields.component';
import { StepFormFrame } from './step-form.component';
import { useStepForm, type StepFormProps } from './use-step-form';

type Training = EventPayload<'vocational_training'>;

export function VocationalTrainingForm(props: StepFormProps) {
  const { t } = useTranslation();
  const form = useStepForm('vocational_training', props);
  const initial = payloadOf('vocational_training', props.original);
  const [skill, setSkill] = useState<Training['skill'] | ''>(initial?.skill ?? '');
  const [provider, setProvider] = useState(initial?.provider ?? '');
  const [endOn, setEndOn] = useState(initial?.endOn ?? '');
  const [completed, setCompleted] = useState(initial?.completed ?? false);
  const [outcome, setOutcome] = useState<NonNullable<Training['outcome']> | ''>(initial?.outcome ?? '');
  const [note, setNote] = useState(initial?.note ?? '');
  return (
    <StepFormFrame
      form={form}
      onCancel={props.onCancel}
      dateLabel={t('steps:training.startOn')}
      onSubmit={form.onSubmit(() => ({
        payload: {
          skill: skill || undefined,
          provider,
          endOn: endOn || undefined,
          completed,
          outcome: outcome || undefined,
          note,
        },
      }))}
    >
      <SelectField
        form={form}
        path="payload.skill"
        label={t('steps:training.skill')}
        required
        options={SKILLS}
        labelOf={(code) => t(`codes:skill.${code}`)}
        value={skill}
        onChange={setSkill}
      />
      <TextField
        form={form}
        path="payload.provider"
        label={t('steps:training.provider')}
        hint={t('steps:training.providerHint')}
        value={provider}
        onChange={setProvider}
      />
      <DateField form={form} path="payload.endOn" label={t('steps:training.endOn')} value={endOn} onChange={setEndOn} />
      <CheckboxField
        form={form}
        path="payload.completed"
        label={t('steps:training.completed')}
        checked={completed}
        onChange={setCompleted}
      />
      <SelectField
        form={form}
        path="payload.outcome"
        label={t('steps:training.outcome')}
        options={TRAINING_OUTCOMES}
        labelOf={(code) => t(`codes:trainingOutcome.${code}`)}
        value={outcome}
        onChange={setOutcome}
      />
      <TextField
        form={form}
        path="payload.note"
        label={t('steps:form.note')}
        rows={3}
        value={note}
        onChange={setNote}
      />
    </StepFormFrame>
  );
}
