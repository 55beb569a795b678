import { CASE_EVENT_TYPES, isoDate, type CaseEventType } from '@homeward/core';
import { z } from 'zod';

/**
 * What a bundle carries once opened and its signature checked (decision 0012). The receiver checks it again with
 * this schema, and each event's payload with the event catalogue, so a partner's newer or broken version cannot
 * store what this version would not.
 */
const text = z.string().max(2000).nullable();

export const bundleEventSchema = z.object({
  id: z.uuid(),
  type: z.string().max(60),
  occurredOn: isoDate,
  recordedAt: z.string().max(40),
  supersedes: z.uuid().nullable(),
  payload: z.record(z.string(), z.unknown()),
  /** Who wrote the event: an organisation and a person's name on the sending installation (or before it). */
  writer: z.object({ organisation: z.string().max(300), author: z.string().max(300).nullable() }),
});
export type BundleEvent = z.output<typeof bundleEventSchema>;

export const bundleDocumentSchema = z.object({
  id: z.uuid(),
  kind: z.string().max(40),
  title: z.string().max(500),
  fileName: z.string().max(300),
  mediaType: z.string().max(200),
  /** SHA-256 of the file, hexadecimal: checked after decoding, so a file is stored whole or not at all. */
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  data: z.base64(),
});

export const bundleCaseSchema = z.object({
  sourceCaseId: z.uuid(),
  caseNumber: z.string().max(100),
  profile: z.object({
    familyNameKm: text,
    givenNameKm: text,
    familyNameLatin: text,
    givenNameLatin: text,
    alias: text,
    sex: z.enum(['female', 'male', 'other']),
    dateOfBirth: isoDate,
    dateOfBirthEstimated: z.boolean(),
    villageCode: text,
    nationality: text,
    childType: text,
    caseTypes: z.array(z.string().max(60)).min(1),
    referral: z.unknown(),
  }),
  events: z.array(bundleEventSchema).min(1),
  documents: z.array(bundleDocumentSchema),
  /** The consent events (scope "sharing", given) that allowed the file to leave the sender. */
  consent: z.array(z.uuid()).min(1),
});
export type BundleCase = z.output<typeof bundleCaseSchema>;

export const manifestSchema = z.object({
  format: z.literal('homeward-case-bundle'),
  version: z.literal(1),
  bundleId: z.uuid(),
  createdAt: z.string(),
  sender: z.object({
    installation: z.string().max(200),
    organisation: z.string().max(300),
    fingerprint: z.string().regex(/^[0-9A-F]{32}$/),
  }),
  recipient: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('partner'), fingerprint: z.string() }),
    z.object({ kind: z.literal('passphrase') }),
  ]),
  cases: z.array(bundleCaseSchema).min(1),
});
export type Manifest = z.output<typeof manifestSchema>;

export function isEventType(type: string): type is CaseEventType {
  return (CASE_EVENT_TYPES as readonly string[]).includes(type);
}
