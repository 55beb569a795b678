import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { REINTEGRATION_DESTINATIONS, type ReintegrationDestination } from '@homeward/core';
import { FieldError } from '../../forms/field.component';
import { useMessageText } from '../../forms/messages';
import { LocationPicker } from '../../locations/location-picker.component';
import { payloadOf } from './step-context';
import { CheckboxField, SelectField, TextField } from './step-fields.component';
import { StepFormFrame } from './step-form.component';
import { useStepForm, type StepFormProps } from './use-step-form';

/** The child returns to a family or moves on (group home, independent living, work); follow-up starts. */
export function ReintegrationForm(props: StepFormProps) {
  const { t } = useTranslation();
  const text = useMessageText();
  const form = useStepForm('reintegration', props);
  const initial = payloadOf('reintegration', props.original);
  const [destination, setDestination] = useState<ReintegrationDestination | ''>(initial?.destination ?? '');
  const [carerName, setCarerName] = useState(initial?.carerName ?? '');
  const [villageCode, setVillageCode] = useState<string | null>(initial?.villageCode ?? null);
  const [childConsents, setChildConsents] = useState(initial?.childConsents ?? false);
  const [note, setNote] = useState(initial?.note ?? '');
  const villageError = form.errors['payload.villageCode'];
  return (
    <StepFormFrame
      form={form}
      onCancel={props.onCancel}
      dateLabel={t('steps:reintegration.date')}
      intro={<p className="step-form__intro">{t('steps:reintegration.intro')}</p>}
      onSubmit={form.onSubmit(() => ({
        payload: {
          destination: destination || undefined,
          carerName,
          villageCode: villageCode ?? undefined,
          childConsents,
          note,
        },
        options: {
          messages: {
            'payload.destination': 'steps:reintegration.errors.destination',
            'payload.childConsents': 'steps:reintegration.errors.childConsents',
            'payload.villageCode': 'cases:errors.villageNotFound',
          },
        },
      }))}
    >
      <SelectField
        form={form}
        path="payload.destination"
        label={t('steps:reintegration.destination')}
        required
        options={REINTEGRATION_DESTINATIONS}
        labelOf={(code) => t(`codes:destination.${code}`)}
        value={destination}
        onChange={setDestination}
      />
      <TextField
        form={form}
        path="payload.carerName"
        label={t('steps:reintegration.carerName')}
        hint={t('steps:reintegration.carerNameHint')}
        value={carerName}
        onChange={setCarerName}
      />
      <fieldset className="step-group">
        <legend className="step-group__title">{t('steps:reintegration.village')}</legend>
        <div className={villageError ? 'field field--error' : 'field'} data-field="payload.villageCode">
          <LocationPicker
            id={form.id('payload.villageCode')}
            value={villageCode}
            onChange={(code) => {
              setVillageCode(code);
              form.clear('payload.villageCode');
            }}
          />
          {villageError ? (
            <FieldError id={`${form.id('payload.villageCode')}-error`}>{text(villageError)}</FieldError>
          ) : null}
        </div>
      </fieldset>
      <CheckboxField
        form={form}
        path="payload.childConsents"
        label={t('steps:reintegration.childConsents')}
        hint={t('steps:reintegration.childConsentsHint')}
        required
        checked={childConsents}
        onChange={setChildConsents}
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
