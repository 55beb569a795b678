import { useTranslation } from 'react-i18next';
import {
  CASE_TYPES,
  CHILD_TYPE_FOR_CASE_TYPE,
  CHILD_TYPES,
  INTERVIEWEES,
  RISK_LEVELS,
  type CaseType,
} from '@homeward/core';
import { CheckboxGroup } from '../../forms/choice-group.component';
import { Field } from '../../forms/field.component';
import { oneOf } from '../../forms/one-of';
import type { Interviewee } from '../new-case-form';
import { fieldId, type SectionProps } from './section-props';

export function ClassificationSection({ state, update, errors }: SectionProps) {
  const { t } = useTranslation();

  const onCaseTypes = (caseTypes: CaseType[]) => {
    // Suggest MoSVY's "type of child" from the first case type, until the user picks one themselves.
    const first = caseTypes[0];
    if (state.childType === '' || state.childTypeSuggested) {
      update({
        caseTypes,
        childType: first ? CHILD_TYPE_FOR_CASE_TYPE[first] : '',
        childTypeSuggested: Boolean(first),
      });
    } else {
      update({ caseTypes });
    }
  };

  return (
    <fieldset className="form-section">
      <legend className="form-section__title">{t('cases:new.sections.classification')}</legend>
      <CheckboxGroup<CaseType>
        id={fieldId('caseTypes')}
        name="caseTypes"
        legend={t('cases:fields.caseTypes')}
        hint={t('cases:new.caseTypesHint')}
        required
        className="choice-group--columns"
        choices={CASE_TYPES.map((type) => ({ value: type, label: t(`codes:caseType.${type}`) }))}
        values={state.caseTypes}
        onChange={onCaseTypes}
        error={errors.caseTypes}
      />
      <Field
        id={fieldId('childType')}
        name="childType"
        label={t('cases:fields.childType')}
        hint={state.childTypeSuggested ? t('cases:new.childTypeSuggested') : undefined}
        error={errors.childType}
      >
        {(control) => (
          <select
            {...control}
            value={state.childType}
            onChange={(event) =>
              update({ childType: oneOf(CHILD_TYPES, event.target.value), childTypeSuggested: false })
            }
          >
            <option value="">{t('cases:new.notChosen')}</option>
            {CHILD_TYPES.map((type) => (
              <option key={type} value={type}>
                {t(`codes:childType.${type}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field
        id={fieldId('riskLevel')}
        name="riskLevel"
        label={t('cases:fields.riskLevelAtIntake')}
        error={errors.riskLevel}
      >
        {(control) => (
          <select
            {...control}
            value={state.riskLevel}
            onChange={(event) => update({ riskLevel: oneOf(RISK_LEVELS, event.target.value) })}
          >
            <option value="">{t('cases:new.notAssessed')}</option>
            {RISK_LEVELS.map((level) => (
              <option key={level} value={level}>
                {t(`codes:riskLevel.${level}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <CheckboxGroup<Interviewee>
        id={fieldId('interviewed')}
        name="interviewed"
        legend={t('cases:fields.interviewed')}
        hint={t('cases:new.interviewedHint')}
        className="choice-group--columns"
        choices={INTERVIEWEES.map((who) => ({ value: who, label: t(`codes:interviewee.${who}`) }))}
        values={state.interviewed}
        onChange={(interviewed) => update({ interviewed })}
        error={errors.interviewed}
      />
    </fieldset>
  );
}
