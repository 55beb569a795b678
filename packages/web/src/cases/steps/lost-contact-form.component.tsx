import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LOST_CONTACT_REASONS, type EventPayload } from '@homeward/core';
import { payloadOf } from './step-context';
import { DateField, fromYesNo, SelectField, TextField, yesNo, YesNoField, type YesNo } from './step-fields.component';
import { StepFormFrame } from './step-form.component';
import { useStepForm, type StepFormProps } from './use-step-form';

type Reason = EventPayload<'lost_contact'>['reason'];

/** The child cannot be reached (moved to Poipet for work); the authorities are told. */
export function LostContactForm(props: StepFormProps) {
  const { t } = useTranslation();
  const form = useStepForm('lost_contact', props);
  const initial = payloadOf('lost_contact', props.original);
  const [reason, setReason] = useState<Reason | ''>(initial?.reason ?? '');
  const [informed, setInformed] = useState<YesNo>(yesNo(initial?.authoritiesInformed));
  const [informedWhom, setInformedWhom] = useState(initial?.informedWhom ?? '');
  const [informedOn, setInformedOn] = useState(initial?.informedOn ?? '');
  const [note, setNote] = useState(initial?.note ?? '');
  return (
    <StepFormFrame
      form={form}
      onCancel={props.onCancel}
      dateLabel={t('steps:lostContact.date')}
      onSubmit={form.onSubmit(() => ({
        payload: {
          reason: reason || undefined,
          authoritiesInformed: fromYesNo(informed),
          informedWhom: informed === 'yes' ? informedWhom : undefined,
          informedOn: informed === 'yes' && informedOn ? informedOn : undefined,
          note,
        },
      }))}
    >
      <SelectField
        form={form}
        path="payload.reason"
        label={t('steps:lostContact.reason')}
        required
        options={LOST_CONTACT_REASONS}
        labelOf={(code) => t(`codes:lostContactReason.${code}`)}
        value={reason}
        onChange={setReason}
      />
      <YesNoField
        form={form}
        path="payload.authoritiesInformed"
        label={t('steps:lostContact.authoritiesInformed')}
        required
        value={informed}
        onChange={setInformed}
      />
      {informed === 'yes' ? (
        <div className="form-grid">
          <TextField
            form={form}
            path="payload.informedWhom"
            label={t('steps:lostContact.informedWhom')}
            hint={t('steps:lostContact.informedWhomHint')}
            value={informedWhom}
            onChange={setInformedWhom}
          />
          <DateField
            form={form}
            path="payload.informedOn"
            label={t('steps:lostContact.informedOn')}
            max={props.context.today}
            value={informedOn}
            onChange={setInformedOn}
          />
        </div>
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
