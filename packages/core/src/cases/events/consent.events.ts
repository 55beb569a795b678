import { z } from 'zod';
import { CONSENT_GIVERS, CONSENT_SCOPES } from '../../codes/care-codes';
import { optionalText } from './fields';

export const consent = z.object({
  scope: z.enum(CONSENT_SCOPES),
  action: z.enum(['given', 'withdrawn']),
  givenBy: z.enum(CONSENT_GIVERS),
  guardianName: optionalText(160),
  note: optionalText(),
});
