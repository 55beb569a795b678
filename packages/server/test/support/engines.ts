import { describe, it } from 'vitest';
import type { Engine } from '../../src/db/database';
import { POSTGRES_MISSING, testEngines } from './test-db';

/**
 * Runs a suite once per database engine. Without a PostgreSQL server the run says so: a skipped test with
 * the reason and the fix, or, under CI, a failure, since CI must never pass without the server suite.
 */
export function describeOnEachEngine(name: string, suite: (engine: Engine) => void): void {
  for (const engine of testEngines()) describe(`${name} [${engine}]`, () => suite(engine));
  if (!process.env.TEST_DATABASE_URL) {
    describe(`${name} [postgres]`, () => {
      it('runs on PostgreSQL', (context) => {
        if (process.env.CI === 'true') throw new Error(POSTGRES_MISSING);
        console.warn(POSTGRES_MISSING);
        context.skip(POSTGRES_MISSING);
      });
    });
  }
}
