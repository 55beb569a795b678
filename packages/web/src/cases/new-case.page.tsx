import { useRef, useState, type FormEvent } from 'react';
import { Link, Navigate, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { can } from '@homeward/core';
import { useCreateCase } from '../api/cases.resource';
import { useUser } from '../auth/user-context';
import { DuplicateCheck } from '../intake/duplicate-check.component';
import { DraftNotice } from '../forms/draft-notice.component';
import { FormAlert } from '../forms/form-alert.component';
import { withoutError } from '../forms/without-error';
import { useFormFailure } from '../forms/use-form-failure';
import { serverFieldErrors } from '../forms/messages';
import { localToday } from '../text/dates';
import { useDocumentTitle } from '../text/use-document-title';
import {
  fieldOnScreen,
  fieldsTouchedBy,
  initialNewCaseState,
  NEW_CASE_FIELDS,
  validateNewCase,
  type NewCaseFormState,
} from './new-case-form';
import { BirthSection } from './new-case/birth-section.component';
import { ChildSection } from './new-case/child-section.component';
import { ClassificationSection } from './new-case/classification-section.component';
import { OriginSection } from './new-case/origin-section.component';
import { ReferralSection } from './new-case/referral-section.component';

export function NewCasePage() {
  const { t } = useTranslation();
  const user = useUser();
  const navigate = useNavigate();
  useDocumentTitle(t('cases:new.title'));
  const createCase = useCreateCase();
  const [today] = useState(localToday);
  const [state, setState] = useState<NewCaseFormState>(() => initialNewCaseState(today));
  const formRef = useRef<HTMLFormElement>(null);
  const { errors, setErrors, general, setGeneral, fail, draft } = useFormFailure(formRef, { form: 'new-case' });

  if (!can(user.access, 'case.create')) return <Navigate to="/cases" replace />;

  const update = (patch: Partial<NewCaseFormState>) => {
    setState((current) => ({ ...current, ...patch }));
    const stale = fieldsTouchedBy(patch);
    setErrors((current) => stale.reduce(withoutError, current));
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const result = validateNewCase(state, today);
    if (!result.ok) {
      fail(result.errors, { key: 'errors.formHasErrors' });
      return;
    }
    setErrors({});
    setGeneral(null);
    createCase.mutate(result.value, {
      onSuccess: (created) => {
        draft.clear();
        void navigate(`/cases/${created.id}`);
      },
      onError: (error) => {
        const { fields, general: other } = serverFieldErrors(error, NEW_CASE_FIELDS, (field) =>
          fieldOnScreen(field, state),
        );
        fail(fields, other ?? { key: 'errors.formHasErrors' });
      },
    });
  };

  const sectionProps = { state, update, errors };
  return (
    <section className="page">
      <h1 id="new-case-title">{t('cases:new.title')}</h1>
      <p className="lead">{t('cases:new.intro')}</p>
      <form ref={formRef} className="form" noValidate onSubmit={onSubmit} aria-labelledby="new-case-title">
        <p className="field__hint">{t('requiredNote')}</p>
        <DraftNotice draft={draft} />
        <FormAlert message={general} />
        <ChildSection {...sectionProps} />
        <BirthSection {...sectionProps} today={today} />
        <ClassificationSection {...sectionProps} />
        <ReferralSection {...sectionProps} today={today} />
        <OriginSection {...sectionProps} />
        <DuplicateCheck state={state} today={today} />
        <div className="form__actions">
          <button type="submit" className="button button--primary" disabled={createCase.isPending}>
            {createCase.isPending ? t('saving') : t('cases:new.submit')}
          </button>
          <Link to="/cases" className="button button--quiet" onClick={draft.clear}>
            {t('cancel')}
          </Link>
        </div>
      </form>
    </section>
  );
}
