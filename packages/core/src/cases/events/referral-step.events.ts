import { z } from 'zod';
import { SERVICE_KINDS } from '../../codes/care-codes';

/**
 * The steps of a referral for a service, as events of the case's course (decision 0010): both the sender's and
 * the receiver's timelines show them. The referral row holds the state; these keep the history.
 */
const step = {
  referralId: z.uuid(),
  senderName: z.string(),
  receiverName: z.string(),
  services: z.array(z.enum(SERVICE_KINDS)),
};

export const referralStepEvents = {
  referral_sent: z.object({
    ...step,
    urgency: z.enum(['normal', 'urgent']),
    sections: z.array(z.enum(['identity', 'assessments', 'care_plan', 'placements', 'services', 'notes', 'documents'])),
    consentBasis: z.enum(['given', 'recorded_now', 'override']).nullable(),
  }),
  referral_accepted: z.object({ ...step, ownCase: z.boolean() }),
  referral_declined: z.object({ ...step, reason: z.string() }),
  referral_withdrawn: z.object({ ...step, reason: z.string().nullable() }),
  referral_done: z.object({ ...step, feedback: z.string() }),
};
