import { useTranslation } from 'react-i18next';
import { Field } from '../../forms/field.component';
import { RadioGroup } from '../../forms/choice-group.component';
import type { NewCaseFormState } from '../new-case-form';
import { fieldId, type SectionProps } from './section-props';
import { DateInput } from '../../forms/date-input.component';

export function BirthSection({ state, update, errors, today }: SectionProps & { today: string }) {
  const { t } = useTranslation();
  return (
    <fieldset className="form-section">
      <legend className="form-section__title">{t('cases:new.sections.birth')}</legend>
      <RadioGroup<NewCaseFormState['birthMode']>
        id={fieldId('birthMode')}
        name="birthMode"
        legend={t('cases:new.birthMode.legend')}
        className="choice-group--inline"
        choices={[
          { value: 'date', label: t('cases:new.birthMode.date') },
          { value: 'age', label: t('cases:new.birthMode.age') },
        ]}
        value={state.birthMode}
        onChange={(birthMode) => update({ birthMode })}
      />
      {state.birthMode === 'date' ? (
        <>
          <Field
            id={fieldId('dateOfBirth')}
            name="dateOfBirth"
            label={t('cases:fields.dateOfBirth')}
            required
            error={errors.dateOfBirth}
          >
            {(control) => (
              <DateInput
                {...control}
                max={today}
                value={state.dateOfBirth}
                onChange={(value) => update({ dateOfBirth: value })}
              />
            )}
          </Field>
          <div className="choice choice--standalone">
            <input
              id={fieldId('dateOfBirthEstimated')}
              type="checkbox"
              checked={state.dateOfBirthEstimated}
              onChange={(event) => update({ dateOfBirthEstimated: event.target.checked })}
            />
            <label htmlFor={fieldId('dateOfBirthEstimated')}>{t('cases:fields.dateOfBirthEstimated')}</label>
          </div>
        </>
      ) : (
        <Field
          id={fieldId('estimatedAge')}
          name="estimatedAge"
          label={t('cases:fields.estimatedAge')}
          hint={t('cases:new.estimatedAgeHint')}
          required
          error={errors.estimatedAge}
          className="field--short"
        >
          {(control) => (
            <input
              {...control}
              type="number"
              inputMode="numeric"
              min={0}
              max={30}
              step={1}
              value={state.estimatedAge}
              onChange={(event) => update({ estimatedAge: event.target.value })}
            />
          )}
        </Field>
      )}
    </fieldset>
  );
}
