import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Link, Navigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { can, type CaseDetail } from '@homeward/core';
import { useGroupIntake } from '../api/intake.resource';
import { useUser } from '../auth/user-context';
import { initialNewCaseState, type NewCaseFormState } from '../cases/new-case-form';
import { ClassificationSection } from '../cases/new-case/classification-section.component';
import { ReferralSection } from '../cases/new-case/referral-section.component';
import { FieldError } from '../forms/field.component';
import { useFormFailure } from '../forms/use-form-failure';
import { FormAlert } from '../forms/form-alert.component';
import { serverFieldErrors, useMessageText } from '../forms/messages';
import { withoutError } from '../forms/without-error';
import { localToday } from '../text/dates';
import { useDocumentTitle } from '../text/use-document-title';
import { GroupChildrenTable, childFieldId } from './group-children-table.component';
import { GroupIntakeResult } from './group-intake-result.component';
import {
  emptyRow,
  errorFieldOnScreen,
  INITIAL_ROWS,
  isBlankRow,
  rowFieldsTouchedBy,
  sharedFieldsTouchedBy,
  SHARED_FIELDS,
  validateGroupIntake,
  type ChildRow,
} from './group-intake-form';
import { DraftNotice } from '../forms/draft-notice.component';
import { draftList } from '../forms/draft-rows';

/**
 * One referral bringing many children at once (fifteen returnees from Malaysia through IOM): the referral and
 * case types are entered once, then one row per child. All the cases open together, or none do.
 */
export function GroupIntakePage() {
  const { t } = useTranslation();
  const user = useUser();
  useDocumentTitle(t('oversight:groupIntake.title'));
  const [created, setCreated] = useState<CaseDetail[] | null>(null);
  const [round, setRound] = useState(0);

  if (!can(user.access, 'case.create')) return <Navigate to="/cases" replace />;
  if (created) {
    return (
      <GroupIntakeResult
        cases={created}
        onAnother={() => {
          setCreated(null);
          setRound((n) => n + 1);
        }}
      />
    );
  }
  // A new key gives the next group a fresh form.
  return <GroupIntakeForm key={round} onCreated={setCreated} />;
}

function GroupIntakeForm({ onCreated }: { onCreated: (cases: CaseDetail[]) => void }) {
  const { t } = useTranslation();
  const text = useMessageText();
  const groupIntake = useGroupIntake();
  const [today] = useState(localToday);
  const [shared, setShared] = useState<NewCaseFormState>(() => initialNewCaseState(today));
  const [rows, setRows] = useState<ChildRow[]>(() => Array.from({ length: INITIAL_ROWS }, (_, key) => emptyRow(key)));
  const nextKey = useRef(INITIAL_ROWS);
  const [focusRow, setFocusRow] = useState<number | null>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const { errors, setErrors, general, setGeneral, fail, draft } = useFormFailure(formRef, { form: 'group-intake' });

  useEffect(() => {
    if (focusRow === null) return;
    document.getElementById(childFieldId(focusRow, 'familyNameKm'))?.focus();
    setFocusRow(null);
  }, [focusRow]);

  const updateShared = (patch: Partial<NewCaseFormState>) => {
    setShared((current) => ({ ...current, ...patch }));
    setErrors((current) => sharedFieldsTouchedBy(patch).reduce(withoutError, current));
  };

  const updateRow = (key: number, patch: Partial<ChildRow>) => {
    setRows((current) => current.map((row) => (row.key === key ? { ...row, ...patch } : row)));
    setErrors((current) => [...rowFieldsTouchedBy(key, patch), 'children'].reduce(withoutError, current));
  };

  const addRow = () => {
    const key = nextKey.current++;
    setRows((current) => [...current, emptyRow(key)]);
    setFocusRow(key);
  };

  const removeRow = (key: number) => {
    const index = rows.findIndex((row) => row.key === key);
    setRows((current) => current.filter((row) => row.key !== key));
    setErrors((current) =>
      Object.fromEntries(Object.entries(current).filter(([field]) => !field.startsWith(`children.${key}.`))),
    );
    // Focus the row that took its place, or the one before, so the keyboard user is not thrown to the top.
    const neighbour = rows[index + 1] ?? rows[index - 1];
    if (neighbour) setFocusRow(neighbour.key);
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const result = validateGroupIntake(shared, rows, today);
    if (!result.ok) {
      fail(result.errors, { key: 'errors.formHasErrors' });
      return;
    }
    setErrors({});
    setGeneral(null);
    const { sentKeys } = result;
    groupIntake.mutate(result.value, {
      onSuccess: (response) => {
        draft.clear();
        onCreated(response.items);
      },
      onError: (error) => {
        const known = [...SHARED_FIELDS, 'children', ...Object.keys(errorsForRows(rows))];
        const { fields, general: other } = serverFieldErrors(error, known, (field) =>
          errorFieldOnScreen(field, sentKeys),
        );
        fail(fields, other ?? { key: 'errors.formHasErrors' });
      },
    });
  };

  const filled = rows.filter((row) => !isBlankRow(row)).length;
  const sectionProps = { state: shared, update: updateShared, errors };
  return (
    <section className="page">
      <p className="breadcrumb">
        <Link to="/cases">{t('cases:detail.back')}</Link>
      </p>
      <h1 id="group-intake-title">{t('oversight:groupIntake.title')}</h1>
      <p className="lead">{t('oversight:groupIntake.intro')}</p>
      <form ref={formRef} className="form" noValidate onSubmit={onSubmit} aria-labelledby="group-intake-title">
        <p className="field__hint">{t('requiredNote')}</p>
        <DraftNotice draft={draft} />
        <FormAlert message={general} />
        <ReferralSection {...sectionProps} today={today} />
        <ClassificationSection {...sectionProps} />
        <fieldset className="form-section group-intake__children">
          <legend className="form-section__title">{t('oversight:groupIntake.children')}</legend>
          <p className="field__hint">{t('oversight:groupIntake.childrenHint')}</p>
          <div
            className={errors.children ? 'field field--error group-table__scroll' : 'field group-table__scroll'}
            data-field="children"
          >
            <GroupChildrenTable rows={rows} errors={errors} today={today} onChange={updateRow} onRemove={removeRow} />
            {errors.children ? <FieldError id="group-children-error">{text(errors.children)}</FieldError> : null}
          </div>
          <div className="group-intake__rows">
            <button
              type="button"
              className="button"
              onClick={addRow}
              data-testid="group-add-row"
              {...draftList('children')}
            >
              <span aria-hidden="true">+</span> {t('oversight:groupIntake.addRow')}
            </button>
            <p className="muted" role="status" data-testid="group-count">
              {t('oversight:groupIntake.count', { count: filled })}
            </p>
          </div>
        </fieldset>
        <div className="form__actions">
          <button type="submit" className="button button--primary" disabled={groupIntake.isPending}>
            {groupIntake.isPending
              ? t('saving')
              : filled === 0
                ? t('oversight:groupIntake.submitNone')
                : t('oversight:groupIntake.submit', { count: filled })}
          </button>
          <Link to="/cases" className="button button--quiet">
            {t('cancel')}
          </Link>
        </div>
      </form>
    </section>
  );
}

/** Every field of every row, as the error paths name them, for telling the server's errors apart. */
function errorsForRows(rows: readonly ChildRow[]): Record<string, true> {
  const fields: Record<string, true> = {};
  for (const row of rows) {
    for (const field of [
      'familyNameKm',
      'givenNameKm',
      'familyNameLatin',
      'givenNameLatin',
      'sex',
      'dateOfBirth',
      'estimatedAge',
      'villageCode',
    ]) {
      fields[`children.${row.key}.${field}`] = true;
    }
  }
  return fields;
}
