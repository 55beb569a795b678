import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { payloadOf } from './step-context';
import { TextField } from './step-fields.component';
import { StepFormFrame } from './step-form.component';
import { useStepForm, type StepFormProps } from './use-step-form';

export function ReopeningForm(props: StepFormProps) {
  const { t } = useTranslation();
  const form = useStepForm('reopening', props);
  const initial = payloadOf('reopening', props.original);
  const [reason, setReason] = useState(initial?.reason ?? '');
  return (
    <StepFormFrame
      form={form}
      onCancel={props.onCancel}
      onSubmit={form.onSubmit(() => ({
        payload: { reason },
        options: { messages: { 'payload.reason': 'steps:reopening.errors.reason' } },
      }))}
      intro={<p className="step-form__intro">{t('steps:reopening.intro')}</p>}
    >
      <TextField
        form={form}
        path="payload.reason"
        label={t('steps:reopening.reason')}
        required
        rows={3}
        value={reason}
        onChange={setReason}
      />
    </StepFormFrame>
  );
}
