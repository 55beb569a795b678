import { z } from 'zod';
import { FACILITY_CARE_TYPES } from '../codes/care-codes';
import { caseRefShape } from '../cases/case-ref.schema';
import { villageCode } from '../cases/case.schema';
import { isoDate } from '../text/dates';

export const FACILITY_STATUSES = ['operating', 'transitioning', 'closed'] as const;

export const newFacilitySchema = z.object({
  id: z.uuid().optional(),
  name: z.string().trim().min(2, { message: 'Name the facility.' }).max(160),
  careType: z.enum(FACILITY_CARE_TYPES as [string, ...string[]], { message: 'Choose the kind of facility.' }),
  villageCode: villageCode.optional(),
  capacity: z.number().int().min(1, { message: 'A facility has room for at least one child.' }).max(2000),
  status: z.enum(FACILITY_STATUSES).default('operating'),
});
export type NewFacility = z.output<typeof newFacilitySchema>;

export const facilitySchema = z.object({
  id: z.uuid(),
  organisationId: z.uuid(),
  name: z.string(),
  careType: z.string(),
  villageCode: z.string().nullable(),
  capacity: z.number().int(),
  status: z.enum(FACILITY_STATUSES),
  /** Children placed there now: derived from their placements, never typed in. */
  occupancy: z.number().int(),
});
export type Facility = z.infer<typeof facilitySchema>;
export const facilityListSchema = z.object({ items: z.array(facilitySchema) });

/** The children placed in a facility, as the reader may see them. */
export const facilityChildListSchema = z.object({
  items: z.array(z.object({ ...caseRefShape, since: isoDate.nullable() })),
});
export type FacilityChildList = z.infer<typeof facilityChildListSchema>;
