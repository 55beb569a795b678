import { randomUUID, type KeyObject } from 'node:crypto';
import {
  can,
  DomainError,
  fingerprintGroups,
  newPartnerSchema,
  type Installation,
  type InstallationCard,
  type NewPartner,
} from '@homeward/core';
import type { Kysely } from 'kysely';
import { requirePermission } from '../access/require-permission';
import { appendAudit } from '../audit/audit.repository';
import type { Actor } from '../auth/actor';
import { openText, sealText } from '../auth/secret-box';
import type { Database } from '../db/schema';
import type { FileKeys } from '../documents/attachments.service';
import {
  deletePartner,
  findPartner,
  firstOrganisationName,
  insertIdentityOnce,
  insertPartner,
  listPartners,
  organisationName,
  readIdentity,
  resealIdentity,
} from './bundles.repository';
import { fingerprintOf, generateIdentity, privateKeyOf, publicKeyOf } from './installation-keys';

export interface OwnIdentity {
  card: InstallationCard;
  signingPrivate: KeyObject;
  agreementPrivate: KeyObject;
}

/** Made at first start; the private keys are sealed with the stored-data key, as the second-factor secrets are. */
export async function ensureInstallationIdentity(db: Kysely<Database>, keys: FileKeys): Promise<void> {
  if (await readIdentity(db)) return;
  const made = generateIdentity();
  await insertIdentityOnce(db, {
    id: 'this',
    signing_key: made.signingKey,
    signing_private: sealText(keys.current, made.signingPrivate),
    agreement_key: made.agreementKey,
    agreement_private: sealText(keys.current, made.agreementPrivate),
    fingerprint: made.fingerprint,
  });
}

/**
 * The identity, with the card named for the organisation that gives it out (partners know organisations, and
 * trust is per organisation); without one, for the installation's first organisation.
 */
export async function ownIdentity(db: Kysely<Database>, keys: FileKeys, organisationId?: string): Promise<OwnIdentity> {
  await ensureInstallationIdentity(db, keys);
  const row = await readIdentity(db);
  if (!row) throw new Error('The installation has no identity.');
  return {
    card: {
      homewardInstallationCard: 1,
      name: organisationId
        ? await organisationName(db, organisationId)
        : ((await firstOrganisationName(db)) ?? 'Homeward'),
      signingKey: row.signing_key,
      agreementKey: row.agreement_key,
      fingerprint: row.fingerprint,
    },
    signingPrivate: privateKeyOf(openText(keys.all, row.signing_private)),
    agreementPrivate: privateKeyOf(openText(keys.all, row.agreement_private)),
  };
}

/** The card and the partners: for administrators, and for those who send case files (to choose a partner). */
export async function readInstallation(db: Kysely<Database>, actor: Actor, keys: FileKeys): Promise<Installation> {
  if (!can(actor.access, 'case.export')) requirePermission(actor, 'installation.manage');
  const { card } = await ownIdentity(db, keys, actor.organisationId);
  const partners = await listPartners(db, actor.organisationId);
  return {
    card,
    partners: partners.map((row) => ({
      id: row.id,
      name: row.name,
      fingerprint: row.fingerprint,
      addedAt: row.created_at.toISOString(),
      addedBy: row.added_by_name,
    })),
  };
}

function refuseCard(message: string, code: string, field = 'card'): never {
  throw new DomainError('invalid', message, [{ field, message, code }], code);
}

/**
 * Trusts a partner's card. The fingerprint is worked out from the keys, never taken from the card, and must be
 * the one the partner read out over the telephone: a card changed on its way has another.
 */
export async function addPartner(
  db: Kysely<Database>,
  actor: Actor,
  input: NewPartner,
  keys: FileKeys,
): Promise<{ id: string; created: boolean }> {
  requirePermission(actor, 'installation.manage');
  const { card, name, confirmFingerprint } = newPartnerSchema.parse(input);
  if (!publicKeyOf(card.signingKey, 'ed25519') || !publicKeyOf(card.agreementKey, 'x25519')) {
    refuseCard('This card does not hold an installation’s keys.', 'card_invalid');
  }
  const fingerprint = fingerprintOf(card);
  if (fingerprint !== card.fingerprint)
    refuseCard('This card was changed: its fingerprint does not match its keys.', 'card_changed');
  if (fingerprint !== confirmFingerprint) {
    refuseCard(
      `The fingerprint typed is not this card’s (${fingerprintGroups(fingerprint)}): check it again with the partner.`,
      'fingerprint_mismatch',
      'confirmFingerprint',
    );
  }
  const own = await ownIdentity(db, keys);
  if (fingerprint === own.card.fingerprint) refuseCard('This is this installation’s own card.', 'own_card');
  return db.transaction().execute(async (trx) => {
    const existing = await findPartner(trx, actor.organisationId, { fingerprint });
    if (existing) return { id: existing.id, created: false };
    const id = randomUUID();
    const created = await insertPartner(trx, {
      id,
      organisationId: actor.organisationId,
      name: name || card.name,
      fingerprint,
      signingKey: card.signingKey,
      agreementKey: card.agreementKey,
      addedBy: actor.userId,
    });
    if (!created) {
      const raced = await findPartner(trx, actor.organisationId, { fingerprint });
      return { id: raced?.id ?? id, created: false };
    }
    await appendAudit(trx, { ...actor, action: 'partner.add', detail: { partnerId: id, fingerprint } });
    return { id, created: true };
  });
}

export async function removePartner(db: Kysely<Database>, actor: Actor, partnerId: string): Promise<void> {
  requirePermission(actor, 'installation.manage');
  await db.transaction().execute(async (trx) => {
    const partner = await findPartner(trx, actor.organisationId, { id: partnerId });
    if (!partner || !(await deletePartner(trx, actor.organisationId, partnerId))) {
      throw new DomainError('not_found', 'No such partner installation.', [], 'not_found');
    }
    await appendAudit(trx, {
      ...actor,
      action: 'partner.remove',
      detail: { partnerId, fingerprint: partner.fingerprint },
    });
  });
}

/**
 * After a stored-data key rotation (`homeward keys reseal`): the identity's private keys sealed again with the
 * current key, so the retired key can go without losing the installation's identity. True when it changed.
 */
export async function resealInstallationIdentity(db: Kysely<Database>, keys: FileKeys): Promise<boolean> {
  const row = await readIdentity(db);
  if (!row) return false;
  const current = `${keys.current.id}.`;
  if (row.signing_private.startsWith(current) && row.agreement_private.startsWith(current)) return false;
  await resealIdentity(db, {
    signing_private: sealText(keys.current, openText(keys.all, row.signing_private)),
    agreement_private: sealText(keys.current, openText(keys.all, row.agreement_private)),
  });
  return true;
}
