import { useTranslation } from 'react-i18next';
import { SEXES, type Sex } from '@homeward/core';
import { Field } from '../../forms/field.component';
import { RadioGroup } from '../../forms/choice-group.component';
import type { NewCaseFormState } from '../new-case-form';
import { fieldId, type SectionProps } from './section-props';

type NameField = 'familyNameKm' | 'givenNameKm' | 'familyNameLatin' | 'givenNameLatin' | 'alias';

export function ChildSection({ state, update, errors }: SectionProps) {
  const { t } = useTranslation();

  const nameField = (field: NameField, label: string, script: 'km' | 'en', hint?: string) => (
    <Field id={fieldId(field)} name={field} label={label} error={errors[field]} {...(hint ? { hint } : {})}>
      {(control) => (
        <input
          {...control}
          type="text"
          // lang picks the right keyboard and spelling rules for each script.
          lang={script}
          autoComplete="off"
          spellCheck={false}
          value={state[field]}
          onChange={(event) => {
            const patch: Partial<NewCaseFormState> = {};
            patch[field] = event.target.value;
            update(patch);
          }}
        />
      )}
    </Field>
  );

  return (
    <fieldset className="form-section">
      <legend className="form-section__title">{t('cases:new.sections.child')}</legend>
      <p className="field__hint">{t('cases:new.namesHint')}</p>
      <div className="form-grid">
        {nameField('familyNameKm', t('cases:fields.familyNameKm'), 'km')}
        {nameField('givenNameKm', t('cases:fields.givenNameKm'), 'km')}
        {nameField('familyNameLatin', t('cases:fields.familyNameLatin'), 'en')}
        {nameField('givenNameLatin', t('cases:fields.givenNameLatin'), 'en')}
      </div>
      {nameField('alias', t('cases:fields.alias'), 'en', t('cases:new.aliasHint'))}
      <RadioGroup<Sex>
        id={fieldId('sex')}
        name="sex"
        legend={t('cases:fields.sex')}
        required
        className="choice-group--inline"
        choices={SEXES.map((sex) => ({ value: sex, label: t(`codes:sex.${sex}`) }))}
        value={state.sex}
        onChange={(sex) => update({ sex })}
        error={errors.sex}
      />
    </fieldset>
  );
}
