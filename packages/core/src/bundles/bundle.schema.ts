import { z } from 'zod';

/**
 * Case files between installations (decision 0012): an installation's public card, the partners it trusts, and
 * the requests to send and import a signed, encrypted case bundle. Shared by the server and the browser.
 */

/** 32 hexadecimal digits: the first 16 bytes of SHA-256 over both public keys. */
export const fingerprintSchema = z
  .string()
  .trim()
  .transform((value) => value.replace(/[\s-]/g, '').toUpperCase())
  .pipe(z.string().regex(/^[0-9A-F]{32}$/, { message: 'A fingerprint is 32 letters and digits (0-9, A-F).' }));

/** The public card an administrator downloads and gives to a partner (a JSON file). */
export const installationCardSchema = z.object({
  homewardInstallationCard: z.literal(1),
  name: z.string().trim().min(1).max(200),
  /** Ed25519 public key, SPKI DER, base64: checks the installation's signature on the bundles it sends. */
  signingKey: z.string().min(40).max(200),
  /** X25519 public key, SPKI DER, base64: bundles sent to the installation are encrypted to it. */
  agreementKey: z.string().min(40).max(200),
  // As the card file holds it (no transform: the schema also describes the server's answers).
  fingerprint: z.string().regex(/^[0-9A-F]{32}$/, { message: 'This is not a Homeward installation card.' }),
});
export type InstallationCard = z.output<typeof installationCardSchema>;

export const partnerSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  fingerprint: z.string(),
  addedAt: z.string(),
  addedBy: z.string().nullable(),
});
export type Partner = z.output<typeof partnerSchema>;

export const installationSchema = z.object({
  card: installationCardSchema,
  partners: z.array(partnerSchema),
});
export type Installation = z.output<typeof installationSchema>;

export const newPartnerSchema = z.object({
  card: installationCardSchema,
  /** The name this organisation knows the partner by; the card's name when empty. */
  name: z.string().trim().max(200).optional(),
  /** The fingerprint read over the telephone: it must be the card's, so a swapped card is caught. */
  confirmFingerprint: fingerprintSchema,
});
export type NewPartner = z.input<typeof newPartnerSchema>;

export const bundleReceiverSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('partner'), partnerId: z.uuid() }),
  z.object({
    kind: z.literal('passphrase'),
    passphrase: z.string().min(12, { message: 'Use at least 12 characters.' }).max(200),
  }),
]);

export const bundleRequestSchema = z.object({
  caseIds: z.array(z.uuid()).min(1).max(200),
  receiver: bundleReceiverSchema,
});
export type BundleRequest = z.input<typeof bundleRequestSchema>;

/** How an imported case joins the importer's children, per case of the bundle (by the sender's case id). */
export const importChoiceSchema = z.discriminatedUnion('action', [
  z.object({ action: z.literal('create') }),
  z.object({ action: z.literal('link'), caseId: z.uuid() }),
]);
export type ImportChoice = z.output<typeof importChoiceSchema>;

export const importOptionsSchema = z.object({
  passphrase: z.string().max(200).optional(),
  /** Without choices, an import with likely matches stops and answers them; with them, it imports. */
  choices: z.record(z.uuid(), importChoiceSchema).optional(),
});
export type ImportOptions = z.output<typeof importOptionsSchema>;

const importedCaseSchema = z.object({
  sourceCaseId: z.uuid(),
  sourceCaseNumber: z.string(),
  /** The case on this installation: made by this import, or by an earlier import of the same case. */
  caseId: z.uuid().nullable(),
  caseNumber: z.string().nullable(),
  alreadyImported: z.boolean(),
  events: z.number().int(),
  documents: z.number().int(),
  /** Children already known here who may be this one (asked before importing). */
  matches: z.array(
    z.object({
      caseId: z.uuid(),
      caseNumber: z.string(),
      name: z.string().nullable(),
      dateOfBirth: z.string().nullable(),
      level: z.enum(['likely', 'possible']),
    }),
  ),
  linkedTo: z.uuid().nullable(),
});

export const importResultSchema = z.object({
  /** `needs_choice`: nothing imported yet; choose per case to link or create, then send again. */
  status: z.enum(['imported', 'needs_choice']),
  sender: z.object({ installation: z.string(), organisation: z.string(), fingerprint: z.string() }),
  cases: z.array(importedCaseSchema),
});
export type ImportResult = z.output<typeof importResultSchema>;

/** A fingerprint as a person reads it over the telephone: eight groups of four. */
export function fingerprintGroups(fingerprint: string): string {
  return (fingerprint.replace(/\s/g, '').match(/.{1,4}/g) ?? []).join(' ');
}
