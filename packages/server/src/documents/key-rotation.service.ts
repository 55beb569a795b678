import type { Kysely } from 'kysely';
import { appendAudit } from '../audit/audit.repository';
import { openText, sealText } from '../auth/secret-box';
import { resealSecrets, sealedSecrets } from '../auth/two-factor.repository';
import { resealInstallationIdentity } from '../bundles/installation.service';
import type { Database } from '../db/schema';
import { readLink, resealLinkToken } from '../hub/hub-link.repository';
import { resealStagedFile, stagedFilesSealedOtherwise } from '../sync/sync-files.repository';
import type { FileKeys } from './attachments.service';
import { attachmentsSealedOtherwise, resealAttachment } from './attachments.repository';
import { open, seal } from './file-crypto';

const BATCH = 50;

/**
 * After a key rotation: every stored file (with the files sent from devices that wait for their operation, or are
 * held with it), second-factor secret and the installation's private keys sealed with a retired key is opened and
 * sealed again with the current one, so the retired keys can then be removed from the configuration. Row by row, so a
 * stop half-way leaves each row readable with one of the configured keys; running it again finishes the work.
 */
export async function resealWithCurrentKey(
  db: Kysely<Database>,
  keys: FileKeys,
): Promise<{ attachments: number; secrets: number }> {
  let attachments = 0;
  for (;;) {
    const batch = await attachmentsSealedOtherwise(db, keys.current.id, BATCH);
    if (batch.length === 0) break;
    for (const row of batch) {
      const plain = open(keys.all, { keyId: row.key_id, iv: row.iv, authTag: row.auth_tag, content: row.content });
      await resealAttachment(db, row.id, seal(keys.current, plain));
      attachments += 1;
    }
  }
  for (;;) {
    const batch = await stagedFilesSealedOtherwise(db, keys.current.id, BATCH);
    if (batch.length === 0) break;
    for (const row of batch) {
      const plain = open(keys.all, { keyId: row.key_id, iv: row.iv, authTag: row.auth_tag, content: row.content });
      await resealStagedFile(
        db,
        { organisationId: row.organisation_id, id: row.id, sha256: row.sha256 },
        seal(keys.current, plain),
      );
      attachments += 1;
    }
  }
  let secrets = 0;
  const stale = (value: string | null) => value !== null && !value.startsWith(`${keys.current.id}.`);
  for (const user of await sealedSecrets(db)) {
    if (!stale(user.totp_secret) && !stale(user.totp_pending_secret)) continue;
    const again = (value: string | null) => (value === null ? null : sealText(keys.current, openText(keys.all, value)));
    await resealSecrets(db, user.id, {
      totp_secret: again(user.totp_secret),
      totp_pending_secret: again(user.totp_pending_secret),
    });
    secrets += 1;
  }
  // The installation's private keys (decision 0012) count as one secret, and so does a hub's token (0019).
  if (await resealInstallationIdentity(db, keys)) secrets += 1;
  const link = await readLink(db);
  if (link && stale(link.sealedToken)) {
    await resealLinkToken(db, sealText(keys.current, openText(keys.all, link.sealedToken)));
    secrets += 1;
  }
  await appendAudit(db, {
    userId: null,
    organisationId: null,
    roles: [],
    action: 'keys.reseal',
    detail: { keyId: keys.current.id, attachments, secrets },
  });
  return { attachments, secrets };
}
