import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { RISK_LEVELS, type RiskLevel } from '@homeward/core';
import { payloadOf } from './step-context';
import { RadioField, TextField } from './step-fields.component';
import { StepFormFrame } from './step-form.component';
import { useStepForm, type StepFormProps } from './use-step-form';

export function RiskAssessmentForm(props: StepFormProps) {
  const { t } = useTranslation();
  const form = useStepForm('assessment_risk', props);
  const initial = payloadOf('assessment_risk', props.original);
  const [riskLevel, setRiskLevel] = useState<RiskLevel | ''>(initial?.riskLevel ?? '');
  const [concerns, setConcerns] = useState(initial?.concerns ?? '');
  const [childPerspective, setChildPerspective] = useState(initial?.childPerspective ?? '');
  return (
    <StepFormFrame
      form={form}
      onCancel={props.onCancel}
      onSubmit={form.onSubmit(() => ({
        payload: { riskLevel: riskLevel || undefined, concerns, childPerspective },
        options: { messages: { 'payload.riskLevel': 'steps:risk.errors.riskLevel' } },
      }))}
    >
      <RadioField
        form={form}
        path="payload.riskLevel"
        label={t('steps:risk.riskLevel')}
        required
        options={RISK_LEVELS}
        labelOf={(code) => t(`codes:riskLevel.${code}`)}
        value={riskLevel}
        onChange={setRiskLevel}
      />
      <TextField
        form={form}
        path="payload.concerns"
        label={t('steps:risk.concerns')}
        hint={t('steps:risk.concernsHint')}
        rows={3}
        value={concerns}
        onChange={setConcerns}
      />
      <TextField
        form={form}
        path="payload.childPerspective"
        label={t('steps:risk.childPerspective')}
        rows={3}
        value={childPerspective}
        onChange={setChildPerspective}
      />
    </StepFormFrame>
  );
}
