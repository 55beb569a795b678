import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CLOSURE_REASONS, type ClosureReason } from '@homeward/core';
import { payloadOf } from './step-context';
import { SelectField, TextField } from './step-fields.component';
import { StepFormFrame } from './step-form.component';
import { useStepForm, type StepFormProps } from './use-step-form';

export function ClosureForm(props: StepFormProps) {
  const { t } = useTranslation();
  const form = useStepForm('closure', props);
  const initial = payloadOf('closure', props.original);
  const [reason, setReason] = useState<ClosureReason | ''>(initial?.reason ?? '');
  const [summary, setSummary] = useState(initial?.summary ?? '');
  return (
    <StepFormFrame
      form={form}
      onCancel={props.onCancel}
      onSubmit={form.onSubmit(() => ({
        payload: { reason: reason || undefined, summary },
        options: {
          messages: {
            'payload.reason': 'steps:closure.errors.reason',
            'payload.summary': 'steps:closure.errors.summary',
          },
        },
      }))}
      intro={<p className="step-form__intro">{t('steps:closure.intro')}</p>}
    >
      <SelectField
        form={form}
        path="payload.reason"
        label={t('steps:closure.reason')}
        required
        options={CLOSURE_REASONS}
        labelOf={(code) => t(`codes:closureReason.${code}`)}
        value={reason}
        onChange={setReason}
      />
      <TextField
        form={form}
        path="payload.summary"
        label={t('steps:closure.summary')}
        hint={t('steps:closure.summaryHint')}
        required
        rows={5}
        value={summary}
        onChange={setSummary}
      />
    </StepFormFrame>
  );
}
