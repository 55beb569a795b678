import { z } from 'zod';
import { CASE_SECTIONS } from '../access/case-sections';
import { TRANSFER_DECLINE_REASONS } from './transfer.schema';

/**
 * The steps of a transfer as events of the case's course (decision 0010): both timelines show them. Each names
 * both organisations, so a former lead that reads only its own writing still sees how the case left it.
 */
const parties = {
  transferId: z.uuid(),
  fromOrganisationId: z.uuid(),
  fromOrganisationName: z.string(),
  toOrganisationId: z.uuid(),
  toOrganisationName: z.string(),
};

export const transferEventPayloads = {
  transfer_offered: z.object({ ...parties, sectionsKept: z.array(z.enum(CASE_SECTIONS)) }),
  transfer_accepted: z.object({ ...parties, caseNumber: z.string(), previousCaseNumber: z.string() }),
  transfer_declined: z.object({ ...parties, declineReason: z.enum(TRANSFER_DECLINE_REASONS) }),
  transfer_withdrawn: z.object(parties),
} as const;

export const TRANSFER_EVENT_TYPES = Object.keys(transferEventPayloads) as (keyof typeof transferEventPayloads)[];
