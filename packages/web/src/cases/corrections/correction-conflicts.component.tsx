import { useTranslation } from 'react-i18next';
import type { FieldConflictDetail } from '@homeward/core';
import { formatDate, localToday } from '../../text/dates';
import { useLanguage } from '../../text/use-language';
import { FIELD_LABEL_KEYS } from './correction-fields';
import { useFieldValueText } from './use-field-value-text';

export type ConflictChoice = 'mine' | 'theirs';

interface CorrectionConflictsProps {
  conflicts: readonly FieldConflictDetail[];
  choices: Readonly<Record<string, ConflictChoice>>;
  onChoose: (field: string, choice: ConflictChoice) => void;
  onResolve: () => void;
  onCancel: () => void;
  pending: boolean;
}

/** Someone changed these fields after the form was opened: both values side by side, one choice per field. */
export function CorrectionConflicts({
  conflicts,
  choices,
  onChoose,
  onResolve,
  onCancel,
  pending,
}: CorrectionConflictsProps) {
  const { t } = useTranslation();
  const language = useLanguage();
  const valueText = useFieldValueText();
  return (
    <div className="correction-conflicts" data-testid="correction-conflicts">
      <div role="alert" className="form-alert">
        <p>
          <strong>{t('cases:correction.conflictTitle')}</strong>
        </p>
        <p>{t('cases:correction.conflictIntro')}</p>
      </div>
      {conflicts.map((conflict) => {
        const name = `conflict-${conflict.field}`;
        const who = conflict.changedBy
          ? t('cases:correction.changedBy', {
              name: conflict.changedBy,
              date: conflict.changedAt ? formatDate(localToday(new Date(conflict.changedAt)), language) : '',
            })
          : null;
        return (
          <fieldset key={conflict.field} className="conflict" data-testid="conflict" data-field={conflict.field}>
            <legend className="conflict__field">{t(FIELD_LABEL_KEYS[conflict.field])}</legend>
            <div className="conflict__sides">
              <label
                className={
                  choices[conflict.field] === 'mine' ? 'conflict__side conflict__side--chosen' : 'conflict__side'
                }
              >
                <input
                  type="radio"
                  name={name}
                  checked={choices[conflict.field] === 'mine'}
                  onChange={() => onChoose(conflict.field, 'mine')}
                  data-testid="keep-mine"
                />
                <span className="conflict__label">{t('cases:correction.yourValue')}</span>
                <span className="conflict__value" data-testid="your-value">
                  {valueText(conflict.field, conflict.yours)}
                </span>
              </label>
              <label
                className={
                  choices[conflict.field] === 'theirs' ? 'conflict__side conflict__side--chosen' : 'conflict__side'
                }
              >
                <input
                  type="radio"
                  name={name}
                  checked={choices[conflict.field] === 'theirs'}
                  onChange={() => onChoose(conflict.field, 'theirs')}
                  data-testid="keep-current"
                />
                <span className="conflict__label">{t('cases:correction.currentValue')}</span>
                <span className="conflict__value" data-testid="current-value">
                  {valueText(conflict.field, conflict.current)}
                </span>
                {who ? <span className="conflict__who">{who}</span> : null}
              </label>
            </div>
          </fieldset>
        );
      })}
      <div className="form__actions">
        <button type="button" className="button button--primary" onClick={onResolve} disabled={pending}>
          {pending ? t('cases:correction.saving') : t('cases:correction.resolve')}
        </button>
        <button type="button" className="button" onClick={onCancel}>
          {t('cases:correction.cancel')}
        </button>
      </div>
    </div>
  );
}
