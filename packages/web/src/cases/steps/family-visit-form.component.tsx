import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FAMILY_VISIT_KINDS, VISIT_OCCASIONS, type EventPayload } from '@homeward/core';
import { payloadOf } from './step-context';
import { RadioField, TextField } from './step-fields.component';
import { StepFormFrame } from './step-form.component';
import { useStepForm, type StepFormProps } from './use-step-form';

type Visit = EventPayload<'family_visit'>;

export function FamilyVisitForm(props: StepFormProps) {
  const { t } = useTranslation();
  const form = useStepForm('family_visit', props);
  const initial = payloadOf('family_visit', props.original);
  const [kind, setKind] = useState<Visit['kind'] | ''>(initial?.kind ?? '');
  const [occasion, setOccasion] = useState<Visit['occasion'] | ''>(initial?.occasion ?? 'routine');
  const [note, setNote] = useState(initial?.note ?? '');
  return (
    <StepFormFrame
      form={form}
      onCancel={props.onCancel}
      dateLabel={t('steps:familyVisit.date')}
      onSubmit={form.onSubmit(() => ({
        payload: { kind: kind || undefined, occasion: occasion || undefined, note },
      }))}
    >
      <RadioField
        form={form}
        path="payload.kind"
        label={t('steps:familyVisit.kind')}
        required
        options={FAMILY_VISIT_KINDS}
        labelOf={(code) => t(`codes:familyVisitKind.${code}`)}
        value={kind}
        onChange={setKind}
      />
      <RadioField
        form={form}
        path="payload.occasion"
        label={t('steps:familyVisit.occasion')}
        required
        className="choice-group--inline"
        options={VISIT_OCCASIONS}
        labelOf={(code) => t(`codes:visitOccasion.${code}`)}
        value={occasion}
        onChange={setOccasion}
      />
      <TextField
        form={form}
        path="payload.note"
        label={t('steps:familyVisit.note')}
        rows={3}
        value={note}
        onChange={setNote}
      />
    </StepFormFrame>
  );
}
