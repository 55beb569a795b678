import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SERVICE_KINDS, SERVICE_PROVIDERS, type EventPayload } from '@homeward/core';
import { payloadOf } from './step-context';
import { RadioField, SelectField, TextField } from './step-fields.component';
import { StepFormFrame } from './step-form.component';
import { useStepForm, type StepFormProps } from './use-step-form';

type Service = EventPayload<'service'>;

export function ServiceForm(props: StepFormProps) {
  const { t } = useTranslation();
  const form = useStepForm('service', props);
  const initial = payloadOf('service', props.original);
  const [kind, setKind] = useState<Service['kind'] | ''>(initial?.kind ?? '');
  const [provider, setProvider] = useState<Service['provider'] | ''>(initial?.provider ?? '');
  const [partnerName, setPartnerName] = useState(initial?.partnerName ?? '');
  const [note, setNote] = useState(initial?.note ?? '');
  return (
    <StepFormFrame
      form={form}
      onCancel={props.onCancel}
      onSubmit={form.onSubmit(() => ({
        payload: {
          kind: kind || undefined,
          provider: provider || undefined,
          partnerName: provider === 'partner' ? partnerName : undefined,
          note,
        },
      }))}
    >
      <SelectField
        form={form}
        path="payload.kind"
        label={t('steps:service.kind')}
        required
        options={SERVICE_KINDS}
        labelOf={(code) => t(`codes:serviceKind.${code}`)}
        value={kind}
        onChange={setKind}
      />
      <RadioField
        form={form}
        path="payload.provider"
        label={t('steps:service.provider')}
        required
        className="choice-group--inline"
        options={SERVICE_PROVIDERS}
        labelOf={(code) => t(`codes:serviceProvider.${code}`)}
        value={provider}
        onChange={setProvider}
      />
      {provider === 'partner' ? (
        <TextField
          form={form}
          path="payload.partnerName"
          label={t('steps:service.partnerName')}
          hint={t('steps:service.partnerNameHint')}
          value={partnerName}
          onChange={setPartnerName}
        />
      ) : null}
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
