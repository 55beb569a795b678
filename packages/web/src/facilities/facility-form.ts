import { newFacilitySchema, type CareType, type Facility, type NewFacility } from '@homeward/core';
import type { FieldErrors, Message } from '../forms/messages';
import { commonIssueMessage, issuePath, type SchemaIssue } from '../forms/schema-issues';

export type FacilityStatusCode = Facility['status'];

/** What the facility form holds: strings as typed. */
export interface FacilityFormState {
  name: string;
  careType: CareType | '';
  capacity: string;
  status: FacilityStatusCode;
  villageCode: string | null;
}

export const FACILITY_FIELDS = ['name', 'careType', 'capacity', 'status', 'villageCode'] as const;

export function facilityFormState(facility?: Facility): FacilityFormState {
  if (!facility) return { name: '', careType: '', capacity: '', status: 'operating', villageCode: null };
  return {
    name: facility.name,
    careType: facility.careType as CareType,
    capacity: String(facility.capacity),
    status: facility.status,
    villageCode: facility.villageCode,
  };
}

function issueMessage(issue: SchemaIssue): Message {
  switch (issuePath(issue)) {
    case 'name':
      return issue.code === 'too_small' ? { key: 'oversight:facilityForm.errors.name' } : commonIssueMessage(issue);
    case 'careType':
      return { key: 'oversight:facilityForm.errors.careType' };
    case 'capacity':
      return { key: 'oversight:facilityForm.errors.capacity', params: { max: 2000 } };
    case 'villageCode':
      return { key: 'cases:errors.villageNotFound' };
    default:
      return commonIssueMessage(issue);
  }
}

export type FacilityValidation = { ok: true; value: NewFacility } | { ok: false; errors: FieldErrors };

/** The same schema as the server's. */
export function validateFacility(state: FacilityFormState): FacilityValidation {
  const capacity = state.capacity.trim();
  const parsed = newFacilitySchema.safeParse({
    name: state.name,
    careType: state.careType || undefined,
    capacity: capacity === '' ? undefined : Number(capacity),
    status: state.status,
    villageCode: state.villageCode ?? undefined,
  });
  if (parsed.success) return { ok: true, value: parsed.data };
  const errors: FieldErrors = {};
  for (const issue of parsed.error.issues) errors[issuePath(issue)] ??= issueMessage(issue);
  return { ok: false, errors };
}
