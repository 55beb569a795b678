import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeOnEachEngine } from './support/engines';
import { MANY_ADDRESSES } from './support/lockout';
import { api, createTestOrganisation, startTestServer, type TestServer, type TestUser } from './support/test-server';
import { auditActions, codeAt, enrolTwoFactor, nextCode } from './support/two-factor';

interface Challenge {
  secondFactor?: 'required';
  challenge: string;
  token?: string;
}

describeOnEachEngine('two-factor authentication', (engine) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(engine, { config: { lockout: MANY_ADDRESSES } });
  });
  afterAll(() => server.close());

  const passwordStep = (user: TestUser) =>
    api<Challenge>(server, 'POST', '/auth/login', { body: { email: user.email, password: user.password } });
  const codeStep = (challenge: string, code: string) =>
    api<{ token: string; code: string }>(server, 'POST', '/auth/login/code', { body: { challenge, code } });

  it('enrols with the password and a first code, keeping the secret sealed and showing ten recovery codes', async () => {
    const { user } = await createTestOrganisation(server, { withUser: 'caseworker' });
    const wrongPassword = await api<{ code: string }>(server, 'POST', '/account/two-factor/setup', {
      token: user.token,
      body: { password: 'not-my-password' },
    });
    expect(wrongPassword.status).toBe(400);
    expect(wrongPassword.body.code).toBe('wrong_password');

    const setup = await api<{ secret: string; uri: string }>(server, 'POST', '/account/two-factor/setup', {
      token: user.token,
      body: { password: user.password },
    });
    expect(setup.status).toBe(200);
    expect(setup.body.secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(setup.body.uri).toMatch(/^otpauth:\/\/totp\/Homeward:/);
    expect(setup.body.uri).toContain(`secret=${setup.body.secret}`);
    const stored = await server.db.kysely
      .selectFrom('app_user')
      .select(['totp_pending_secret', 'totp_secret'])
      .where('id', '=', user.id)
      .executeTakeFirstOrThrow();
    expect(stored.totp_pending_secret).toBeTruthy();
    expect(stored.totp_pending_secret).not.toContain(setup.body.secret);
    expect(stored.totp_secret).toBeNull();

    const fiveMinutesAgo = codeAt(setup.body.secret, Date.now() - 300_000);
    const wrong = await api<{ code: string }>(server, 'POST', '/account/two-factor/confirm', {
      token: user.token,
      body: { code: fiveMinutesAgo === '000000' ? '000001' : fiveMinutesAgo },
    });
    expect(wrong.status).toBe(400);
    expect(wrong.body.code).toBe('invalid_code');
    const meBefore = await api<{ twoFactor: { enrolled: boolean } }>(server, 'GET', '/auth/me', { token: user.token });
    expect(meBefore.body.twoFactor.enrolled).toBe(false);

    const confirm = await api<{ recoveryCodes: string[] }>(server, 'POST', '/account/two-factor/confirm', {
      token: user.token,
      body: { code: codeAt(setup.body.secret) },
    });
    expect(confirm.status).toBe(200);
    expect(confirm.body.recoveryCodes).toHaveLength(10);
    expect(new Set(confirm.body.recoveryCodes).size).toBe(10);
    for (const code of confirm.body.recoveryCodes) expect(code).toMatch(/^[A-Z2-9]{5}-[A-Z2-9]{5}$/);
    const hashes = await server.db.kysely
      .selectFrom('recovery_code')
      .select('code_hash')
      .where('user_id', '=', user.id)
      .execute();
    expect(hashes).toHaveLength(10);
    expect(hashes.map((row) => row.code_hash)).not.toContain(confirm.body.recoveryCodes[0]);

    const me = await api<{ twoFactor: { enrolled: boolean } }>(server, 'GET', '/auth/me', { token: user.token });
    expect(me.body.twoFactor.enrolled).toBe(true);
    const again = await api(server, 'POST', '/account/two-factor/setup', {
      token: user.token,
      body: { password: user.password },
    });
    expect(again.status).toBe(409);
    expect((await auditActions(server, user.id)).map((entry) => entry.action)).toContain('auth.two_factor_enrol');
  });

  it('signs in with password then code; a wrong code and a reused code are refused', async () => {
    const { user } = await createTestOrganisation(server, { withUser: 'caseworker' });
    const { secret } = await enrolTwoFactor(server, user);

    const first = await passwordStep(user);
    expect(first.status).toBe(200);
    expect(first.body.secondFactor).toBe('required');
    expect(first.body.token).toBeUndefined();
    expect(first.headers.get('set-cookie')).toBeNull();

    const code = nextCode(secret);
    const wrong = await codeStep(first.body.challenge, code === '123456' ? '654321' : '123456');
    expect(wrong.status).toBe(401);
    expect(wrong.body.code).toBe('invalid_code');

    const right = await codeStep(first.body.challenge, code);
    expect(right.status).toBe(200);
    const me = await api<{ email: string }>(server, 'GET', '/auth/me', { token: right.body.token });
    expect(me.body.email).toBe(user.email);

    const spentChallenge = await codeStep(first.body.challenge, code);
    expect(spentChallenge.status).toBe(401);
    expect(spentChallenge.body.code).toBe('challenge_expired');

    const second = await passwordStep(user);
    const replay = await codeStep(second.body.challenge, code);
    expect(replay.status).toBe(401);
    expect(replay.body.code).toBe('invalid_code');

    const audit = await auditActions(server, user.id);
    expect(audit).toContainEqual({ action: 'auth.login', detail: { secondFactor: 'totp' } });
    expect(audit).toContainEqual({ action: 'auth.login_failed', detail: { reason: 'wrong_code' } });
  });

  it('accepts each recovery code once', async () => {
    const { user } = await createTestOrganisation(server, { withUser: 'supervisor' });
    const { recoveryCodes } = await enrolTwoFactor(server, user);
    const recovery = recoveryCodes[3] ?? '';

    const first = await passwordStep(user);
    const used = await codeStep(first.body.challenge, recovery.toLowerCase().replace('-', ' '));
    expect(used.status).toBe(200);
    expect(used.body.token).toBeTruthy();

    const second = await passwordStep(user);
    const reused = await codeStep(second.body.challenge, recovery);
    expect(reused.status).toBe(401);
    const unused = await server.db.kysely
      .selectFrom('recovery_code')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('user_id', '=', user.id)
      .where('used_at', 'is', null)
      .executeTakeFirstOrThrow();
    expect(Number(unused.n)).toBe(9);
    expect(await auditActions(server, user.id)).toContainEqual({
      action: 'auth.login',
      detail: { secondFactor: 'recovery_code' },
    });
  });

  it('replaces the recovery codes with the password: the old ones stop working, the new ones sign in', async () => {
    const { user } = await createTestOrganisation(server, { withUser: 'supervisor' });
    const renew = (password: string) =>
      api<{ recoveryCodes: string[]; code: string }>(server, 'POST', '/account/two-factor/recovery-codes', {
        token: user.token,
        body: { password },
      });
    expect((await renew(user.password)).body.code).toBe('not_enrolled');
    const { recoveryCodes: old } = await enrolTwoFactor(server, user);
    const wrong = await renew('not my password');
    expect([wrong.status, wrong.body.code]).toEqual([400, 'wrong_password']);

    const renewed = await renew(user.password);
    expect(renewed.status).toBe(200);
    expect(renewed.body.recoveryCodes).toHaveLength(10);
    expect(renewed.body.recoveryCodes).not.toContain(old[0]);
    const stale = await passwordStep(user);
    expect((await codeStep(stale.body.challenge, old[0] ?? '')).status).toBe(401);
    const fresh = await passwordStep(user);
    expect((await codeStep(fresh.body.challenge, renewed.body.recoveryCodes[0] ?? '')).status).toBe(200);
    expect((await auditActions(server, user.id)).map((entry) => entry.action)).toContain('auth.recovery_codes_renew');
  });

  it('locks the account after five wrong codes, and lets its owner in with the password and a right code', async () => {
    const { user } = await createTestOrganisation(server, { withUser: 'caseworker' });
    const { secret } = await enrolTwoFactor(server, user);
    const { challenge } = (await passwordStep(user)).body;
    const right = nextCode(secret);
    const wrongCode = right === '111111' ? '222222' : '111111';
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 5; attempt += 1) statuses.push((await codeStep(challenge, wrongCode)).status);
    expect(statuses).toEqual([401, 401, 401, 401, 423]);
    const wrongPassword = await api(server, 'POST', '/auth/login', {
      body: { email: user.email, password: 'not the password' },
    });
    expect(wrongPassword.status).toBe(423);
    // One code per challenge while locked: a wrong one ends the challenge, so codes cannot be guessed through it.
    const guessed = (await passwordStep(user)).body.challenge;
    expect((await codeStep(guessed, wrongCode)).status).toBe(423);
    expect((await codeStep(guessed, right)).status).toBe(401);
    const locked = await passwordStep(user);
    expect(locked.status).toBe(200);
    expect(locked.body.secondFactor).toBe('required');
    const signedIn = await codeStep(locked.body.challenge, right);
    expect(signedIn.status).toBe(200);
    expect(await auditActions(server, user.id)).toContainEqual({
      action: 'auth.login',
      detail: { secondFactor: 'totp', whileLocked: true },
    });
  });

  it('lets a required user with no second factor reach only the enrolment, who-am-I and sign-out', async () => {
    const org = await createTestOrganisation(server, { withUser: 'org_admin', requireTwoFactor: true });
    const admin = org.user;
    const caseworker = await org.addUser(['caseworker']);

    const cases = await api<{ code: string }>(server, 'GET', '/cases', { token: admin.token });
    expect(cases.status).toBe(403);
    expect(cases.body.code).toBe('two_factor_enrolment_required');
    expect((await api(server, 'GET', '/users', { token: admin.token })).status).toBe(403);
    const me = await api<{ twoFactor: { enrolled: boolean; mustEnrol: boolean } }>(server, 'GET', '/auth/me', {
      token: admin.token,
    });
    expect(me.status).toBe(200);
    expect(me.body.twoFactor).toEqual({ enrolled: false, mustEnrol: true });
    // Only the roles that open the most data are held to it.
    expect((await api(server, 'GET', '/cases', { token: caseworker.token })).status).toBe(200);

    await enrolTwoFactor(server, admin);
    expect((await api(server, 'GET', '/cases', { token: admin.token })).status).toBe(200);
    const after = await api<{ twoFactor: { mustEnrol: boolean } }>(server, 'GET', '/auth/me', { token: admin.token });
    expect(after.body.twoFactor.mustEnrol).toBe(false);

    const logout = await api(server, 'POST', '/auth/logout', { token: caseworker.token });
    expect(logout.status).toBe(204);
    expect((await auditActions(server, caseworker.id)).map((entry) => entry.action)).toContain('auth.logout');
  });

  it('applies the organisation setting at once, and only an administrator may change it', async () => {
    const org = await createTestOrganisation(server, { withUser: 'org_admin' });
    const officer = await org.addUser(['government_officer']);
    const worker = await org.addUser(['caseworker']);
    expect((await api(server, 'GET', '/settings/security', { token: org.user.token })).body).toEqual({
      requireTwoFactor: false,
    });
    const refused = await api(server, 'PUT', '/settings/security', {
      token: worker.token,
      body: { requireTwoFactor: false },
    });
    expect(refused.status).toBe(403);

    await enrolTwoFactor(server, org.user);
    const on = await api(server, 'PUT', '/settings/security', {
      token: org.user.token,
      body: { requireTwoFactor: true },
    });
    expect(on.status).toBe(200);
    const report = await api<{ code: string }>(server, 'GET', '/cases', { token: officer.token });
    expect(report.status).toBe(403);
    expect(report.body.code).toBe('two_factor_enrolment_required');
    expect((await auditActions(server, org.user.id)).map((entry) => entry.action)).toContain(
      'settings.security_update',
    );
  });
});
