import { Fragment, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  birthDateForAge,
  caseCorrectionSchema,
  correctableFieldSchemas,
  profileOf,
  sameFieldValue,
  type CaseDetail,
  type CaseProfile,
  type CorrectableField,
  type FieldConflictDetail,
} from '@homeward/core';
import { useCorrectCase } from '../../api/cases.resource';
import { isApiError } from '../../api/http';
import { FormAlert } from '../../forms/form-alert.component';
import { FormFooter } from '../../forms/form-footer.component';
import { requestErrorMessage, serverFieldErrors, type FieldErrors, type Message } from '../../forms/messages';
import { CorrectionConflicts, type ConflictChoice } from './correction-conflicts.component';
import { CORRECTION_GROUPS, type CorrectionGroup } from './correction-fields';
import { CorrectionField } from './correction-field.component';
import { asText } from './use-field-value-text';

export type Draft = Record<CorrectableField, unknown>;

/** The value a field's control holds, as the schema reads it: an emptied text box is null. */
function normalised(field: CorrectableField, value: unknown): unknown {
  const parsed = correctableFieldSchemas[field].safeParse(value);
  return parsed.success ? parsed.data : value;
}

interface CaseCorrectionFormProps {
  detail: CaseDetail;
  group: CorrectionGroup;
  onClose: () => void;
}

/**
 * Corrects the fields of one card, prefilled with their current values. Only the fields changed are sent, each
 * with the version it was opened at; a field someone else changed meanwhile comes back as a conflict, shown side
 * by side to choose, and the choice is sent again from the current versions.
 */
export function CaseCorrectionForm({ detail, group, onClose }: CaseCorrectionFormProps) {
  const { t } = useTranslation();
  const fields = CORRECTION_GROUPS[group];
  // The values and versions the person started from: kept while the case refreshes underneath.
  const [base, setBase] = useState(() => ({ profile: profileOf(detail), versions: { ...detail.fieldVersions } }));
  const [draft, setDraft] = useState<Draft>(() => ({ ...profileOf(detail) }));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [general, setGeneral] = useState<Message | null>(null);
  const [conflicts, setConflicts] = useState<FieldConflictDetail[]>([]);
  const [choices, setChoices] = useState<Record<string, ConflictChoice>>({});
  // One id per correction, so a retry after a lost answer is not written twice; a new one after a conflict.
  const correctionId = useRef(crypto.randomUUID());
  const correct = useCorrectCase(detail.id);

  const changedFields = (values: Draft, from: CaseProfile) =>
    fields.filter((field) => !sameFieldValue(normalised(field, values[field]), from[field]));

  function send(values: Draft, from: typeof base) {
    const changed = changedFields(values, from.profile);
    if (changed.length === 0) {
      setGeneral({ key: 'cases:correction.nothingChanged' });
      return;
    }
    const input = {
      id: correctionId.current,
      changes: Object.fromEntries(changed.map((field) => [field, values[field]])),
      baseVersions: Object.fromEntries(changed.map((field) => [field, from.versions[field] ?? 0])),
    };
    const parsed = caseCorrectionSchema.safeParse(input);
    if (!parsed.success) {
      const next: FieldErrors = {};
      for (const issue of parsed.error.issues) {
        const field = String(issue.path[1] ?? issue.path[0] ?? '');
        next[field] ??= { schema: issue.message };
      }
      setErrors(next);
      setGeneral({ key: 'common:errors.invalid' });
      return;
    }
    setErrors({});
    setGeneral(null);
    correct.mutate(parsed.data, {
      onSuccess: onClose,
      onError: (error) => {
        if (isApiError(error, 409) && error.conflicts.length > 0) {
          setConflicts([...error.conflicts]);
          setChoices(Object.fromEntries(error.conflicts.map((conflict) => [conflict.field, 'mine'])));
          return;
        }
        const split = isApiError(error, 400) ? serverFieldErrors(error, fields) : null;
        setErrors(split?.fields ?? {});
        setGeneral(split ? split.general : requestErrorMessage(error));
      },
    });
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    send(draft, base);
  }

  /** Sends again from the current versions: "mine" keeps the value typed, "theirs" takes the current one. */
  function resolve() {
    const nextBase = { profile: { ...base.profile }, versions: { ...base.versions } };
    const nextDraft: Draft = { ...draft };
    for (const conflict of conflicts) {
      (nextBase.profile as Record<string, unknown>)[conflict.field] = conflict.current;
      nextBase.versions[conflict.field] = conflict.currentVersion;
      if (choices[conflict.field] === 'theirs') nextDraft[conflict.field] = conflict.current;
    }
    correctionId.current = crypto.randomUUID();
    setBase(nextBase);
    setDraft(nextDraft);
    setConflicts([]);
    if (changedFields(nextDraft, nextBase.profile).length === 0) {
      onClose();
      return;
    }
    send(nextDraft, nextBase);
  }

  if (conflicts.length > 0) {
    return (
      <CorrectionConflicts
        conflicts={conflicts}
        choices={choices}
        onChoose={(field, choice) => setChoices((now) => ({ ...now, [field]: choice }))}
        onResolve={resolve}
        onCancel={onClose}
        pending={correct.isPending}
      />
    );
  }

  const referredOn = asText(draft['referral.referredOn']) || detail.referral.referredOn;
  return (
    <form className="correction-form" onSubmit={submit} noValidate data-testid={`correction-form-${group}`}>
      <p className="field__hint">{t('cases:correction.intro')}</p>
      <FormAlert message={general} />
      <div className="form-grid">
        {fields.map((field) => (
          <Fragment key={field}>
            <CorrectionField
              field={field}
              value={draft[field]}
              error={errors[field]}
              onChange={(value) => setDraft((now) => ({ ...now, [field]: value }))}
            />
            {field === 'dateOfBirthEstimated' ? (
              <EstimatedAge
                onAge={(age) =>
                  setDraft((now) => ({
                    ...now,
                    dateOfBirth: birthDateForAge(age, referredOn),
                    dateOfBirthEstimated: true,
                  }))
                }
              />
            ) : null}
          </Fragment>
        ))}
      </div>
      <FormFooter
        pending={correct.isPending}
        submitLabel={t('cases:correction.save')}
        pendingLabel={t('cases:correction.saving')}
        status=""
      >
        <button type="button" className="button" onClick={onClose}>
          {t('cases:correction.cancel')}
        </button>
      </FormFooter>
    </form>
  );
}

/** An age instead of a date: the birth date is estimated from it at the referral date, as at intake. */
function EstimatedAge({ onAge }: { onAge: (age: number) => void }) {
  const { t } = useTranslation();
  return (
    <div className="field field--short">
      <div className="field__label">
        <label htmlFor="correction-estimatedAge">{t('cases:fields.estimatedAge')}</label>
      </div>
      <p className="field__hint" id="correction-estimatedAge-hint">
        {t('cases:correction.estimatedAgeHint')}
      </p>
      <input
        id="correction-estimatedAge"
        type="number"
        min={0}
        max={30}
        inputMode="numeric"
        aria-describedby="correction-estimatedAge-hint"
        onChange={(event) => {
          const age = Number(event.target.value);
          if (event.target.value !== '' && Number.isInteger(age) && age >= 0 && age <= 30) onAge(age);
        }}
      />
    </div>
  );
}
