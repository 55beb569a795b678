import { z } from 'zod';
import {
  CLOSURE_REASONS,
  CSI_DOMAINS,
  FOLLOW_UP_MODES,
  LOST_CONTACT_REASONS,
  REINTEGRATION_DESTINATIONS,
  SCHOOL_OR_WORK,
} from '../../codes/care-codes';
import { isoDate } from '../../text/dates';
import { optionalText, requiredText, score } from './fields';

export const reintegration = z.object({
  destination: z.enum(REINTEGRATION_DESTINATIONS),
  carerName: optionalText(160),
  villageCode: z
    .string()
    .regex(/^\d{8}$/)
    .optional(),
  childConsents: z.literal(true, { message: 'The child’s consent to the reintegration is required.' }),
  note: optionalText(),
});

export const followUpVisit = z.object({
  mode: z.enum(FOLLOW_UP_MODES),
  wellbeing: z.array(z.object({ domain: z.enum(CSI_DOMAINS), score })).default([]),
  livingInGoodConditions: z.boolean(),
  schoolOrWork: z.enum(SCHOOL_OR_WORK),
  risksFound: optionalText(),
  actionsTaken: optionalText(),
  nextVisitOn: isoDate.optional(),
});

export const lostContact = z.object({
  reason: z.enum(LOST_CONTACT_REASONS),
  authoritiesInformed: z.boolean(),
  informedWhom: optionalText(200),
  informedOn: isoDate.optional(),
  note: optionalText(),
});

export const contactRestored = z.object({ note: requiredText('Say how contact was restored.') });

export const closure = z.object({
  reason: z.enum(CLOSURE_REASONS),
  summary: requiredText('Summarise the case from reintegration to closure.'),
});

export const reopening = z.object({ reason: requiredText('Say why the case is reopened.') });
