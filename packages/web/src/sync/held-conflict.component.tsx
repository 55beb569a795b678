import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { HeldOperation } from '@homeward/core';
import { isApiError } from '../api/http';
import { FIELD_LABEL_KEYS } from '../cases/corrections/correction-fields';
import { useFieldValueText } from '../cases/corrections/use-field-value-text';
import { FormAlert } from '../forms/form-alert.component';
import { requestErrorMessage, type Message } from '../forms/messages';
import { useMomentText } from './held-text';
import { useActOnHeld } from './sync.resource';

type Side = 'yours' | 'current';

/** A conflicting field, with who set the current value and when where the server says. */
type HeldConflictField = HeldOperation['conflicts'][number] & { changedBy?: string | null; changedAt?: string | null };

interface HeldConflictProps {
  held: HeldOperation;
  onDone: (result: HeldOperation) => void;
}

function fieldLabel(t: (key: string) => string, field: string): string {
  return field in FIELD_LABEL_KEYS ? t(FIELD_LABEL_KEYS[field as keyof typeof FIELD_LABEL_KEYS]) : field;
}

/**
 * A correction made offline from an old version: both values side by side for each field someone changed
 * meanwhile, one choice per field; the choices are written as a correction from the current versions.
 */
export function HeldConflict({ held, onDone }: HeldConflictProps) {
  const { t } = useTranslation();
  const valueText = useFieldValueText();
  const moment = useMomentText();
  const act = useActOnHeld(held.id);
  const [choices, setChoices] = useState<Record<string, Side>>({});
  const [error, setError] = useState<Message | null>(null);
  const conflicts: readonly HeldConflictField[] = held.conflicts;
  const changes: Record<string, unknown> = held.operation.kind === 'correction' ? held.operation.body.changes : {};
  const unopposed = Object.keys(changes).filter((field) => !conflicts.some((conflict) => conflict.field === field));

  const resolve = () => {
    if (conflicts.some((conflict) => !choices[conflict.field])) {
      setError({ key: 'sync:conflict.chooseEach' });
      return;
    }
    setError(null);
    // Only the choices: the server writes them with the correction's other fields, each from its own version.
    const values = Object.fromEntries(
      conflicts.map((conflict) => [
        conflict.field,
        choices[conflict.field] === 'yours' ? conflict.yours : conflict.current,
      ]),
    );
    act.mutate(
      { action: 'resolve', values },
      {
        onSuccess: onDone,
        onError: (failure) =>
          setError(
            isApiError(failure) && failure.code === 'held_decided'
              ? { key: 'sync:held.decided' }
              : requestErrorMessage(failure),
          ),
      },
    );
  };

  return (
    <section className="card held-conflict" aria-labelledby="held-conflict-title" data-testid="held-conflict">
      <h2 id="held-conflict-title">{t('sync:conflict.title')}</h2>
      <p>{t('sync:conflict.intro')}</p>
      {conflicts.map((conflict) => {
        const name = `held-conflict-${conflict.field}`;
        const who = conflict.changedBy
          ? t('sync:conflict.changedBy', {
              name: conflict.changedBy,
              time: conflict.changedAt ? moment(conflict.changedAt) : '',
            })
          : null;
        const sides: { side: Side; label: string; value: unknown; who: string | null }[] = [
          { side: 'yours', label: t('sync:conflict.yours'), value: conflict.yours, who: null },
          { side: 'current', label: t('sync:conflict.current'), value: conflict.current, who },
        ];
        return (
          <fieldset key={conflict.field} className="conflict" data-testid="conflict" data-field={conflict.field}>
            <legend className="conflict__field">{fieldLabel(t, conflict.field)}</legend>
            <div className="conflict__sides">
              {sides.map(({ side, label, value, who: author }) => (
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
                    onChange={() => setChoices((current) => ({ ...current, [conflict.field]: side }))}
                    data-testid={`keep-${side}`}
                  />
                  <span className="conflict__label">{label}</span>
                  <span className="conflict__value" data-testid={`${side}-value`}>
                    {valueText(conflict.field, value)}
                  </span>
                  {author ? <span className="conflict__who">{author}</span> : null}
                </label>
              ))}
            </div>
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
