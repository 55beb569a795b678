import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { READINESS } from '@homeward/core';
import { payloadOf } from './step-context';
import { RadioField, TextField } from './step-fields.component';
import { StepFormFrame } from './step-form.component';
import { useStepForm, type StepFormProps } from './use-step-form';

type Readiness = (typeof READINESS)[number];

export function ReadinessAssessmentForm(props: StepFormProps) {
  const { t } = useTranslation();
  const form = useStepForm('assessment_readiness', props);
  const initial = payloadOf('assessment_readiness', props.original);
  const [readiness, setReadiness] = useState<Readiness | ''>(initial?.readiness ?? '');
  const [summary, setSummary] = useState(initial?.summary ?? '');
  return (
    <StepFormFrame
      form={form}
      onCancel={props.onCancel}
      onSubmit={form.onSubmit(() => ({
        payload: { readiness: readiness || undefined, summary },
        options: {
          messages: {
            'payload.readiness': 'steps:readiness.errors.readiness',
            'payload.summary': 'steps:readiness.errors.summary',
          },
        },
      }))}
    >
      <RadioField
        form={form}
        path="payload.readiness"
        label={t('steps:readiness.readiness')}
        required
        options={READINESS}
        labelOf={(code) => t(`codes:readiness.${code}`)}
        value={readiness}
        onChange={setReadiness}
      />
      <TextField
        form={form}
        path="payload.summary"
        label={t('steps:readiness.summary')}
        hint={t('steps:readiness.summaryHint')}
        required
        rows={4}
        value={summary}
        onChange={setSummary}
      />
    </StepFormFrame>
  );
}
