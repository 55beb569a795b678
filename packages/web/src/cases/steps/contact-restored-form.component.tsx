import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { payloadOf } from './step-context';
import { TextField } from './step-fields.component';
import { StepFormFrame } from './step-form.component';
import { useStepForm, type StepFormProps } from './use-step-form';

export function ContactRestoredForm(props: StepFormProps) {
  const { t } = useTranslation();
  const form = useStepForm('contact_restored', props);
  const initial = payloadOf('contact_restored', props.original);
  const [note, setNote] = useState(initial?.note ?? '');
  return (
    <StepFormFrame
      form={form}
      onCancel={props.onCancel}
      onSubmit={form.onSubmit(() => ({
        payload: { note },
        options: { messages: { 'payload.note': 'steps:contactRestored.errors.note' } },
      }))}
    >
      <TextField
        form={form}
        path="payload.note"
        label={t('steps:contactRestored.note')}
        hint={t('steps:contactRestored.noteHint')}
        required
        rows={3}
        value={note}
        onChange={setNote}
      />
    </StepFormFrame>
  );
}
