import { useRef, useState, type FormEvent } from 'react';
import { Link, Navigate, useNavigate, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { can, FACILITY_CARE_TYPES, FACILITY_STATUSES, type Facility } from '@homeward/core';
import { useFacilities, useSaveFacility } from '../api/facilities.resource';
import { useUser } from '../auth/user-context';
import { RadioGroup } from '../forms/choice-group.component';
import { Field, FieldError } from '../forms/field.component';
import { useFormFailure } from '../forms/use-form-failure';
import { FormAlert } from '../forms/form-alert.component';
import { serverFieldErrors, useMessageText } from '../forms/messages';
import { oneOf } from '../forms/one-of';
import { withoutError } from '../forms/without-error';
import { LoadingState, RequestErrorState } from '../layout/states.component';
import { LocationPicker } from '../locations/location-picker.component';
import { useDocumentTitle } from '../text/use-document-title';
import {
  FACILITY_FIELDS,
  facilityFormState,
  validateFacility,
  type FacilityFormState,
  type FacilityStatusCode,
} from './facility-form';
import { CodeOptions } from '../forms/code-options.component';
import { DraftNotice } from '../forms/draft-notice.component';

/** `/facilities/new` and `/facilities/:facilityId/edit`: for organisation administrators only. */
export function FacilityFormPage() {
  const { facilityId } = useParams();
  const { t } = useTranslation();
  const user = useUser();
  const facilities = useFacilities(facilityId !== undefined);
  const title = facilityId === undefined ? t('oversight:facilityForm.addTitle') : t('oversight:facilityForm.editTitle');
  useDocumentTitle(title);

  if (!can(user.access, 'facility.manage')) return <Navigate to="/facilities" replace />;
  if (facilityId === undefined) return <FacilityForm title={title} />;
  if (facilities.isPending) return <LoadingState />;
  const facility = facilities.data?.items.find((item) => item.id === facilityId);
  if (facilities.error || !facility) {
    return (
      <section className="page">
        <h1>{title}</h1>
        {facilities.error ? (
          <RequestErrorState error={facilities.error} onRetry={() => void facilities.refetch()} />
        ) : (
          <p>{t('oversight:facility.notFound')}</p>
        )}
        <p>
          <Link to="/facilities">{t('oversight:facility.back')}</Link>
        </p>
      </section>
    );
  }
  return <FacilityForm title={title} facility={facility} />;
}

const id = (field: string) => `facility-${field}`;

function FacilityForm({ title, facility }: { title: string; facility?: Facility }) {
  const { t } = useTranslation();
  const text = useMessageText();
  const navigate = useNavigate();
  const save = useSaveFacility(facility?.id);
  const [state, setState] = useState<FacilityFormState>(() => facilityFormState(facility));
  const formRef = useRef<HTMLFormElement>(null);
  const { errors, setErrors, general, setGeneral, fail, draft } = useFormFailure(formRef, {
    form: 'facility',
    scope: facility?.id,
  });
  const cancelTo = facility ? `/facilities/${facility.id}` : '/facilities';

  const update = (patch: Partial<FacilityFormState>) => {
    setState((current) => ({ ...current, ...patch }));
    setErrors((current) => Object.keys(patch).reduce(withoutError, current));
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const result = validateFacility(state);
    if (!result.ok) {
      fail(result.errors, { key: 'errors.formHasErrors' });
      return;
    }
    setErrors({});
    setGeneral(null);
    save.mutate(result.value, {
      onSuccess: (saved) => {
        draft.clear();
        void navigate(`/facilities/${saved.id}`);
      },
      onError: (error) => {
        const { fields, general: other } = serverFieldErrors(error, FACILITY_FIELDS);
        fail(fields, other ?? { key: 'errors.formHasErrors' });
      },
    });
  };

  return (
    <section className="page">
      <p className="breadcrumb">
        <Link to="/facilities">{t('oversight:facility.back')}</Link>
      </p>
      <h1 id="facility-form-title">{title}</h1>
      <form
        ref={formRef}
        className="form form--narrow"
        noValidate
        onSubmit={onSubmit}
        aria-labelledby="facility-form-title"
      >
        <p className="field__hint">{t('requiredNote')}</p>
        <DraftNotice draft={draft} />
        <FormAlert message={general} />
        <fieldset className="form-section">
          <legend className="form-section__title">{t('oversight:facilityForm.section')}</legend>
          <Field id={id('name')} name="name" label={t('oversight:facility.name')} required error={errors.name}>
            {(control) => (
              <input
                {...control}
                type="text"
                autoComplete="off"
                value={state.name}
                onChange={(event) => update({ name: event.target.value })}
              />
            )}
          </Field>
          <div className="form-grid">
            <Field
              id={id('careType')}
              name="careType"
              label={t('oversight:facility.careType')}
              required
              error={errors.careType}
            >
              {(control) => (
                <select
                  {...control}
                  value={state.careType}
                  onChange={(event) => update({ careType: oneOf(FACILITY_CARE_TYPES, event.target.value) })}
                >
                  <CodeOptions codes={FACILITY_CARE_TYPES} list="careType" choose={t('cases:new.choose')} />
                </select>
              )}
            </Field>
            <Field
              id={id('capacity')}
              name="capacity"
              label={t('oversight:facility.capacity')}
              hint={t('oversight:facilityForm.capacityHint')}
              required
              error={errors.capacity}
              className="field--short"
            >
              {(control) => (
                <input
                  {...control}
                  type="number"
                  inputMode="numeric"
                  min={1}
                  max={2000}
                  step={1}
                  value={state.capacity}
                  onChange={(event) => update({ capacity: event.target.value })}
                />
              )}
            </Field>
          </div>
          <RadioGroup<FacilityStatusCode>
            id={id('status')}
            name="status"
            legend={t('oversight:facility.status')}
            hint={t('oversight:facilityForm.statusHint')}
            className="choice-group--inline"
            choices={FACILITY_STATUSES.map((status) => ({ value: status, label: t(`codes:facilityStatus.${status}`) }))}
            value={state.status}
            onChange={(status) => update({ status })}
            error={errors.status}
          />
        </fieldset>
        <fieldset className="form-section">
          <legend className="form-section__title">{t('oversight:facility.village')}</legend>
          <div className={errors.villageCode ? 'field field--error' : 'field'} data-field="villageCode">
            <LocationPicker
              id={id('villageCode')}
              value={state.villageCode}
              onChange={(villageCode) => update({ villageCode })}
            />
            {errors.villageCode ? (
              <FieldError id={`${id('villageCode')}-error`}>{text(errors.villageCode)}</FieldError>
            ) : null}
          </div>
        </fieldset>
        <div className="form__actions">
          <button type="submit" className="button button--primary" disabled={save.isPending}>
            {save.isPending ? t('saving') : t('oversight:facilityForm.submit')}
          </button>
          <Link to={cancelTo} className="button button--quiet">
            {t('cancel')}
          </Link>
        </div>
      </form>
    </section>
  );
}
