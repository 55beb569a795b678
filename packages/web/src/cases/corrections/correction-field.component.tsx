import { useTranslation } from 'react-i18next';
import {
  CASE_TYPES,
  CHILD_TYPES,
  REFERRAL_SOURCES,
  RISK_LEVELS,
  SEXES,
  type CaseType,
  type CorrectableField,
} from '@homeward/core';
import { CheckboxGroup, RadioGroup } from '../../forms/choice-group.component';
import { Field, FieldError } from '../../forms/field.component';
import { useMessageText, type Message } from '../../forms/messages';
import { LocationPicker } from '../../locations/location-picker.component';
import { FIELD_LABEL_KEYS } from './correction-fields';
import { asText } from './use-field-value-text';

interface CorrectionFieldProps {
  field: CorrectableField;
  value: unknown;
  error: Message | undefined;
  onChange: (value: unknown) => void;
}

const CODE_LISTS = {
  childType: { codes: CHILD_TYPES, list: 'childType' },
  riskLevel: { codes: RISK_LEVELS, list: 'riskLevel' },
  'referral.source': { codes: REFERRAL_SOURCES, list: 'referralSource' },
} as const;

const SCRIPTS: Partial<Record<CorrectableField, 'km' | 'en'>> = {
  familyNameKm: 'km',
  givenNameKm: 'km',
  familyNameLatin: 'en',
  givenNameLatin: 'en',
};

/** One field of the correction form, with the control its values need. */
export function CorrectionField({ field, value, error, onChange }: CorrectionFieldProps) {
  const { t } = useTranslation();
  const text = useMessageText();
  const id = `correction-${field.replace('.', '-')}`;
  const label = t(FIELD_LABEL_KEYS[field]);
  switch (field) {
    case 'sex':
      return (
        <RadioGroup
          id={id}
          name={field}
          legend={label}
          className="choice-group--inline"
          choices={SEXES.map((sex) => ({ value: sex, label: t(`codes:sex.${sex}`) }))}
          value={asText(value) as (typeof SEXES)[number]}
          onChange={onChange}
          error={error}
        />
      );
    case 'caseTypes':
      return (
        <CheckboxGroup<CaseType>
          id={id}
          name={field}
          legend={label}
          className="form-grid__wide"
          choices={CASE_TYPES.map((type) => ({ value: type, label: t(`codes:caseType.${type}`) }))}
          values={(value as CaseType[] | null) ?? []}
          onChange={onChange}
          error={error}
        />
      );
    case 'dateOfBirthEstimated':
      return (
        <div className="field field--checkbox" data-field={field}>
          <label>
            <input type="checkbox" checked={value === true} onChange={(event) => onChange(event.target.checked)} />{' '}
            {label}
          </label>
          {error ? <FieldError id={`${id}-error`}>{text(error)}</FieldError> : null}
        </div>
      );
    case 'villageCode':
      return (
        <fieldset className="form-section form-grid__wide" data-field={field}>
          <legend className="form-section__title">{label}</legend>
          <LocationPicker id={id} value={(value as string | null) ?? null} onChange={onChange} />
          {error ? <FieldError id={`${id}-error`}>{text(error)}</FieldError> : null}
        </fieldset>
      );
    case 'childType':
    case 'riskLevel':
    case 'referral.source': {
      const { codes, list } = CODE_LISTS[field];
      return (
        <Field id={id} name={field} label={label} error={error}>
          {(control) => (
            <select
              {...control}
              value={asText(value)}
              onChange={(event) => onChange(event.target.value === '' ? null : event.target.value)}
            >
              {field === 'referral.source' ? null : <option value="">{t('cases:none')}</option>}
              {codes.map((code) => (
                <option key={code} value={code}>
                  {t(`codes:${list}.${code}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
      );
    }
    case 'dateOfBirth':
    case 'referral.referredOn':
      return (
        <Field id={id} name={field} label={label} error={error}>
          {(control) => (
            <input {...control} type="date" value={asText(value)} onChange={(event) => onChange(event.target.value)} />
          )}
        </Field>
      );
    case 'referral.reason':
      return (
        <Field id={id} name={field} label={label} error={error} className="form-grid__wide">
          {(control) => (
            <textarea {...control} rows={3} value={asText(value)} onChange={(event) => onChange(event.target.value)} />
          )}
        </Field>
      );
    case 'familyNameKm':
    case 'givenNameKm':
    case 'familyNameLatin':
    case 'givenNameLatin':
    case 'alias':
    case 'nationality':
    case 'referral.sourceName':
      return (
        <Field id={id} name={field} label={label} error={error}>
          {(control) => (
            <input
              {...control}
              type="text"
              lang={SCRIPTS[field]}
              autoComplete="off"
              spellCheck={false}
              value={asText(value)}
              onChange={(event) => onChange(event.target.value)}
            />
          )}
        </Field>
      );
  }
}
