import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { caseCorrectionSchema, type CorrectableField, type HeldOperation } from '@homeward/core';
import { isApiError } from '../api/http';
import { FIELD_LABEL_KEYS } from '../cases/corrections/correction-fields';
import { CorrectionField } from '../cases/corrections/correction-field.component';
import { useFieldValueText } from '../cases/corrections/use-field-value-text';
import { FormAlert } from '../forms/form-alert.component';
import { serverFieldErrors, type FieldErrors, type Message } from '../forms/messages';
import { withoutError } from '../forms/without-error';
import { useMomentText } from './held-text';
import { useActOnHeld } from './sync.resource';

type Side = 'yours' | 'current' | 'other';
type Conflict = HeldOperation['conflicts'][number];

interface HeldConflictProps {
  held: HeldOperation;
  onDone: (result: HeldOperation) => void;
}

function fieldLabel(t: (key: string) => string, field: string): string {
  return field in FIELD_LABEL_KEYS ? t(FIELD_LABEL_KEYS[field as keyof typeof FIELD_LABEL_KEYS]) : field;
}

function isCorrectable(field: string): field is CorrectableField {
  return field in FIELD_LABEL_KEYS;
}

/**
 * A correction made offline from an old version: both values side by side for each field someone changed
 * meanwhile, with who set the current one and when, and a third choice, a value typed here; the choices are
 * written as a correction from the current versions. A typed value passes the correction form's checks first.
 */
export function HeldConflict({ held, onDone }: HeldConflictProps) {
  const { t } = useTranslation();
  const valueText = useFieldValueText();
  const moment = useMomentText();
  const act = useActOnHeld(held.id);
  const [choices, setChoices] = useState<Record<string, Side>>({});
  const [typed, setTyped] = useState<Record<string, unknown>>({});
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [error, setError] = useState<Message | null>(null);
  const conflicts = held.conflicts;
  const fields = conflicts.map((conflict) => conflict.field);
  const changes: Record<string, unknown> = held.operation.kind === 'correction' ? held.operation.body.changes : {};
  const unopposed = Object.keys(changes).filter((field) => !fields.includes(field));

  const chosenValue = (conflict: Conflict): unknown => {
    const side = choices[conflict.field];
    if (side === 'yours') return conflict.yours;
    if (side === 'current') return conflict.current;
    return conflict.field in typed ? typed[conflict.field] : conflict.yours;
  };

  const resolve = () => {
    if (conflicts.some((conflict) => !choices[conflict.field])) {
      setError({ key: 'sync:conflict.chooseEach' });
      return;
    }
    // The correction form's checks, on the values as they would be written; nothing is sent while one fails.
    const parsed = caseCorrectionSchema.safeParse({
      changes: Object.fromEntries(conflicts.map((conflict) => [conflict.field, chosenValue(conflict)])),
      baseVersions: Object.fromEntries(conflicts.map((conflict) => [conflict.field, conflict.currentVersion])),
    });
    if (!parsed.success) {
      const next: FieldErrors = {};
      for (const issue of parsed.error.issues) next[String(issue.path[1] ?? '')] ??= { schema: issue.message };
      setFieldErrors(next);
      setError({ key: 'sync:conflict.invalid' });
      return;
    }
    setFieldErrors({});
    setError(null);
    // Only the choices: the server writes them with the correction's other fields, each from its own version.
    act.mutate(
      { action: 'resolve', values: parsed.data.changes },
      {
        onSuccess: onDone,
        onError: (failure) => {
          if (isApiError(failure) && failure.code === 'held_decided') {
            setError({ key: 'sync:held.decided' });
            return;
          }
          const split = serverFieldErrors(failure, fields, (field) => field.replace(/^values\./, ''));
          setFieldErrors(split.fields);
          setError(split.general ?? { key: 'sync:conflict.invalid' });
        },
      },
    );
  };

  const choose = (field: string, side: Side) => {
    setChoices((current) => ({ ...current, [field]: side }));
    setFieldErrors((current) => withoutError(current, field));
  };

  return (
    <section className="card held-conflict" aria-labelledby="held-conflict-title" data-testid="held-conflict">
      <h2 id="held-conflict-title">{t('sync:conflict.title')}</h2>
      <p>{t('sync:conflict.intro')}</p>
      {conflicts.map((conflict) => {
        const name = `held-conflict-${conflict.field}`;
        const who = conflict.currentBy
          ? t(conflict.currentVersion === 0 ? 'sync:conflict.enteredBy' : 'sync:conflict.changedBy', {
              name: conflict.currentBy,
              time: conflict.currentAt ? moment(conflict.currentAt) : '',
            })
          : null;
        const sides: { side: Side; label: string; value: string | null; who: string | null }[] = [
          {
            side: 'yours',
            label: t('sync:conflict.yours'),
            value: valueText(conflict.field, conflict.yours),
            who: null,
          },
          {
            side: 'current',
            label: t('sync:conflict.current'),
            value: valueText(conflict.field, conflict.current),
            who,
          },
          { side: 'other', label: t('sync:conflict.other'), value: null, who: t('sync:conflict.otherHint') },
        ];
        const fieldError = fieldErrors[conflict.field];
        return (
          <fieldset key={conflict.field} className="conflict" data-testid="conflict" data-field={conflict.field}>
            <legend className="conflict__field">{fieldLabel(t, conflict.field)}</legend>
            <div className="conflict__sides">
              {sides.map(({ side, label, value, who: note }) => (
                <label
                  key={side}
                  className={
                    choices[conflict.field] === side ? 'conflict__side conflict__side--chosen' : 'conflict__side'
                  }
                >
                  <input
                    type="radio"
                    name={name}
                    checked={choices[conflict.field] === side}
                    onChange={() => choose(conflict.field, side)}
                    data-testid={`keep-${side}`}
                  />
                  <span className="conflict__label">{label}</span>
                  {value === null ? null : (
                    <span className="conflict__value" data-testid={`${side}-value`}>
                      {value}
                    </span>
                  )}
                  {note ? (
                    <span className="conflict__who" data-testid={`${side}-who`}>
                      {note}
                    </span>
                  ) : null}
                </label>
              ))}
            </div>
            {choices[conflict.field] === 'other' && isCorrectable(conflict.field) ? (
              <div className="conflict__other" data-testid="other-value">
                <CorrectionField
                  field={conflict.field}
                  value={chosenValue(conflict)}
                  error={fieldError}
                  onChange={(value) => {
                    setTyped((current) => ({ ...current, [conflict.field]: value }));
                    setFieldErrors((current) => withoutError(current, conflict.field));
                    setError(null);
                  }}
                />
              </div>
            ) : null}
          </fieldset>
        );
      })}
      {unopposed.length > 0 ? (
        <div className="held-conflict__also">
          <p>{t('sync:conflict.alsoChanged')}</p>
          <ul>
            {unopposed.map((field) => (
              <li key={field}>
                {fieldLabel(t, field)}: {valueText(field, changes[field])}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <FormAlert message={error} />
      <div className="form__actions">
        <button
          type="button"
          className="button button--primary"
          onClick={resolve}
          disabled={act.isPending}
          data-testid="held-resolve"
        >
          {act.isPending ? t('sync:conflict.resolving') : t('sync:conflict.resolve')}
        </button>
      </div>
    </section>
  );
}
