import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { payloadOf } from './step-context';
import { CheckboxField, TextField } from './step-fields.component';
import { StepFormFrame } from './step-form.component';
import { useStepForm, type StepFormProps } from './use-step-form';

/** A case note, written from the step list or as a correction of an earlier note. */
export function NoteForm(props: StepFormProps) {
  const { t } = useTranslation();
  const form = useStepForm('note', props);
  const initial = payloadOf('note', props.original);
  const [text, setText] = useState(initial?.text ?? '');
  const [confidential, setConfidential] = useState(initial?.confidential ?? false);
  return (
    <StepFormFrame
      form={form}
      onCancel={props.onCancel}
      onSubmit={form.onSubmit(() => ({
        payload: { text, confidential },
        options: { messages: { 'payload.text': 'cases:errors.noteRequired' } },
      }))}
    >
      <TextField
        form={form}
        path="payload.text"
        label={t('cases:note.text')}
        required
        rows={4}
        value={text}
        onChange={setText}
      />
      <CheckboxField
        form={form}
        path="payload.confidential"
        label={t('cases:note.confidential')}
        hint={t('cases:note.confidentialHint')}
        checked={confidential}
        onChange={setConfidential}
      />
    </StepFormFrame>
  );
}
