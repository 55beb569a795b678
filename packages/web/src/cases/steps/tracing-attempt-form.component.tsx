import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { TRACING_OUTCOMES, type EventPayload } from '@homeward/core';
import { oneOf } from '../../forms/one-of';
import { familyMembers, payloadOf } from './step-context';
import { RadioField, SelectField, TextField } from './step-fields.component';
import { StepFormFrame } from './step-form.component';
import { useStepForm, type StepFormProps } from './use-step-form';

type Outcome = EventPayload<'tracing_attempt'>['outcome'];

/** One attempt to find the child's family: how, and whether they were found. */
export function TracingAttemptForm(props: StepFormProps) {
  const { t } = useTranslation();
  const form = useStepForm('tracing_attempt', props);
  const members = familyMembers(props.context.events);
  const memberIds = members.map((member) => member.memberId);
  const initial = payloadOf('tracing_attempt', props.original);
  const [memberId, setMemberId] = useState(oneOf(memberIds, initial?.memberId ?? ''));
  const [method, setMethod] = useState(initial?.method ?? '');
  const [outcome, setOutcome] = useState<Outcome | ''>(initial?.outcome ?? '');
  const [note, setNote] = useState(initial?.note ?? '');
  return (
    <StepFormFrame
      form={form}
      onCancel={props.onCancel}
      onSubmit={form.onSubmit(() => ({
        payload: { memberId: memberId || undefined, method, outcome: outcome || undefined, note },
        options: { messages: { 'payload.method': 'steps:tracing.errors.method' } },
      }))}
    >
      {members.length > 0 ? (
        <SelectField
          form={form}
          path="payload.memberId"
          label={t('steps:tracing.member')}
          hint={t('steps:tracing.memberHint')}
          options={memberIds}
          labelOf={(id) => {
            const member = members.find((candidate) => candidate.memberId === id);
            return member ? `${member.name} (${t(`codes:relationship.${member.relationship}`)})` : id;
          }}
          value={memberId}
          onChange={setMemberId}
        />
      ) : null}
      <TextField
        form={form}
        path="payload.method"
        label={t('steps:tracing.method')}
        hint={t('steps:tracing.methodHint')}
        required
        rows={2}
        value={method}
        onChange={setMethod}
      />
      <RadioField
        form={form}
        path="payload.outcome"
        label={t('steps:tracing.outcome')}
        required
        className="choice-group--inline"
        options={TRACING_OUTCOMES}
        labelOf={(code) => t(`codes:tracingOutcome.${code}`)}
        value={outcome}
        onChange={setOutcome}
      />
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
