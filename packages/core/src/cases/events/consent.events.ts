import { z } from 'zod';
import { CONSENT_GIVERS, CONSENT_SCOPES } from '../../codes/care-codes';
import { optionalText } from './fields';

export const consent = z.object({
  scope: z.enum(CONSENT_SCOPES),
  action: z.enum(['given', 'withdrawn']),
  givenBy: z.enum(CONSENT_GIVERS),
  guardianName: optionalText(160),
  note: optionalText(),
  /**
   * For a `sharing` consent: the partner organisations it covers, or `any` partner. A consent recorded before
   * this choice existed has none and is read as `any` (see sharing-consent.ts and decision 0014).
   */
  sharedWith: z.union([z.literal('any'), z.array(z.uuid()).min(1).max(50)]).optional(),
});
