import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CONSENT_GIVERS, CONSENT_SCOPES, type EventPayload } from '@homeward/core';
import { payloadOf } from './step-context';
import { RadioField, TextField } from './step-fields.component';
import { StepFormFrame } from './step-form.component';
import { useStepForm, type StepFormProps } from './use-step-form';

type Consent = EventPayload<'consent'>;
const ACTIONS = ['given', 'withdrawn'] as const;

export function ConsentForm(props: StepFormProps) {
  const { t } = useTranslation();
  const form = useStepForm('consent', props);
  const initial = payloadOf('consent', props.original);
  const [scope, setScope] = useState<Consent['scope'] | ''>(initial?.scope ?? '');
  const [action, setAction] = useState<Consent['action'] | ''>(initial?.action ?? '');
  const [givenBy, setGivenBy] = useState<Consent['givenBy'] | ''>(initial?.givenBy ?? '');
  const [guardianName, setGuardianName] = useState(initial?.guardianName ?? '');
  const [note, setNote] = useState(initial?.note ?? '');
  const withGuardian = givenBy === 'guardian' || givenBy === 'child_and_guardian';
  const consents = props.context.state.consents;
  return (
    <StepFormFrame
      form={form}
      onCancel={props.onCancel}
      onSubmit={form.onSubmit(() => ({
        payload: {
          scope: scope || undefined,
          action: action || undefined,
          givenBy: givenBy || undefined,
          guardianName: withGuardian ? guardianName : undefined,
          note,
        },
      }))}
    >
      <RadioField
        form={form}
        path="payload.scope"
        label={t('steps:consent.scope')}
        required
        options={CONSENT_SCOPES}
        labelOf={(code) => (
          <>
            {t(`codes:consentScope.${code}`)}{' '}
            <span className="muted">
              ({consents[code] ? t('steps:consent.nowGiven') : t('steps:consent.nowNotGiven')})
            </span>
          </>
        )}
        value={scope}
        onChange={setScope}
      />
      <RadioField
        form={form}
        path="payload.action"
        label={t('steps:consent.action')}
        required
        className="choice-group--inline"
        options={ACTIONS}
        labelOf={(code) => t(`steps:consent.actions.${code}`)}
        value={action}
        onChange={setAction}
      />
      <RadioField
        form={form}
        path="payload.givenBy"
        label={t('steps:consent.givenBy')}
        required
        options={CONSENT_GIVERS}
        labelOf={(code) => t(`codes:consentGiver.${code}`)}
        value={givenBy}
        onChange={setGivenBy}
      />
      {withGuardian ? (
        <TextField
          form={form}
          path="payload.guardianName"
          label={t('steps:consent.guardianName')}
          value={guardianName}
          onChange={setGuardianName}
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
