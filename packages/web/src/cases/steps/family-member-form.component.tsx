import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { RELATIONSHIPS, type EventPayload } from '@homeward/core';
import { Field, FieldError } from '../../forms/field.component';
import { useMessageText } from '../../forms/messages';
import { LocationPicker } from '../../locations/location-picker.component';
import { familyMembers, newId, payloadOf, type FamilyMember } from './step-context';
import { fromYesNo, SelectField, TextField, yesNo, YesNoField, type YesNo } from './step-fields.component';
import { StepFormFrame } from './step-form.component';
import { useStepForm, type StepFormProps } from './use-step-form';

type Relationship = EventPayload<'family_member'>['relationship'];
const NEW = 'new';

/** Adds a relative or contact, or updates what is known of one (found, moved, a new phone number). */
export function FamilyMemberForm(props: StepFormProps) {
  const { t } = useTranslation();
  const text = useMessageText();
  const form = useStepForm('family_member', props);
  const members = familyMembers(props.context.events);
  const initial = payloadOf('family_member', props.original);
  const [memberId, setMemberId] = useState(initial?.memberId ?? NEW);
  const [newMemberId] = useState(newId);
  const [name, setName] = useState(initial?.name ?? '');
  const [relationship, setRelationship] = useState<Relationship | ''>(initial?.relationship ?? '');
  const [phone, setPhone] = useState(initial?.phone ?? '');
  const [whereabouts, setWhereabouts] = useState<YesNo>(yesNo(initial?.whereaboutsKnown));
  const [villageCode, setVillageCode] = useState<string | null>(initial?.villageCode ?? null);
  const [note, setNote] = useState(initial?.note ?? '');

  const load = (member: FamilyMember | undefined) => {
    setName(member?.name ?? '');
    setRelationship(member?.relationship ?? '');
    setPhone(member?.phone ?? '');
    setWhereabouts(yesNo(member?.whereaboutsKnown));
    setVillageCode(member?.villageCode ?? null);
    setNote(member?.note ?? '');
  };

  const villageError = form.errors['payload.villageCode'];
  return (
    <StepFormFrame
      form={form}
      onCancel={props.onCancel}
      onSubmit={form.onSubmit(() => ({
        payload: {
          memberId: memberId === NEW ? newMemberId : memberId,
          name,
          relationship: relationship || undefined,
          phone,
          whereaboutsKnown: fromYesNo(whereabouts),
          villageCode: villageCode ?? undefined,
          note,
        },
        options: {
          messages: {
            'payload.name': 'steps:familyMember.errors.name',
            'payload.villageCode': 'cases:errors.villageNotFound',
          },
        },
      }))}
    >
      {!props.original && members.length > 0 ? (
        <Field id={form.id('member')} name="member" label={t('steps:familyMember.who')}>
          {(control) => (
            <select
              {...control}
              value={memberId}
              onChange={(event) => {
                setMemberId(event.target.value);
                load(members.find((member) => member.memberId === event.target.value));
              }}
            >
              <option value={NEW}>{t('steps:familyMember.newPerson')}</option>
              {members.map((member) => (
                <option key={member.memberId} value={member.memberId}>
                  {t('steps:familyMember.update', { name: member.name })}
                </option>
              ))}
            </select>
          )}
        </Field>
      ) : null}
      <div className="form-grid">
        <TextField
          form={form}
          path="payload.name"
          label={t('steps:familyMember.name')}
          required
          value={name}
          onChange={setName}
        />
        <SelectField
          form={form}
          path="payload.relationship"
          label={t('steps:familyMember.relationship')}
          required
          options={RELATIONSHIPS}
          labelOf={(code) => t(`codes:relationship.${code}`)}
          value={relationship}
          onChange={setRelationship}
        />
        <TextField
          form={form}
          path="payload.phone"
          label={t('steps:familyMember.phone')}
          value={phone}
          onChange={setPhone}
        />
      </div>
      <YesNoField
        form={form}
        path="payload.whereaboutsKnown"
        label={t('steps:familyMember.whereaboutsKnown')}
        required
        value={whereabouts}
        onChange={setWhereabouts}
      />
      <fieldset className="step-group">
        <legend className="step-group__title">{t('steps:familyMember.village')}</legend>
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
