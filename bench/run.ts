/**
 * Benchmarks of the case slice: opening cases and searching them, on the embedded database and, when
 * BENCH_DATABASE_URL is set, on a PostgreSQL server. Prints figures; asserts nothing.
 *   npm run bench                      # 2,000 cases on PGlite
 *   BENCH_CASES=20000 BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench
 */
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { newCaseSchema } from '@homeward/core';
import { createCase, listCases, systemClock } from '../packages/server/src/cases/cases.service';
import { openDatabase, type Db, type DatabaseTarget } from '../packages/server/src/db/database';
import { migrateToLatest } from '../packages/server/src/db/migrate';
import { insertOrganisation } from '../packages/server/src/organisations/organisations.repository';
import { FAMILY_NAMES, GIVEN_NAMES, pick, seededRandom } from '../packages/server/src/demo/demo-people';
import type { Actor } from '../packages/server/src/auth/actor';

const CASES = Number(process.env.BENCH_CASES ?? 2000);

async function time<T>(label: string, runs: number, action: () => Promise<T>): Promise<void> {
  await action();
  const started = performance.now();
  for (let run = 0; run < runs; run += 1) await action();
  console.log(`  ${label.padEnd(44)} ${((performance.now() - started) / runs).toFixed(2).padStart(9)} ms`);
}

async function bench(name: string, target: DatabaseTarget, cleanup?: () => Promise<void>): Promise<void> {
  const db: Db = await openDatabase(target);
  await migrateToLatest(db);
  const organisationId = randomUUID();
  await insertOrganisation(db.kysely, {
    id: organisationId,
    name: 'Bench',
    kind: 'ngo',
    provinceCode: null,
    casePrefix: 'B',
  });
  // The repository writes the worker into the audit log only; no user row is needed for the actor.
  const actor: Actor = { userId: randomUUID(), organisationId, roles: ['caseworker'], ip: null };
  await db.kysely
    .insertInto('app_user')
    .values({
      id: actor.userId,
      organisation_id: organisationId,
      email: `${actor.userId}@bench.example`,
      display_name: 'Bench',
      password_hash: 'x',
      roles: ['caseworker'],
      disabled_at: null,
      locked_until: null,
      last_login_at: null,
    })
    .execute();
  const random = seededRandom(7);
  console.log(`${name}: ${CASES} cases`);
  const started = performance.now();
  for (let n = 0; n < CASES; n += 1) {
    const sex = random() < 0.6 ? 'female' : 'male';
    const [fk, fl] = pick(random, FAMILY_NAMES);
    const [gk, gl] = pick(random, GIVEN_NAMES[sex]);
    await createCase(
      db.kysely,
      actor,
      newCaseSchema.parse({
        familyNameKm: fk,
        givenNameKm: gk,
        familyNameLatin: fl,
        givenNameLatin: gl,
        sex,
        estimatedAge: 5 + Math.floor(random() * 12),
        dateOfBirthEstimated: true,
        caseTypes: ['TL'],
        referral: { source: 'police', referredOn: '2026-01-15' },
      }),
      systemClock,
    );
  }
  const perCase = (performance.now() - started) / CASES;
  console.log(`  ${'open a case (intake, audit, projection)'.padEnd(44)} ${perCase.toFixed(2).padStart(9)} ms`);
  await time('list the newest 50', 20, () => listCases(db.kysely, actor, { limit: 50, offset: 0 }));
  await time('search a Khmer name (ស្រីពៅ)', 20, () => listCases(db.kysely, actor, { q: 'ស្រីពៅ', limit: 50, offset: 0 }));
  await time('search a Latin name (sok dara)', 20, () =>
    listCases(db.kysely, actor, { q: 'sok dara', limit: 50, offset: 0 }),
  );
  await db.close();
  await cleanup?.();
}

await bench('PGlite (in memory)', { engine: 'pglite', dataDir: 'memory://' });
const serverUrl = process.env.BENCH_DATABASE_URL;
if (serverUrl) {
  const name = `homeward_bench_${Date.now()}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  await bench('PostgreSQL', { engine: 'postgres', url: url.toString() }, async () => {
    await admin.query(`drop database ${name}`);
    await admin.end();
  });
} else {
  console.log('(set BENCH_DATABASE_URL to also measure a PostgreSQL server)');
}
