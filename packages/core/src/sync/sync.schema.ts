import { z } from 'zod';
import { caseDetailSchema, newCaseSchema } from '../cases/case.schema';
import { caseEventSchema, newCaseEventSchema } from '../cases/case-events';
import { caseCorrectionSchema } from '../cases/case-correction.schema';
import { groupAttendanceSchema } from '../cases/group-activity.schema';
import { caseSettingsSchema, offlineSettingsSchema } from '../cases/case-settings';
import { attachmentFieldsSchema, MAX_ATTACHMENT_BYTES } from '../documents/attachment.schema';

/**
 * The offline sync protocol's shapes (docs/decisions/0013-offline-sync.md). The server validates pushes and
 * answers pulls with these; the browser's sync engine and the property test use the same ones.
 */

export const DEVICE_KINDS = ['browser', 'hub'] as const;
export type DeviceKind = (typeof DEVICE_KINDS)[number];

export const registerDeviceSchema = z.object({
  /** Made by the device once and kept in its store; registering again with it is a retry. */
  id: z.uuid(),
  name: z.string().trim().min(1).max(120),
  /** A shelter's own server syncing with the central one; only an administrator (`device.manage`) registers one. */
  kind: z.enum(DEVICE_KINDS).default('browser'),
});
export type RegisterDevice = z.infer<typeof registerDeviceSchema>;

/** The organisation's offline settings (`offline` in its case settings), sent to its devices with each pull. */
export const deviceSettingsSchema = offlineSettingsSchema;
export type DeviceSettings = z.infer<typeof deviceSettingsSchema>;

/**
 * The second key of a browser's device store (decision 0017): 32 random bytes, base64url, released only to the
 * device's own user over the session that asked for it.
 */
export const deviceSessionKeySchema = z.object({ key: z.string().regex(/^[A-Za-z0-9_-]{43}$/) });
export type DeviceSessionKey = z.infer<typeof deviceSessionKeySchema>;

export const deviceSchema = z.object({
  id: z.uuid(),
  kind: z.enum(DEVICE_KINDS),
  name: z.string(),
  userId: z.uuid().nullable(),
  userName: z.string().nullable(),
  registeredAt: z.string(),
  lastSyncAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
  /** The case numbers the device holds, as of its last pull. */
  heldCases: z.array(z.object({ caseId: z.uuid(), caseNumber: z.string() })),
});
export type Device = z.infer<typeof deviceSchema>;

export const deviceListSchema = z.object({ items: z.array(deviceSchema) });
export type DeviceList = z.infer<typeof deviceListSchema>;

/** One change made on a device, pushed in the order the device made it; `opId` is the record's own client id. */
export const syncOperationSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('case'), opId: z.uuid(), madeAt: z.string(), body: newCaseSchema }),
  z.object({
    kind: z.literal('event'),
    opId: z.uuid(),
    madeAt: z.string(),
    caseId: z.uuid(),
    body: newCaseEventSchema,
  }),
  z.object({
    kind: z.literal('correction'),
    opId: z.uuid(),
    madeAt: z.string(),
    caseId: z.uuid(),
    body: caseCorrectionSchema,
  }),
  /** One child present at a group session made offline: each child is its own operation (decision 0021). */
  z.object({
    kind: z.literal('attendance'),
    opId: z.uuid(),
    madeAt: z.string(),
    caseId: z.uuid(),
    body: groupAttendanceSchema,
  }),
  /**
   * A photo or document added offline (decision 0020). Its bytes go up before the push to `PUT /sync/files/:opId`
   * (a push body stays small); `sha256` names which bytes, so the same id with other bytes is another change.
   * The attachment and its timeline entry are written under `opId`.
   */
  z.object({
    kind: z.literal('attachment'),
    opId: z.uuid(),
    madeAt: z.string(),
    caseId: z.uuid(),
    body: attachmentFieldsSchema.extend({
      fileName: z.string().trim().min(1).max(200),
      size: z.number().int().min(1).max(MAX_ATTACHMENT_BYTES),
      sha256: z.string().regex(/^[0-9a-f]{64}$/),
    }),
  }),
  /** A read or change made offline, for the audit log: the device's time and the server's time of arrival. */
  z.object({
    kind: z.literal('audit'),
    opId: z.uuid(),
    madeAt: z.string(),
    caseId: z.uuid(),
    action: z.enum(['case.read', 'case.search', 'case.event_add', 'case.create', 'case.correct']),
  }),
]);
export type SyncOperation = z.infer<typeof syncOperationSchema>;
export type SyncOperationInput = z.input<typeof syncOperationSchema>;

/** What the server answers a file sent ahead of its `attachment` operation: the bytes it holds under that id. */
export const stagedFileSchema = z.object({ id: z.uuid(), sha256: z.string(), size: z.number().int() });
export type StagedFile = z.infer<typeof stagedFileSchema>;
export const stagedFileQuerySchema = z.object({ deviceId: z.uuid(), sha256: z.string().regex(/^[0-9a-f]{64}$/) });

export const pushRequestSchema = z.object({
  deviceId: z.uuid(),
  operations: z.array(syncOperationSchema).min(1).max(500),
});
export type PushRequest = z.infer<typeof pushRequestSchema>;

/**
 * An operation as the server kept it, in an answer: checked against `syncOperationSchema` but passed as it is,
 * since it was parsed (trimmed, defaulted) when pushed, and an answer cannot be written through that schema's
 * one-way transforms.
 */
const keptOperationSchema = z.custom<SyncOperation>((value) => syncOperationSchema.safeParse(value).success, {
  message: 'Not an operation of the sync protocol.',
});

export const HELD_KINDS = ['conflict', 'attention'] as const;
export type HeldKind = (typeof HELD_KINDS)[number];

export const conflictFieldSchema = z.object({
  field: z.string(),
  yours: z.unknown(),
  current: z.unknown(),
  currentVersion: z.number().int(),
  /**
   * Who set the current value and when: the correction that made its version, or the intake's author. Found when
   * the held answer is read (`currentSetters`), so a later correction is named; absent where not known.
   */
  currentBy: z.string().nullable().optional(),
  currentAt: z.string().nullable().optional(),
});
export type ConflictField = z.infer<typeof conflictFieldSchema>;

/**
 * An operation the server kept instead of applying: a correction made from an old version of a field that
 * changed meanwhile (`conflict`), or a change the case's rules refused on arrival (`attention`). Never dropped:
 * a person re-applies, resolves or discards it.
 */
export const heldOperationSchema = z.object({
  id: z.uuid(),
  kind: z.enum(HELD_KINDS),
  status: z.enum(['open', 'reapplied', 'resolved', 'discarded']),
  caseId: z.uuid().nullable(),
  caseNumber: z.string().nullable(),
  deviceId: z.uuid().nullable(),
  madeBy: z.string().nullable(),
  madeAt: z.string(),
  receivedAt: z.string(),
  /** Why it was held: a refusal code (`case_closed`, `id_taken`, `stale_field`…), translated by the browser. */
  reason: z.string(),
  message: z.string(),
  operation: keptOperationSchema,
  conflicts: z.array(conflictFieldSchema),
});
export type HeldOperation = z.infer<typeof heldOperationSchema>;

export const pushResultSchema = z.object({
  opId: z.uuid(),
  /** `applied` also answers a retry of what was applied before; `failed` may be sent again later. */
  status: z.enum(['applied', 'conflict', 'attention', 'failed']),
  caseId: z.uuid().nullable(),
  /** For a new case, the number the server gave it in place of the provisional one. */
  caseNumber: z.string().nullable(),
  held: heldOperationSchema.nullable(),
});
export type PushResult = z.infer<typeof pushResultSchema>;

export const pushResponseSchema = z.object({ results: z.array(pushResultSchema) });
export type PushResponse = z.infer<typeof pushResponseSchema>;

/**
 * What the device holds: for each case, the last event `seq` it applied and the case version it has. Marks per
 * case rather than one global cursor, because events of different cases commit in another order than their
 * sequence numbers: a global cursor could step over an event committed late, while within one case events are
 * written under the case's row lock, so their order of commit is their order of sequence.
 */
export const knownCaseSchema = z.object({
  caseId: z.uuid(),
  seq: z.number().int().min(0),
  version: z.number().int().min(0),
});
export type KnownCase = z.infer<typeof knownCaseSchema>;

export const pullRequestSchema = z.object({
  deviceId: z.uuid(),
  known: z.array(knownCaseSchema).max(20_000),
});
export type PullRequest = z.infer<typeof pullRequestSchema>;

export const tombstoneSchema = z.object({
  caseId: z.uuid(),
  reason: z.enum(['access_ended', 'removed', 'unmarked']),
});
export type Tombstone = z.infer<typeof tombstoneSchema>;

export const pullResponseSchema = z.object({
  /** Cases new to the device (a backfill: the case and all its readable events) or changed since its marks. */
  cases: z.array(caseDetailSchema),
  /** Each event carries its `seq`, from which the device takes its new mark for the case. */
  events: z.array(caseEventSchema.extend({ seq: z.number().int().min(1) })),
  /** Cases the device must forget, with every event of theirs. */
  tombstones: z.array(tombstoneSchema),
  /** The open conflicts and needs-attention operations this user may act on. */
  held: z.array(heldOperationSchema),
  settings: deviceSettingsSchema,
  /**
   * The case settings of each organisation that holds a case in the caseload, by its id, so the device projects
   * a case (what is due, which steps wait for approval) under its own organisation's rules as the server does.
   * Absent from an older server's answer: the device keeps what it had.
   */
  caseSettings: z.record(z.uuid(), caseSettingsSchema).optional(),
});
export type PullResponse = z.infer<typeof pullResponseSchema>;

export const offlineMarkSchema = z.object({ caseId: z.uuid(), offline: z.boolean() });
export type OfflineMark = z.infer<typeof offlineMarkSchema>;

/** The cases the signed-in user marked to keep offline, beyond those assigned to her. */
export const offlineMarkListSchema = z.object({ caseIds: z.array(z.uuid()) });

export const heldListQuerySchema = z.object({ caseId: z.uuid().optional() });
export const heldListSchema = z.object({ items: z.array(heldOperationSchema) });
export type HeldList = z.infer<typeof heldListSchema>;

export const resolveHeldSchema = z.discriminatedUnion('action', [
  /** Send the kept operation again (after the case was reopened, say), optionally with an edited body. */
  z.object({ action: z.literal('reapply') }),
  /** For a conflict: the values a person chose, written as a correction from the current versions. */
  z.object({ action: z.literal('resolve'), values: z.record(z.string(), z.unknown()) }),
  z.object({ action: z.literal('discard'), reason: z.string().trim().min(1).max(1000) }),
]);
export type ResolveHeld = z.infer<typeof resolveHeldSchema>;
