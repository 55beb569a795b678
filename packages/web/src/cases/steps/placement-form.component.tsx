import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CARE_TYPES, FACILITY_CARE_TYPES, type CareType, type Facility } from '@homeward/core';
import { usePlacementFacilities } from '../../api/cases.resource';
import { Field } from '../../forms/field.component';
import { RequestErrorState } from '../../layout/states.component';
import { payloadOf } from './step-context';
import { SelectField, TextField } from './step-fields.component';
import { StepFormFrame } from './step-form.component';
import { useStepForm, type StepFormProps } from './use-step-form';

/** Children in a facility now, not counting this child if they already live there. */
function loadOf(facility: Facility, currentFacilityId: string | null): { occupancy: number; capacity: number } {
  const here = currentFacilityId === facility.id ? 1 : 0;
  return { occupancy: facility.occupancy - here, capacity: facility.capacity };
}

/** Where the child lives from now: a registered facility, or a family (kinship, foster, their own). */
export function PlacementForm(props: StepFormProps) {
  const { t } = useTranslation();
  const form = useStepForm('placement', props);
  const { state } = props.context;
  const initial = payloadOf('placement', props.original);
  const [careType, setCareType] = useState<CareType | ''>(initial?.careType ?? '');
  const [facilityId, setFacilityId] = useState(initial?.facilityId ?? '');
  const [carerName, setCarerName] = useState(initial?.carerName ?? '');
  const [overCapacityReason, setOverCapacityReason] = useState(initial?.overCapacityReason ?? '');
  const inFacility = careType !== '' && FACILITY_CARE_TYPES.includes(careType);
  const facilities = usePlacementFacilities(inFacility);
  const currentFacilityId = state.placement?.facilityId ?? null;
  const choices = (facilities.data?.items ?? []).filter(
    (facility) => facility.careType === careType && (facility.status !== 'closed' || facility.id === facilityId),
  );
  const chosen = inFacility ? choices.find((facility) => facility.id === facilityId) : undefined;
  const load = chosen ? loadOf(chosen, currentFacilityId) : undefined;
  const full = load !== undefined && load.occupancy >= load.capacity;

  return (
    <StepFormFrame
      form={form}
      onCancel={props.onCancel}
      onSubmit={form.onSubmit(() => ({
        payload: {
          careType: careType || undefined,
          facilityId: chosen?.id,
          carerName: inFacility ? undefined : carerName,
          overCapacityReason: full ? overCapacityReason : undefined,
        },
        options: {
          facility: load,
          messages: { 'payload.careType': 'steps:placement.errors.careType' },
        },
      }))}
      {...(state.placement
        ? {
            intro: (
              <p className="step-form__intro">
                {t('steps:placement.current', {
                  place: state.placement.facilityName ?? t(`codes:careType.${state.placement.careType}`),
                })}
              </p>
            ),
          }
        : {})}
    >
      <SelectField
        form={form}
        path="payload.careType"
        label={t('steps:placement.careType')}
        required
        options={CARE_TYPES}
        labelOf={(code) => t(`codes:careType.${code}`)}
        value={careType}
        onChange={(value) => {
          setCareType(value);
          setFacilityId('');
          form.clear('payload.facilityId', 'payload.overCapacityReason');
        }}
      />
      {inFacility ? (
        <>
          <Field
            id={form.id('payload.facilityId')}
            name="payload.facilityId"
            label={t('steps:placement.facility')}
            hint={t('steps:placement.facilityHint')}
            error={form.errors['payload.facilityId']}
          >
            {(control) => (
              <select
                {...control}
                value={facilityId}
                disabled={facilities.isPending}
                onChange={(event) => {
                  setFacilityId(event.target.value);
                  form.clear('payload.facilityId', 'payload.overCapacityReason');
                }}
              >
                <option value="">
                  {facilities.isPending
                    ? t('loading')
                    : choices.length === 0
                      ? t('steps:placement.noFacility')
                      : t('steps:form.choose')}
                </option>
                {choices.map((facility) => {
                  const { occupancy, capacity } = loadOf(facility, currentFacilityId);
                  return (
                    <option key={facility.id} value={facility.id}>
                      {t(occupancy >= capacity ? 'steps:placement.facilityFull' : 'steps:placement.facilityOption', {
                        name: facility.name,
                        occupancy,
                        capacity,
                      })}
                    </option>
                  );
                })}
              </select>
            )}
          </Field>
          {facilities.error ? (
            <RequestErrorState error={facilities.error} onRetry={() => void facilities.refetch()} />
          ) : null}
          {full ? (
            <TextField
              form={form}
              path="payload.overCapacityReason"
              label={t('steps:placement.overCapacityReason')}
              hint={t('steps:placement.overCapacityHint', { occupancy: load.occupancy, capacity: load.capacity })}
              required
              rows={3}
              value={overCapacityReason}
              onChange={setOverCapacityReason}
            />
          ) : null}
        </>
      ) : careType !== '' ? (
        <TextField
          form={form}
          path="payload.carerName"
          label={t('steps:placement.carerName')}
          hint={t('steps:placement.carerNameHint')}
          value={carerName}
          onChange={setCarerName}
        />
      ) : null}
    </StepFormFrame>
  );
}
