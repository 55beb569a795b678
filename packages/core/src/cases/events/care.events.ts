import { z } from 'zod';
import {
  CARE_TYPES,
  GRADES,
  HIV_STATUSES,
  LIFE_SKILLS_TOPICS,
  SERVICE_KINDS,
  SERVICE_PROVIDERS,
  SKILLS,
  TRAINING_OUTCOMES,
} from '../../codes/care-codes';
import { isoDate } from '../../text/dates';
import { onceValid } from '../../validation/cross-field';
import { optionalText, requiredText } from './fields';

export const placement = z.object({
  careType: z.enum(CARE_TYPES),
  /** A registered facility (shelter, group home...); absent for a family placement. */
  facilityId: z.uuid().optional(),
  carerName: optionalText(160),
  /** Placing a child in a full facility needs a deliberate decision, recorded with its reason. */
  overCapacityReason: optionalText(1000),
});

export const service = z.object({
  kind: z.enum(SERVICE_KINDS),
  provider: z.enum(SERVICE_PROVIDERS),
  partnerName: optionalText(160),
  note: optionalText(),
});

export const education = z.object({
  school: requiredText('Name the school.', 200),
  grade: z.enum(GRADES),
  schoolYear: z.string().regex(/^\d{4}-\d{4}$/, { message: 'Write the school year as 2025-2026.' }),
  rank: z.number().int().min(1).optional(),
  classSize: z.number().int().min(1).optional(),
});

export const vocationalTraining = z.object({
  skill: z.enum(SKILLS),
  provider: optionalText(160),
  endOn: isoDate.optional(),
  completed: z.boolean().optional(),
  outcome: z.enum(TRAINING_OUTCOMES).optional(),
  note: optionalText(),
});

/** One child's attendance at a group session; the session itself is a group activity. */
export const groupSession = z.object({
  activityId: z.uuid(),
  topic: z.enum(LIFE_SKILLS_TOPICS),
  title: optionalText(200),
});

/** A health check at the shelter or the health centre: what daily care needs to know, in the health tier. */
export const healthCheck = z
  .object({
    condition: optionalText(),
    hivStatus: z.enum(HIV_STATUSES).optional(),
    medication: optionalText(1000),
    nextCheckOn: isoDate.optional(),
  })
  .refine((check) => check.condition || check.hivStatus || check.medication, {
    path: ['condition'],
    message: 'Record what the check found.',
    ...onceValid('condition', 'hivStatus', 'medication'),
  });
