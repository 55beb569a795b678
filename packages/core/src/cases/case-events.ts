import { z } from 'zod';
import { CASE_TYPES, CHILD_TYPES } from '../codes/case-codes';
import { isoDate } from '../text/dates';
import { referralSchema } from './case.schema';

/**
 * The event catalogue. A case is the stream of these; each payload is checked by its schema here, on the
 * server before it is stored and in the browser before it is sent.
 */
export const eventPayloadSchemas = {
  intake: z.object({
    referral: referralSchema,
    caseTypes: z.array(z.enum(CASE_TYPES)).min(1),
    childType: z.enum(CHILD_TYPES).nullable(),
  }),
  note: z.object({
    text: z.string().trim().min(1, { message: 'Write the note.' }).max(20000),
    confidential: z.boolean().default(false),
  }),
} as const;

export type CaseEventType = keyof typeof eventPayloadSchemas;
export const CASE_EVENT_TYPES = Object.keys(eventPayloadSchemas) as CaseEventType[];
export type EventPayload<T extends CaseEventType> = z.output<(typeof eventPayloadSchemas)[T]>;

/** Events a user may add through `POST /cases/{id}/events`; intake is written only when the case is created. */
export const newCaseEventSchema = z.discriminatedUnion('type', [
  z.object({
    id: z.uuid().optional(),
    type: z.literal('note'),
    occurredOn: isoDate,
    payload: eventPayloadSchemas.note,
  }),
]);
export type NewCaseEventInput = z.input<typeof newCaseEventSchema>;
export type NewCaseEvent = z.output<typeof newCaseEventSchema>;

export const caseEventSchema = z.object({
  id: z.uuid(),
  caseId: z.uuid(),
  type: z.enum(CASE_EVENT_TYPES as [CaseEventType, ...CaseEventType[]]),
  occurredOn: isoDate,
  recordedAt: z.string(),
  authorId: z.uuid().nullable(),
  authorName: z.string().nullable(),
  payload: z.record(z.string(), z.unknown()),
});
export type CaseEvent = z.infer<typeof caseEventSchema>;
export const caseEventListSchema = z.object({ items: z.array(caseEventSchema) });
