import { createHash, randomUUID } from 'node:crypto';
import {
  bundleRequestSchema,
  DomainError,
  FIELD_TIERS,
  mayRead,
  projectCase,
  type BundleRequest,
} from '@homeward/core';
import type { Kysely } from 'kysely';
import { requirePermission } from '../access/require-permission';
import { appendAudit } from '../audit/audit.repository';
import type { Actor } from '../auth/actor';
import { readCase } from '../cases/case-reads.repository';
import type { Database } from '../db/schema';
import type { FileKeys } from '../documents/attachments.service';
import { open } from '../documents/file-crypto';
import { readCaseSettings } from '../organisations/case-settings.repository';
import { sealBundle, type BundleSeal } from './bundle-format';
import type { BundleCase, Manifest } from './bundle-manifest';
import { attachmentsForBundle, eventsForBundle, findPartner, organisationName } from './bundles.repository';
import { ownIdentity } from './installation.service';

/** Events about the sender's other cases (duplicate decisions) mean nothing on another installation. */
const STAYS_HOME = new Set(['duplicate_resolution']);

function refuse(kind: 'conflict' | 'forbidden', message: string, code: string): never {
  throw new DomainError(kind, message, [], code);
}

/**
 * One case as it travels: its profile, every event with the organisation and person who wrote it, and its files
 * decrypted from storage (they are encrypted again with the whole bundle). Refused without the child's consent
 * to share: the consent events that allow it travel with the file.
 */
async function caseForBundle(
  trx: Parameters<typeof readCase>[0],
  actor: Actor,
  caseId: string,
  keys: FileKeys,
): Promise<BundleCase> {
  const child = await readCase(trx, actor, caseId);
  // Only the organisation holding the case sends it; a department that may read it does not.
  if (child.organisation_id !== actor.organisationId)
    refuse('forbidden', 'Only the case’s own organisation can send its file.', 'not_lead');
  const events = await eventsForBundle(trx, caseId, child.organisation_id);
  const settings = await readCaseSettings(trx, child.organisation_id);
  const projection = projectCase(
    events.map((event) => ({
      id: event.id,
      type: event.type,
      occurredOn: event.occurred_on,
      payload: event.payload,
      supersedes: event.supersedes,
    })),
    settings,
  );
  const consent = events.filter((event) => event.type === 'consent' && event.payload.scope === 'sharing');
  if (!projection.consents.sharing) {
    refuse(
      'conflict',
      `The child’s consent to share the file is not recorded for ${child.case_number}: record it on the case first.`,
      'no_sharing_consent',
    );
  }
  const files = await attachmentsForBundle(trx, caseId, child.organisation_id);
  const own = await organisationName(trx, child.organisation_id);
  return {
    sourceCaseId: child.id,
    caseNumber: child.case_number,
    profile: {
      familyNameKm: child.family_name_km,
      givenNameKm: child.given_name_km,
      familyNameLatin: child.family_name_latin,
      givenNameLatin: child.given_name_latin,
      alias: child.alias,
      sex: child.sex as BundleCase['profile']['sex'],
      dateOfBirth: child.date_of_birth,
      dateOfBirthEstimated: child.date_of_birth_estimated,
      villageCode: child.village_code,
      nationality: child.nationality,
      childType: child.child_type,
      caseTypes: child.case_types,
      referral: child.referral,
    },
    events: events
      .filter((event) => !STAYS_HOME.has(event.type))
      .map((event) => ({
        id: event.id,
        type: event.type,
        occurredOn: event.occurred_on,
        recordedAt: event.origin?.recordedAt ?? event.recorded_at.toISOString(),
        supersedes: event.supersedes,
        payload: event.payload,
        // An event imported earlier keeps naming who wrote it, not the installation that passed it on.
        writer: event.origin
          ? { organisation: event.origin.organisation, author: event.origin.author }
          : { organisation: event.organisation_name || own, author: event.author_name },
      })),
    documents: files.map((file) => {
      const data = open(keys.all, { keyId: file.key_id, iv: file.iv, authTag: file.auth_tag, content: file.content });
      return {
        id: file.id,
        kind: file.kind,
        title: file.title,
        fileName: file.file_name,
        mediaType: file.media_type,
        sha256: createHash('sha256').update(data).digest('hex'),
        data: data.toString('base64'),
      };
    }),
    consent: consent.filter((event) => event.payload.action === 'given').map((event) => event.id),
  };
}

/**
 * Makes the signed, encrypted bundle of one case or several (a handover plan's), for a trusted partner
 * installation or locked with a passphrase. Every case is read through the audited case path, and the sending is
 * audited per case with the receiver, in the transaction that read them.
 */
export async function exportBundle(
  db: Kysely<Database>,
  actor: Actor,
  input: BundleRequest,
  keys: FileKeys,
): Promise<{ fileName: string; data: Buffer }> {
  requirePermission(actor, 'case.export');
  const request = bundleRequestSchema.parse(input);
  // The file leaves whole: a role that may not read every part of it cannot send it.
  if (!FIELD_TIERS.every((tier) => mayRead(actor.access, tier))) {
    refuse('forbidden', 'Your role cannot read every part of a child’s file, so it cannot send one.', 'tiers_withheld');
  }
  const own = await ownIdentity(db, keys, actor.organisationId);
  let to: BundleSeal;
  let receiverName: string;
  if (request.receiver.kind === 'partner') {
    const partner = await findPartner(db, actor.organisationId, { id: request.receiver.partnerId });
    if (!partner) {
      const message = 'No such partner installation: add its card first.';
      throw new DomainError('invalid', message, [{ field: 'receiver.partnerId', message }], 'unknown_partner');
    }
    to = { mode: 'partner', recipientFingerprint: partner.fingerprint, recipientAgreementKey: partner.agreement_key };
    receiverName = partner.name;
  } else {
    to = { mode: 'passphrase', passphrase: request.receiver.passphrase };
    receiverName = 'passphrase';
  }
  const bundleId = randomUUID();
  const caseIds = [...new Set(request.caseIds)];
  const { manifest, numbers } = await db.transaction().execute(async (trx) => {
    const cases: BundleCase[] = [];
    for (const caseId of caseIds) cases.push(await caseForBundle(trx, actor, caseId, keys));
    for (const item of cases) {
      await appendAudit(trx, {
        ...actor,
        action: 'bundle.export',
        caseId: item.sourceCaseId,
        detail: {
          bundleId,
          caseIds,
          receiver:
            to.mode === 'partner' ? { partner: receiverName, fingerprint: to.recipientFingerprint } : 'passphrase',
          events: item.events.length,
          documents: item.documents.length,
        },
      });
    }
    const made: Manifest = {
      format: 'homeward-case-bundle',
      version: 1,
      bundleId,
      createdAt: new Date().toISOString(),
      sender: {
        installation: own.card.name,
        organisation: await organisationName(trx, actor.organisationId),
        fingerprint: own.card.fingerprint,
      },
      recipient:
        to.mode === 'partner' ? { kind: 'partner', fingerprint: to.recipientFingerprint } : { kind: 'passphrase' },
      cases,
    };
    return { manifest: made, numbers: cases.map((item) => item.caseNumber) };
  });
  const data = sealBundle(
    Buffer.from(JSON.stringify(manifest), 'utf8'),
    {
      fingerprint: own.card.fingerprint,
      signingPrivate: own.signingPrivate,
    },
    to,
  );
  const name = numbers.length === 1 ? numbers[0] : `${numbers.length}-cases`;
  return { fileName: `${name}.homeward-bundle`, data };
}
