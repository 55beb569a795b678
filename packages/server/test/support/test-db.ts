import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { sql } from 'kysely';
import pg from 'pg';
import { DEFAULT_QUEUE_LIMITS, openDatabase, type Db, type Engine, type QueueLimits } from '../../src/db/database';
import { migrateToLatest } from '../../src/db/migrate';
import { SNAPSHOT_PATH } from './paths';

export const POSTGRES_MISSING =
  'TEST_DATABASE_URL is not set, so the PostgreSQL suite did not run. Start a server ' +
  '(pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start, or apt-get install -y postgresql) and set ' +
  'TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres';

/** The engines this run tests on: always the embedded one, and PostgreSQL when a server is given. */
export function testEngines(): Engine[] {
  return process.env.TEST_DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];
}

export interface TestDb extends Db {
  drop(): Promise<void>;
}

/** A fresh, migrated database of its own for one test file: a loaded snapshot, or a new database on the server. */
export async function openTestDb(engine: Engine, limits: QueueLimits = DEFAULT_QUEUE_LIMITS): Promise<TestDb> {
  if (engine === 'pglite') {
    const snapshot = new Blob([readFileSync(SNAPSHOT_PATH)]);
    const db = await openDatabase({ engine: 'pglite', dataDir: 'memory://', snapshot }, limits);
    return { ...db, drop: () => db.close() };
  }
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) throw new Error(POSTGRES_MISSING);
  const name = `homeward_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const db = await openDatabase({ engine: 'postgres', url: url.toString() }, limits);
  await migrateToLatest(db);
  return {
    ...db,
    drop: async () => {
      await db.close();
      const cleanup = new pg.Client({ connectionString: adminUrl });
      await cleanup.connect();
      await cleanup.query(`drop database if exists ${name} with (force)`);
      await cleanup.end();
    },
  };
}

export async function countRows(
  db: Db,
  table: 'child_case' | 'case_event' | 'group_activity' | 'organisation' | 'app_user' | 'sync_held' | 'sync_audit_op',
): Promise<number> {
  const result = await sql<{ n: number }>`select count(*) as n from ${sql.table(table)}`.execute(db.kysely);
  return result.rows[0]?.n ?? 0;
}
