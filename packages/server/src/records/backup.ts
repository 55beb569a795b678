import { existsSync, readdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import type { Db } from '../db/database';
import { lockDataFolder } from '../db/folder-lock';

/** Every way a backup file can be unusable is told the same way, with what to check. */
export const NOT_A_BACKUP =
  'This is not a usable Homeward backup: the passphrase is wrong, or the file is incomplete, damaged or not a backup. ' +
  'Check the passphrase file and copy the backup again.';

export const PG_DUMP_ADVICE =
  'This installation uses a PostgreSQL server: back it up with pg_dump through `homeward encrypt`, e.g.\n' +
  '  pg_dump --format=custom "$DATABASE_URL" | homeward encrypt --passphrase-file /root/backup.pass > homeward.dump.enc\n' +
  'See docs/operators/backups.md.';

/** The embedded database's whole data folder as a gzipped tarball, the form PGlite loads back. */
export async function dumpEmbeddedDatabase(db: Db): Promise<Buffer> {
  if (!db.pglite) throw new Error(PG_DUMP_ADVICE);
  const dump = await db.pglite.dumpDataDir('gzip');
  return Buffer.from(await dump.arrayBuffer());
}

/** Loads a dump into a new data folder; never over an existing database, which a restore would destroy. */
export async function restoreEmbeddedDatabase(dataDir: string, dump: Buffer): Promise<void> {
  const lock = lockDataFolder(dataDir);
  try {
    if (existsSync(dataDir) && readdirSync(dataDir).length > 0) {
      throw new Error(`${dataDir} is not empty: restore into a new folder, then point HOMEWARD_DATA_DIR at it.`);
    }
    try {
      const pglite = await PGlite.create(dataDir, { loadDataDir: new Blob([new Uint8Array(dump)]) });
      await pglite.close();
    } catch {
      throw new Error(NOT_A_BACKUP);
    }
  } finally {
    lock.release();
  }
}
