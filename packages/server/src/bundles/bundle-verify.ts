import { DomainError } from '@homeward/core';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { openBody, readHeader, refuseBundle, signedBy, BUNDLE_MESSAGES } from './bundle-format';
import { manifestSchema, type Manifest } from './bundle-manifest';
import { findPartner } from './bundles.repository';
import type { OwnIdentity } from './installation.service';

/**
 * Opens a bundle and decides whether to believe it, in this order: the file's form, whether it is addressed to
 * this installation, decryption (any changed byte fails here), then the sender, who must be a partner this
 * organisation added by hand, and its signature, checked with the key from the partner's card, never with a key
 * the bundle brings. Only then is the content read, and checked like any request.
 */
export async function openVerifiedBundle(
  db: Kysely<Database>,
  organisationId: string,
  own: OwnIdentity,
  file: Buffer,
  passphrase: string | undefined,
): Promise<{ manifest: Manifest; partnerName: string }> {
  const read = readHeader(file);
  const { manifest: bytes, signature } = openBody(
    read,
    { fingerprint: own.card.fingerprint, agreementKey: own.card.agreementKey, agreementPrivate: own.agreementPrivate },
    passphrase,
  );
  let claimed: unknown;
  try {
    claimed = JSON.parse(bytes.toString('utf8'));
  } catch {
    refuseBundle('bundle_damaged', BUNDLE_MESSAGES.damaged);
  }
  const sender = (claimed as { sender?: { fingerprint?: unknown; installation?: unknown } } | null)?.sender;
  const fingerprint = typeof sender?.fingerprint === 'string' ? sender.fingerprint : read.header.from;
  const partner = await findPartner(db, organisationId, { fingerprint });
  if (!partner) {
    const name = typeof sender?.installation === 'string' ? `“${sender.installation.slice(0, 100)}” ` : '';
    throw new DomainError(
      'invalid',
      `This case file was sent by an installation ${name}(${fingerprint}) that your organisation does not trust: ` +
        'add its card under Installation and partners, after checking its fingerprint with the sender, then import again.',
      [],
      'bundle_untrusted_sender',
    );
  }
  if (!signedBy(bytes, signature, partner.signing_key) || read.header.from !== fingerprint) {
    refuseBundle(
      'bundle_bad_signature',
      `The signature does not match the card of ${partner.name}: the file was not made by that installation, or was changed.`,
    );
  }
  const parsed = manifestSchema.safeParse(claimed);
  if (!parsed.success) refuseBundle('bundle_newer_version', BUNDLE_MESSAGES.newer);
  const manifest = parsed.data;
  const addressed =
    read.header.mode === 'partner'
      ? manifest.recipient.kind === 'partner' && manifest.recipient.fingerprint === own.card.fingerprint
      : manifest.recipient.kind === 'passphrase';
  if (!addressed) refuseBundle('bundle_damaged', BUNDLE_MESSAGES.damaged);
  return { manifest, partnerName: partner.name };
}
