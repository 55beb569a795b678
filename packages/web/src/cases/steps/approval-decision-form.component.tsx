import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { APPROVAL_DECISIONS } from '@homeward/core';
import { oneOf } from '../../forms/one-of';
import { formatDate } from '../../text/dates';
import { useLanguage } from '../../text/use-language';
import { payloadOf, pendingApprovals } from './step-context';
import { RadioField, TextField } from './step-fields.component';
import { StepFormFrame } from './step-form.component';
import { useStepForm, type StepFormProps } from './use-step-form';

type Decision = (typeof APPROVAL_DECISIONS)[number];

/** A supervisor approves or rejects a pending request, with a comment for the caseworker. */
export function ApprovalDecisionForm(props: StepFormProps) {
  const { t } = useTranslation();
  const language = useLanguage();
  const form = useStepForm('approval_decision', props);
  const { state } = props.context;
  const initial = payloadOf('approval_decision', props.original);
  const pending = pendingApprovals(state);
  const requests = initial
    ? state.approvals.filter((approval) => approval.requestId === initial.requestId || approval.decision === 'pending')
    : pending;
  const [requestId, setRequestId] = useState(
    initial?.requestId ?? props.preset?.requestId ?? (requests.length === 1 ? (requests[0]?.requestId ?? '') : ''),
  );
  const [decision, setDecision] = useState<Decision | ''>(
    initial?.decision ?? oneOf(APPROVAL_DECISIONS, props.preset?.decision ?? ''),
  );
  const [comment, setComment] = useState(initial?.comment ?? '');
  return (
    <StepFormFrame
      form={form}
      onCancel={props.onCancel}
      submitLabel={t('steps:approvalDecision.submit')}
      onSubmit={form.onSubmit(() => ({
        payload: { requestId: requestId || undefined, decision: decision || undefined, comment },
        options: {
          messages: {
            'payload.requestId': 'steps:approvalDecision.errors.requestId',
            'payload.decision': 'steps:approvalDecision.errors.decision',
          },
        },
      }))}
    >
      <RadioField
        form={form}
        path="payload.requestId"
        label={t('steps:approvalDecision.request')}
        required
        options={requests.map((request) => request.requestId)}
        labelOf={(id) => {
          const request = requests.find((candidate) => candidate.requestId === id);
          return request
            ? t('steps:approvalDecision.requestLabel', {
                subject: t(`codes:approvalSubject.${request.subject}`),
                date: formatDate(request.requestedOn, language),
              })
            : id;
        }}
        value={requestId}
        onChange={setRequestId}
      />
      <RadioField
        form={form}
        path="payload.decision"
        label={t('steps:approvalDecision.decision')}
        required
        className="choice-group--inline"
        options={APPROVAL_DECISIONS}
        labelOf={(code) => t(`codes:approvalDecision.${code}`)}
        value={decision}
        onChange={setDecision}
      />
      <TextField
        form={form}
        path="payload.comment"
        label={t('steps:approvalDecision.comment')}
        hint={t('steps:approvalDecision.commentHint')}
        rows={3}
        value={comment}
        onChange={setComment}
      />
    </StepFormFrame>
  );
}
