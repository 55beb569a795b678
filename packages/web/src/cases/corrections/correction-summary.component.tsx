import { useTranslation } from 'react-i18next';
import { CORRECTABLE_FIELDS, type CorrectableField, type CorrectedField } from '@homeward/core';
import { FIELD_LABEL_KEYS } from './correction-fields';
import { useFieldValueText } from './use-field-value-text';

/** A correction on the timeline: each field with its old and new value ("Given name: Dara → Darra"). */
export function CorrectionSummary({ changes }: { changes: Readonly<Record<string, CorrectedField>> }) {
  const { t } = useTranslation();
  const valueText = useFieldValueText();
  // Fields the reader may not see were taken out of the payload by the server.
  const fields = CORRECTABLE_FIELDS.filter((field): field is CorrectableField => field in changes);
  return (
    <div className="timeline__body">
      <ul className="correction-summary" data-testid="correction-summary">
        {fields.map((field) => {
          const change = changes[field] as CorrectedField;
          return (
            <li key={field}>
              {t('cases:correction.changeLine', {
                field: t(FIELD_LABEL_KEYS[field]),
                from: valueText(field, change.from),
                to: valueText(field, change.to),
              })}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
