import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CONSENT_GIVERS, CONSENT_SCOPES, type EventPayload } from '@homeward/core';
import { CheckboxGroup } from '../../forms/choice-group.component';
import { LoadingState, RequestErrorState } from '../../layout/states.component';
import { useReceivers } from '../../referrals/referrals.resource';
import { payloadOf } from './step-context';
import { RadioField, TextField } from './step-fields.component';
import { StepFormFrame } from './step-form.component';
import { useStepForm, type StepForm, type StepFormProps } from './use-step-form';

type Consent = EventPayload<'consent'>;
const ACTIONS = ['given', 'withdrawn'] as const;
/** A sharing consent covers any partner organisation, or only those the family named (decision 0014). */
const COVERAGE = ['any', 'chosen'] as const;
type Coverage = (typeof COVERAGE)[number];

export function ConsentForm(props: StepFormProps) {
  const { t } = useTranslation();
  const form = useStepForm('consent', props);
  const initial = payloadOf('consent', props.original);
  const [scope, setScope] = useState<Consent['scope'] | ''>(initial?.scope ?? '');
  const [action, setAction] = useState<Consent['action'] | ''>(initial?.action ?? '');
  const [givenBy, setGivenBy] = useState<Consent['givenBy'] | ''>(initial?.givenBy ?? '');
  const [guardianName, setGuardianName] = useState(initial?.guardianName ?? '');
  const [note, setNote] = useState(initial?.note ?? '');
  const [coverage, setCoverage] = useState<Coverage>(Array.isArray(initial?.sharedWith) ? 'chosen' : 'any');
  const [chosen, setChosen] = useState<string[]>(Array.isArray(initial?.sharedWith) ? initial.sharedWith : []);
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
          sharedWith: scope === 'sharing' ? (coverage === 'any' ? 'any' : chosen) : undefined,
        },
        options: { messages: { 'payload.sharedWith': 'steps:consent.errors.sharedWith' } },
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
      {scope === 'sharing' ? (
        <>
          <RadioField
            form={form}
            path="payload.coverage"
            label={t('steps:consent.coverage')}
            options={COVERAGE}
            labelOf={(code) => t(`steps:consent.coverages.${code}`)}
            value={coverage}
            onChange={setCoverage}
          />
          {coverage === 'chosen' ? <PartnerChoice form={form} values={chosen} onChange={setChosen} /> : null}
        </>
      ) : null}
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

/** The partner organisations a child can be referred to: the directory the referral form picks from. */
function PartnerChoice({
  form,
  values,
  onChange,
}: {
  form: StepForm;
  values: string[];
  onChange: (values: string[]) => void;
}) {
  const { t } = useTranslation();
  const receivers = useReceivers('', '');
  if (receivers.error) return <RequestErrorState error={receivers.error} onRetry={() => void receivers.refetch()} />;
  if (!receivers.data) return <LoadingState />;
  return (
    <CheckboxGroup
      id={form.id('payload.sharedWith')}
      name="payload.sharedWith"
      legend={t('steps:consent.partners')}
      choices={receivers.data.items.map((receiver) => ({ value: receiver.id, label: receiver.name }))}
      values={values}
      required
      error={form.errors['payload.sharedWith']}
      onChange={(next) => {
        onChange(next);
        form.clear('payload.sharedWith');
      }}
    />
  );
}
