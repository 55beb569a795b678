import type { Role } from '@homeward/core';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeOnEachEngine } from './support/engines';
import { MANY_ADDRESSES } from './support/lockout';
import {
  api,
  createTestOrganisation,
  startTestServer,
  type TestOrganisation,
  type TestServer,
  type TestUser,
} from './support/test-server';

const login = (server: TestServer, user: TestUser, password: string) =>
  api<{ code?: string }>(server, 'POST', '/auth/login', { body: { email: user.email, password } });

/** Runs the current lock out, as time would. */
const expireLock = (server: TestServer, user: TestUser) =>
  sql`update app_user set locked_until = now() - interval '1 second' where id = ${user.id}`.execute(server.db.kysely);

describeOnEachEngine('the lockout after wrong passwords', (engine) => {
  describe('for guessing spread over many addresses', () => {
    let server: TestServer;
    let org: TestOrganisation;
    beforeAll(async () => {
      server = await startTestServer(engine, { config: { lockout: MANY_ADDRESSES } });
      org = await createTestOrganisation(server, { withUser: 'caseworker' });
    });
    afterAll(() => server.close());

    /** Five wrong passwords in a row: the last is refused as locked; answers the seconds it is locked for. */
    const lockWith = async (user: TestUser) => {
      for (let n = 0; n < 4; n += 1) expect((await login(server, user, 'wrong password')).status).toBe(401);
      const locked = await login(server, user, 'wrong password');
      expect(locked.status).toBe(423);
      return Number(locked.headers.get('retry-after'));
    };

    it('starts counting again once a lock has run out, so one more mistake does not lock again', async () => {
      await lockWith(org.user);
      await expireLock(server, org.user);
      expect((await login(server, org.user, 'wrong password')).status).toBe(401);
      expect((await login(server, org.user, org.user.password)).status).toBe(200);
    });

    it('locks for longer each time failures repeat (1 min, 5 min, 15 min, then 1 h), and short again after a sign-in', async () => {
      const user = await org.addUser(['caseworker']);
      const seconds: number[] = [];
      for (let lock = 0; lock < 5; lock += 1) {
        seconds.push(await lockWith(user));
        await expireLock(server, user);
      }
      const expected = [60, 300, 900, 3600, 3600];
      seconds.forEach((value, index) => {
        expect(value).toBeLessThanOrEqual(expected[index]!);
        expect(value).toBeGreaterThan(expected[index]! - 10);
      });
      expect((await login(server, user, user.password)).status).toBe(200);
      const afterSignIn = await lockWith(user);
      expect(afterSignIn).toBeLessThanOrEqual(60);
    });

    it('lets an administrator unlock a user, audited, and refuses anyone else (403)', async () => {
      const admin = await org.addUser(['org_admin']);
      const supervisor = await org.addUser(['supervisor']);
      const user = await org.addUser(['caseworker']);
      await lockWith(user);
      const listed = await api<{ lockedUntil: string | null }>(server, 'GET', `/users/${user.id}`, {
        token: admin.token,
      });
      expect(listed.body.lockedUntil).not.toBeNull();
      const refused = await api(server, 'POST', `/users/${user.id}/unlock`, { token: supervisor.token });
      expect(refused.status).toBe(403);
      const unlocked = await api<{ lockedUntil: string | null }>(server, 'POST', `/users/${user.id}/unlock`, {
        token: admin.token,
      });
      expect(unlocked.status).toBe(200);
      expect(unlocked.body.lockedUntil).toBeNull();
      expect((await login(server, user, user.password)).status).toBe(200);
      const audit = await server.db.kysely
        .selectFrom('audit_log')
        .select(['action', 'detail'])
        .where('user_id', '=', admin.id)
        .where('action', '=', 'user.unlock')
        .execute();
      expect(audit).toHaveLength(1);
      expect(audit[0]!.detail).toMatchObject({ userId: user.id });
    });
  });

  describe('for a flood from one address', () => {
    let server: TestServer;
    beforeAll(async () => {
      server = await startTestServer(engine);
    });
    afterAll(() => server.close());

    it('lets twenty colleagues behind one shared address sign in at the same moment (run first: the flood below fills the limit)', async () => {
      const org = await createTestOrganisation(server, { withUser: 'caseworker' });
      const users = await Promise.all(Array.from({ length: 20 }, () => org.addUser(['caseworker'])));
      const answers = await Promise.all(users.map((user) => login(server, user, user.password)));
      expect(answers.map((answer) => answer.status)).toEqual(users.map(() => 200));
    });

    it('answers 429 with Retry-After across every email, and locks no account, administrators included', async () => {
      const org = await createTestOrganisation(server, { withUser: 'org_admin' });
      const roles: Role[] = ['caseworker', 'caregiver', 'supervisor', 'me_officer', 'org_admin', 'caseworker'];
      const users = [org.user, ...(await Promise.all(roles.map((role) => org.addUser([role]))))];
      // 35 attempts, five against each of seven accounts, as the flood that locked every demo account.
      const answers = await Promise.all(
        users.flatMap((user) => Array.from({ length: 5 }, () => login(server, user, 'wrong password'))),
      );
      const statuses = answers.map((answer) => answer.status);
      expect(statuses.filter((status) => status === 401)).toHaveLength(4);
      expect(statuses.filter((status) => status === 429)).toHaveLength(31);
      const refused = answers.find((answer) => answer.status === 429)!;
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(800);
      expect(refused.body.code).toBe('throttled');
      const locked = await server.db.kysely
        .selectFrom('app_user')
        .select('id')
        .where('organisation_id', '=', org.id)
        .where('locked_until', 'is not', null)
        .execute();
      expect(locked).toEqual([]);
    });
  });
});
