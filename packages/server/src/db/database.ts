import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { createPgConfig } from '@electric-sql/pglite/node-postgres';
import { DomainError } from '@homeward/core';
import { Kysely, PostgresDialect, type PostgresPool } from 'kysely';
import pg from 'pg';
import { lockDataFolder } from './folder-lock';
import type { Database } from './schema';

export type Engine = 'pglite' | 'postgres';

export type DatabaseTarget =
  | { engine: 'postgres'; url: string }
  /** `dataDir` is a folder, or `memory://` for a throwaway database; `snapshot` starts from a dumped data dir. */
  | { engine: 'pglite'; dataDir: string; snapshot?: Blob };

/** How much database work may wait for a connection, and for how long, before a request is turned away. */
export interface QueueLimits {
  waiting: number;
  waitMs: number;
}

export const DEFAULT_QUEUE_LIMITS: QueueLimits = { waiting: 100, waitMs: 10_000 };

export interface Db {
  engine: Engine;
  kysely: Kysely<Database>;
  /** The embedded instance, when there is one (tests dump it as a snapshot). */
  pglite: PGlite | undefined;
  close(): Promise<void>;
}

// Both engines go through node-postgres, so one set of parsers gives identical results on both.
// Calendar dates stay `YYYY-MM-DD` text: a JS Date would shift them by the server's time zone.
const DATE_OID = 1082;
const INT8_OID = 20;
pg.types.setTypeParser(DATE_OID, (value) => value);
// Counts and sequence numbers stay far below 2^53 in any organisation's lifetime.
pg.types.setTypeParser(INT8_OID, (value) => Number(value));

const RETRY_AFTER_SECONDS = 5;

/** The answer to work that cannot be started in time: 503, try again in a few seconds. */
export function busy(): DomainError {
  return new DomainError(
    'busy',
    'The server is busy with other requests. Please try again in a few seconds.',
    [],
    'busy',
    RETRY_AFTER_SECONDS,
  );
}

/**
 * Work waits for a connection in arrival order (the pool's queue is first come, first served), but not for ever
 * and not without end: past the limits the request is answered at once with 503 and Retry-After, so a busy
 * shelter laptop (one embedded connection) still answers everyone, if only to say "try again".
 */
function boundedPool(pool: pg.Pool, limits: QueueLimits): PostgresPool {
  return {
    connect: async () => {
      if (pool.waitingCount >= limits.waiting) throw busy();
      try {
        return await pool.connect();
      } catch (error) {
        if (error instanceof Error && error.message.startsWith('timeout exceeded when trying to connect')) throw busy();
        throw error;
      }
    },
    end: () => pool.end(),
  };
}

export async function openDatabase(target: DatabaseTarget, limits: QueueLimits = DEFAULT_QUEUE_LIMITS): Promise<Db> {
  if (target.engine === 'postgres') {
    const pool = new pg.Pool({ connectionString: target.url, max: 10, connectionTimeoutMillis: limits.waitMs });
    // An idle connection the server ends (a restart, a terminated backend) is dropped from the pool and the next
    // query opens a new one; unheard, the pool's error event would stop the whole process.
    pool.on('error', (error: Error & { code?: string }) => {
      process.stderr.write(
        `${JSON.stringify({ level: 'warn', msg: 'idle database connection lost', code: error.code })}\n`,
      );
    });
    const kysely = new Kysely<Database>({ dialect: new PostgresDialect({ pool: boundedPool(pool, limits) }) });
    return { engine: 'postgres', kysely, pglite: undefined, close: () => kysely.destroy() };
  }
  const inMemory = target.dataDir.startsWith('memory://');
  if (!inMemory) mkdirSync(target.dataDir, { recursive: true });
  const lock = inMemory ? undefined : lockDataFolder(target.dataDir);
  let pglite: PGlite;
  try {
    pglite = await PGlite.create(inMemory ? undefined : target.dataDir, {
      ...(target.snapshot ? { loadDataDir: target.snapshot } : {}),
    });
  } catch (error) {
    lock?.release();
    throw error;
  }
  // PGlite is a single connection: a pool of one serialises queries and transactions correctly.
  const pool = new pg.Pool({
    ...createPgConfig(pglite),
    max: 1,
    idleTimeoutMillis: 0,
    connectionTimeoutMillis: limits.waitMs,
  });
  const kysely = new Kysely<Database>({ dialect: new PostgresDialect({ pool: boundedPool(pool, limits) }) });
  return {
    engine: 'pglite',
    kysely,
    pglite,
    close: async () => {
      await kysely.destroy();
      await pglite.close();
      lock?.release();
    },
  };
}

export function targetFromEnv(databaseUrl: string | undefined, dataDir: string): DatabaseTarget {
  return databaseUrl ? { engine: 'postgres', url: databaseUrl } : { engine: 'pglite', dataDir };
}
