import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApprovalSubject } from '@homeward/core';
import { requestableSubjects } from './step-catalogue';
import { payloadOf } from './step-context';
import { RadioField, TextField } from './step-fields.component';
import { StepFormFrame } from './step-form.component';
import { useStepForm, type StepFormProps } from './use-step-form';

/** Asks a supervisor to approve a step the organisation puts behind approval (a care plan, a reintegration…). */
export function ApprovalRequestForm(props: StepFormProps) {
  const { t } = useTranslation();
  const form = useStepForm('approval_request', props);
  const { state } = props.context;
  const initial = payloadOf('approval_request', props.original);
  const subjects = requestableSubjects(state);
  const options = initial && !subjects.includes(initial.subject) ? [initial.subject, ...subjects] : subjects;
  // A care plan waiting for approval is what a request is most often for; otherwise the only possible subject.
  const [subject, setSubject] = useState<ApprovalSubject | ''>(
    initial?.subject ?? (options.includes('care_plan') ? 'care_plan' : options.length === 1 ? (options[0] ?? '') : ''),
  );
  const [note, setNote] = useState(initial?.note ?? '');
  return (
    <StepFormFrame
      form={form}
      onCancel={props.onCancel}
      submitLabel={t('steps:approvalRequest.submit')}
      onSubmit={form.onSubmit(() => ({
        payload: {
          subject: subject || undefined,
          // A care plan is approved as recorded: the request names the plan, so a later plan needs its own.
          eventId: subject === 'care_plan' ? (state.carePlan?.eventId ?? undefined) : undefined,
          note,
        },
        options: { messages: { 'payload.subject': 'steps:approvalRequest.errors.subject' } },
      }))}
    >
      <RadioField
        form={form}
        path="payload.subject"
        label={t('steps:approvalRequest.subject')}
        required
        options={options}
        labelOf={(code) => t(`codes:approvalSubject.${code}`)}
        value={subject}
        onChange={setSubject}
      />
      <TextField
        form={form}
        path="payload.note"
        label={t('steps:approvalRequest.note')}
        hint={t('steps:approvalRequest.noteHint')}
        rows={3}
        value={note}
        onChange={setNote}
      />
    </StepFormFrame>
  );
}
