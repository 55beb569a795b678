import { z } from 'zod';
import { attachmentSchema } from '../documents/attachment.schema';
import { deviceSchema, pullRequestSchema, pullResponseSchema, syncOperationSchema } from './sync.schema';

/**
 * A shelter's own server syncing with its organisation's central one (issue 11 point 7, decision 0019): the same
 * pull and push as a phone's, authenticated by the hub's own token, with the organisation's people added to the
 * pull and the person who made each change added to the push.
 */

export const newHubSchema = z.object({
  id: z.uuid(),
  name: z.string().trim().min(1).max(120),
});
export type NewHub = z.infer<typeof newHubSchema>;

/** The hub's device and its token, shown once: the central server keeps only a hash of it. */
export const hubCredentialsSchema = z.object({ device: deviceSchema, token: z.string() });
export type HubCredentials = z.infer<typeof hubCredentialsSchema>;

/** What the token opens: the hub's device and its organisation, checked when the hub is linked. */
export const hubIdentitySchema = z.object({
  deviceId: z.uuid(),
  name: z.string(),
  organisation: z.object({ id: z.uuid(), name: z.string() }),
});
export type HubIdentity = z.infer<typeof hubIdentitySchema>;

/**
 * A user of the organisation as the hub keeps her, so she signs in at the shelter with the password she uses at
 * head office. Her second factor is not copied (decision 0019).
 */
export const hubUserSchema = z.object({
  id: z.uuid(),
  email: z.string(),
  displayName: z.string(),
  roles: z.array(z.string()),
  locale: z.string(),
  team: z.string().nullable(),
  facilityId: z.uuid().nullable(),
  disabled: z.boolean(),
  passwordHash: z.string(),
});
export type HubUser = z.infer<typeof hubUserSchema>;

export const hubFacilitySchema = z.object({
  id: z.uuid(),
  name: z.string(),
  careType: z.string(),
  villageCode: z.string().nullable(),
  capacity: z.number().int(),
  status: z.string(),
});
export type HubFacility = z.infer<typeof hubFacilitySchema>;

/** The organisation as its hub mirrors it: its name, rules and people. */
export const hubDirectorySchema = z.object({
  organisation: z.object({
    id: z.uuid(),
    name: z.string(),
    kind: z.enum(['ngo', 'government', 'service_provider']),
    provinceCode: z.string().nullable(),
    casePrefix: z.string(),
    caseSettings: z.record(z.string(), z.unknown()),
    accessPolicy: z.record(z.string(), z.unknown()),
    requireTwoFactor: z.boolean(),
  }),
  facilities: z.array(hubFacilitySchema),
  users: z.array(hubUserSchema),
  /** Other organisations that wrote on the cases (participants), by name: the hub names them as central does. */
  writers: z.array(z.object({ id: z.uuid(), name: z.string() })),
});
export type HubDirectory = z.infer<typeof hubDirectorySchema>;

export const hubPullRequestSchema = pullRequestSchema;
export const hubPullResponseSchema = pullResponseSchema.extend({ directory: hubDirectorySchema });
export type HubPullResponse = z.infer<typeof hubPullResponseSchema>;

/** An operation made at the hub, with the person who made it: the central server applies it as her. */
export const hubOperationSchema = z.intersection(syncOperationSchema, z.object({ madeBy: z.uuid() }));
export type HubOperation = z.infer<typeof hubOperationSchema>;
export type HubOperationInput = z.input<typeof hubOperationSchema>;

export const hubPushRequestSchema = z.object({
  deviceId: z.uuid(),
  operations: z.array(hubOperationSchema).min(1).max(500),
});
export type HubPushRequest = z.infer<typeof hubPushRequestSchema>;

/**
 * A photo or document of one of the organisation's cases as the central server holds it, for the hub to store under
 * the same id (decision 0019): who uploaded it by id (the hub knows the organisation's people), its bytes in base64.
 */
export const hubFileSchema = attachmentSchema.extend({
  organisationId: z.uuid(),
  uploadedById: z.uuid().nullable(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  content: z.base64(),
});
export type HubFile = z.infer<typeof hubFileSchema>;
