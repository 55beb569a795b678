import type { Config } from '../config';
import { openDatabase, targetFromEnv, type Db } from '../db/database';
import { migrateToLatest } from '../db/migrate';

/** Opens the configured database and brings its schema up to date, as every command needs. */
export async function openMigrated(config: Config): Promise<Db> {
  const db = await openDatabase(targetFromEnv(config.databaseUrl, config.dataDir), config.databaseQueue);
  try {
    await migrateToLatest(db);
  } catch (error) {
    await db.close();
    throw error;
  }
  return db;
}

export function describeTarget(config: Config): string {
  if (!config.databaseUrl) return `embedded database in ${config.dataDir}`;
  const url = new URL(config.databaseUrl);
  // The password never reaches the terminal or a log.
  return `PostgreSQL at ${url.hostname}:${url.port || '5432'}${url.pathname}`;
}
