import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { HIV_STATUSES, type EventPayload } from '@homeward/core';
import { payloadOf } from './step-context';
import { DateField, SelectField, TextField } from './step-fields.component';
import { StepFormFrame } from './step-form.component';
import { useStepForm, type StepFormProps } from './use-step-form';

type HivStatus = NonNullable<EventPayload<'health_check'>['hivStatus']>;

/** A health check: what caregivers need for daily care, kept in the health tier. */
export function HealthCheckForm(props: StepFormProps) {
  const { t } = useTranslation();
  const form = useStepForm('health_check', props);
  const initial = payloadOf('health_check', props.original);
  const [condition, setCondition] = useState(initial?.condition ?? '');
  const [hivStatus, setHivStatus] = useState<HivStatus | ''>(initial?.hivStatus ?? '');
  const [medication, setMedication] = useState(initial?.medication ?? '');
  const [nextCheckOn, setNextCheckOn] = useState(initial?.nextCheckOn ?? '');
  return (
    <StepFormFrame
      form={form}
      onCancel={props.onCancel}
      onSubmit={form.onSubmit(() => ({
        payload: {
          condition,
          hivStatus: hivStatus || undefined,
          medication,
          nextCheckOn: nextCheckOn || undefined,
        },
      }))}
    >
      <TextField
        form={form}
        path="payload.condition"
        label={t('steps:healthCheck.condition')}
        hint={t('steps:healthCheck.conditionHint')}
        rows={3}
        value={condition}
        onChange={setCondition}
      />
      <div className="form-grid">
        <SelectField
          form={form}
          path="payload.hivStatus"
          label={t('steps:healthCheck.hivStatus')}
          options={HIV_STATUSES}
          labelOf={(code) => t(`codes:hivStatus.${code}`)}
          value={hivStatus}
          onChange={setHivStatus}
        />
        <DateField
          form={form}
          path="payload.nextCheckOn"
          label={t('steps:healthCheck.nextCheckOn')}
          value={nextCheckOn}
          onChange={setNextCheckOn}
        />
      </div>
      <TextField
        form={form}
        path="payload.medication"
        label={t('steps:healthCheck.medication')}
        hint={t('steps:healthCheck.medicationHint')}
        rows={2}
        value={medication}
        onChange={setMedication}
      />
    </StepFormFrame>
  );
}
