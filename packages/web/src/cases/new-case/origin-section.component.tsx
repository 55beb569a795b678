import { useTranslation } from 'react-i18next';
import { LocationPicker } from '../../locations/location-picker.component';
import { FieldError } from '../../forms/field.component';
import { useMessageText } from '../../forms/messages';
import { fieldId, type SectionProps } from './section-props';

export function OriginSection({ state, update, errors }: SectionProps) {
  const { t } = useTranslation();
  const text = useMessageText();
  const id = fieldId('villageCode');
  const error = errors.villageCode;
  // The picker labels its own search box and lists; this fieldset's legend says what the place is for.
  return (
    <fieldset className="form-section">
      <legend className="form-section__title">{t('cases:fields.village')}</legend>
      <div className={error ? 'field field--error' : 'field'} data-field="villageCode">
        <LocationPicker id={id} value={state.villageCode} onChange={(villageCode) => update({ villageCode })} />
        {error ? <FieldError id={`${id}-error`}>{text(error)}</FieldError> : null}
      </div>
    </fieldset>
  );
}
