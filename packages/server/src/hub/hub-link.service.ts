import { DomainError, type HubIdentity } from '@homeward/core';
import type { Kysely } from 'kysely';
import { sealText } from '../auth/secret-box';
import type { Database } from '../db/schema';
import type { FileKey } from '../documents/file-crypto';
import { countOrganisations, organisationExists } from '../organisations/organisations.repository';
import { CentralClient } from './hub-client';
import { readLink, saveLink } from './hub-link.repository';

/**
 * Links this server to its organisation's central server as the hub the token was made for. The token is checked
 * with the central server first and kept sealed with the stored-data key. The database must be empty, or already
 * hold that organisation (linking again with a new token after a revocation): a hub mirrors one organisation.
 */
export async function linkHub(
  db: Kysely<Database>,
  key: FileKey,
  input: { centralUrl: string; token: string },
): Promise<HubIdentity> {
  const centralUrl = new URL(input.centralUrl).origin;
  const identity = await new CentralClient(centralUrl, input.token).identity();
  const linked = await readLink(db);
  const holdsIt = await organisationExists(db, identity.organisation.id);
  const mirrorsAnother = linked ? linked.organisationId !== identity.organisation.id : !holdsIt;
  if (mirrorsAnother && (linked || (await countOrganisations(db)) > 0)) {
    throw new DomainError(
      'conflict',
      'This server already holds another organisation’s records: a hub starts from an empty database.',
      [],
      'hub_other_organisation',
    );
  }
  await saveLink(db, {
    centralUrl,
    deviceId: identity.deviceId,
    organisationId: identity.organisation.id,
    sealedToken: sealText(key, input.token),
  });
  return identity;
}
