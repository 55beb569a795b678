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

interface ConflictSideProps {
  name: string;
  chosen: boolean;
  onChoose: () => void;
  /** Names the test ids: keep-mine / your-value, keep-current / current-value. */
  side: 'mine' | 'current';
  label: string;
  value: string;
  who?: string | null;
}

function ConflictSide({ name, chosen, onChoose, side, label, value, who }: ConflictSideProps) {
  return (
    <label className={chosen ? 'conflict__side conflict__side--chosen' : 'conflict__side'}>
      <input type="radio" name={name} checked={chosen} onChange={onChoose} data-testid={`keep-${side}`} />
      <span className="conflict__label">{label}</span>
      <span className="conflict__value" data-testid={side === 'mine' ? 'your-value' : 'current-value'}>
        {value}
      </span>
      {who ? <span className="conflict__who">{who}</span> : null}
    </label>
  );
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
              <ConflictSide
                name={name}
                chosen={choices[conflict.field] === 'mine'}
                onChoose={() => onChoose(conflict.field, 'mine')}
                side="mine"
                label={t('cases:correction.yourValue')}
                value={valueText(conflict.field, conflict.yours)}
              />
              <ConflictSide
                name={name}
                chosen={choices[conflict.field] === 'theirs'}
                onChoose={() => onChoose(conflict.field, 'theirs')}
                side="current"
                label={t('cases:correction.currentValue')}
                value={valueText(conflict.field, conflict.current)}
                who={who}
              />
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
