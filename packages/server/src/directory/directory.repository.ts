import { can, DomainError, type DirectoryEntry, type NewDirectoryEntry } from '@homeward/core';
import type { Kysely } from 'kysely';
import { appendAudit } from '../audit/audit.repository';
import type { Actor } from '../auth/actor';
import type { Database } from '../db/schema';

/** The organisation's own directory of partners and referral bodies. */
export async function listDirectory(db: Kysely<Database>, actor: Actor): Promise<DirectoryEntry[]> {
  const rows = await db
    .selectFrom('directory_entry')
    .select(['id', 'name', 'kind', 'province_code as provinceCode', 'phone'])
    .where('organisation_id', '=', actor.organisationId)
    .orderBy('name')
    .execute();
  return rows as DirectoryEntry[];
}

export async function insertDirectoryEntry(
  db: Kysely<Database>,
  actor: Actor,
  id: string,
  entry: NewDirectoryEntry,
): Promise<void> {
  if (!can(actor.access, 'case.write'))
    throw new DomainError('forbidden', 'Your role does not allow this.', [], 'forbidden');
  const taken = await db
    .selectFrom('directory_entry')
    .select('id')
    .where('organisation_id', '=', actor.organisationId)
    .where('name', '=', entry.name)
    .executeTakeFirst();
  if (taken) {
    throw new DomainError(
      'invalid',
      'This name is already in the directory.',
      [{ field: 'name', message: 'This name is already in the directory.' }],
      'duplicate_name',
    );
  }
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('directory_entry')
      .values({
        id,
        organisation_id: actor.organisationId,
        name: entry.name,
        kind: entry.kind,
        province_code: entry.provinceCode ?? null,
        phone: entry.phone || null,
      })
      .execute();
    await appendAudit(trx, { ...actor, action: 'directory.create', detail: { entryId: id } });
  });
}
