import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { openDatabase } from '../../src/db/database';
import { migrateToLatest } from '../../src/db/migrate';
import { SNAPSHOT_PATH } from './paths';

/** One initdb and migration for the whole run; every test file then starts from this snapshot in about a second. */
export default async function setup(): Promise<void> {
  const db = await openDatabase({ engine: 'pglite', dataDir: 'memory://' });
  try {
    await migrateToLatest(db);
    const dump = await db.pglite!.dumpDataDir('none');
    mkdirSync(dirname(SNAPSHOT_PATH), { recursive: true });
    writeFileSync(SNAPSHOT_PATH, Buffer.from(await dump.arrayBuffer()));
  } finally {
    await db.close();
  }
}
