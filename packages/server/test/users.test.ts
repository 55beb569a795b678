import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeOnEachEngine } from './support/engines';
import { countRows } from './support/test-db';
import { api, createTestOrganisation, startTestServer, type TestServer } from './support/test-server';
import { auditActions, enrolTwoFactor } from './support/two-factor';
import { aNewCase } from './support/cases';

interface Summary {
  id: string;
  email: string;
  roles: string[];
  status: string;
  twoFactorEnrolled: boolean;
  lastLoginAt: string | null;
  activeSessions: number;
}

describeOnEachEngine('user administration and the password policy', (engine) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(engine);
  });
  afterAll(() => server.close());

  const login = (email: string, password: string) =>
    api<{ token: string; secondFactor?: string; code: string }>(server, 'POST', '/auth/login', {
      body: { email, password },
    });

  it('lists the organisation’s own users for an administrator, and nobody else', async () => {
    const org = await createTestOrganisation(server, { withUser: 'org_admin' });
    const worker = await org.addUser(['caseworker']);
    await createTestOrganisation(server, { withUser: 'org_admin' });
    await login(worker.email, worker.password);

    const list = await api<{ users: Summary[] }>(server, 'GET', '/users', { token: org.user.token });
    expect(list.status).toBe(200);
    expect(list.body.users.map((user) => user.email).sort()).toEqual([org.user.email, worker.email].sort());
    const listed = list.body.users.find((user) => user.id === worker.id);
    expect(listed).toMatchObject({ roles: ['caseworker'], status: 'active', twoFactorEnrolled: false });
    expect(listed?.lastLoginAt).not.toBeNull();
    expect(listed?.activeSessions).toBe(2);
    expect(JSON.stringify(list.body)).not.toMatch(/argon2|password_hash|totp/);

    const refused = await api<{ code: string }>(server, 'GET', '/users', { token: worker.token });
    expect(refused.status).toBe(403);
  });

  it('creates a user whose first password meets the policy; refused requests write nothing', async () => {
    const org = await createTestOrganisation(server, { withUser: 'org_admin' });
    const before = await countRows(server.db, 'app_user');
    const attempt = (password: string, email = 'sokha@test.example') =>
      api<{ code: string; errors: { field: string; code?: string }[] }>(server, 'POST', '/users', {
        token: org.user.token,
        body: { email, displayName: 'Sokha', roles: ['caseworker'], password },
      });

    const short = await attempt('short-pw');
    expect(short.status).toBe(400);
    expect(short.body.errors[0]?.field).toBe('password');
    const common = await attempt('qwertyuiop');
    expect(common.status).toBe(400);
    expect(common.body.errors[0]).toMatchObject({ field: 'password', code: 'common_password' });
    const commonUpper = await attempt('Password123');
    expect(commonUpper.body.errors[0]?.code).toBe('common_password');
    const ownEmail = await attempt('sokha.long.address@test.example', 'sokha.long.address@test.example');
    expect(ownEmail.status).toBe(400);
    expect(ownEmail.body.errors[0]?.field).toBe('password');
    const taken = await attempt('a-fine-long-passphrase', org.user.email);
    expect(taken.status).toBe(400);
    expect(taken.body.errors[0]).toMatchObject({ field: 'email', code: 'email_taken' });
    const systemAdmin = await api<{ errors: { code?: string }[] }>(server, 'POST', '/users', {
      token: org.user.token,
      body: { email: 'x@test.example', displayName: 'X', roles: ['system_admin'], password: 'a-fine-long-passphrase' },
    });
    expect(systemAdmin.status).toBe(400);
    expect(systemAdmin.body.errors[0]?.code).toBe('role_not_assignable');
    expect(await countRows(server.db, 'app_user')).toBe(before);

    const created = await attempt('a-fine-long-passphrase');
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ email: 'sokha@test.example', roles: ['caseworker'], status: 'active' });
    expect((await login('sokha@test.example', 'a-fine-long-passphrase')).status).toBe(200);
    expect(await auditActions(server, org.user.id)).toContainEqual({
      action: 'user.create',
      detail: { userId: (created.body as unknown as Summary).id, roles: ['caseworker'] },
    });
  });

  it('changes roles at once, audited as a permission change, but not one’s own', async () => {
    const org = await createTestOrganisation(server, { withUser: 'org_admin' });
    const worker = await org.addUser(['caseworker']);
    expect((await api(server, 'POST', '/cases', { token: worker.token, body: aNewCase() })).status).toBe(201);

    const invalid = await api(server, 'PUT', `/users/${worker.id}/roles`, {
      token: org.user.token,
      body: { roles: [] },
    });
    expect(invalid.status).toBe(400);
    const changed = await api<Summary>(server, 'PUT', `/users/${worker.id}/roles`, {
      token: org.user.token,
      body: { roles: ['caregiver'] },
    });
    expect(changed.status).toBe(200);
    expect(changed.body.roles).toEqual(['caregiver']);
    expect((await api(server, 'POST', '/cases', { token: worker.token, body: aNewCase() })).status).toBe(403);
    expect(await auditActions(server, org.user.id)).toContainEqual({
      action: 'user.roles_change',
      detail: { userId: worker.id, from: ['caseworker'], to: ['caregiver'] },
    });

    const own = await api<{ code: string }>(server, 'PUT', `/users/${org.user.id}/roles`, {
      token: org.user.token,
      body: { roles: ['caseworker'] },
    });
    expect(own.status).toBe(409);
    expect(own.body.code).toBe('own_account');
  });

  it('disabling ends the user’s sessions at once; enabling lets them sign in again', async () => {
    const org = await createTestOrganisation(server, { withUser: 'org_admin' });
    const worker = await org.addUser(['caseworker']);
    expect((await api(server, 'GET', '/cases', { token: worker.token })).status).toBe(200);

    const disabled = await api<Summary>(server, 'POST', `/users/${worker.id}/disable`, { token: org.user.token });
    expect(disabled.status).toBe(200);
    expect(disabled.body).toMatchObject({ status: 'disabled', activeSessions: 0 });
    expect((await api(server, 'GET', '/cases', { token: worker.token })).status).toBe(401);
    expect((await login(worker.email, worker.password)).status).toBe(401);

    const enabled = await api<Summary>(server, 'POST', `/users/${worker.id}/enable`, { token: org.user.token });
    expect(enabled.body.status).toBe('active');
    expect((await login(worker.email, worker.password)).status).toBe(200);
    const actions = (await auditActions(server, org.user.id)).map((entry) => entry.action);
    expect(actions).toEqual(expect.arrayContaining(['user.disable', 'user.enable']));
    expect(await auditActions(server, org.user.id)).toContainEqual({
      action: 'user.disable',
      detail: { userId: worker.id, sessionsEnded: 1, devicesRevoked: 0 },
    });
    expect((await api(server, 'POST', `/users/${org.user.id}/disable`, { token: org.user.token })).status).toBe(409);
  });

  it('ends a user’s sessions on request', async () => {
    const org = await createTestOrganisation(server, { withUser: 'org_admin' });
    const worker = await org.addUser(['caseworker']);
    const second = await login(worker.email, worker.password);
    const ended = await api<Summary>(server, 'POST', `/users/${worker.id}/sessions/end`, { token: org.user.token });
    expect(ended.status).toBe(200);
    expect(ended.body.activeSessions).toBe(0);
    expect((await api(server, 'GET', '/cases', { token: worker.token })).status).toBe(401);
    expect((await api(server, 'GET', '/cases', { token: second.body.token })).status).toBe(401);
    expect(await auditActions(server, org.user.id)).toContainEqual({
      action: 'user.sessions_end',
      detail: { userId: worker.id, sessionsEnded: 2 },
    });
  });

  it('lets a user change her own password: the current one first, the policy, other sessions ended', async () => {
    const org = await createTestOrganisation(server, { withUser: 'org_admin' });
    const worker = await org.addUser(['caseworker']);
    const phone = await login(worker.email, worker.password);
    const change = (body: Record<string, string>) =>
      api<{ sessionsEnded: number; errors: { field: string; code?: string }[] }>(server, 'POST', '/account/password', {
        token: worker.token,
        body,
      });

    const wrong = await change({ currentPassword: 'not my password', newPassword: 'river stones at dawn' });
    expect(wrong.status).toBe(400);
    expect(wrong.body.errors[0]).toMatchObject({ field: 'currentPassword', code: 'wrong_password' });
    const common = await change({ currentPassword: worker.password, newPassword: 'password123' });
    expect(common.status).toBe(400);
    expect(common.body.errors[0]?.field).toBe('newPassword');
    expect((await login(worker.email, worker.password)).status).toBe(200);

    const done = await change({ currentPassword: worker.password, newPassword: 'river stones at dawn' });
    expect(done.status).toBe(200);
    // The phone's session and the one just opened to check the old password end; this one stays.
    expect(done.body.sessionsEnded).toBe(2);
    expect((await api(server, 'GET', '/auth/me', { token: worker.token })).status).toBe(200);
    expect((await api(server, 'GET', '/auth/me', { token: phone.body.token })).status).toBe(401);
    expect((await login(worker.email, worker.password)).status).toBe(401);
    expect((await login(worker.email, 'river stones at dawn')).status).toBe(200);
    const actions = (await auditActions(server, worker.id)).map((entry) => entry.action);
    expect(actions).toEqual(expect.arrayContaining(['auth.password_change_failed', 'auth.password_change']));
  });

  it('resets a password under the policy, ending sessions; the old password no longer works', async () => {
    const org = await createTestOrganisation(server, { withUser: 'org_admin' });
    const worker = await org.addUser(['caseworker']);
    const common = await api<{ errors: { code?: string }[] }>(server, 'POST', `/users/${worker.id}/password`, {
      token: org.user.token,
      body: { password: 'iloveyou123' },
    });
    expect(common.status).toBe(400);
    expect(common.body.errors[0]?.code).toBe('common_password');
    expect((await api(server, 'GET', '/cases', { token: worker.token })).status).toBe(200);

    const reset = await api(server, 'POST', `/users/${worker.id}/password`, {
      token: org.user.token,
      body: { password: 'river-mango-lantern' },
    });
    expect(reset.status).toBe(200);
    expect((await api(server, 'GET', '/cases', { token: worker.token })).status).toBe(401);
    expect((await login(worker.email, worker.password)).status).toBe(401);
    expect((await login(worker.email, 'river-mango-lantern')).status).toBe(200);
    expect((await auditActions(server, org.user.id)).map((entry) => entry.action)).toContain('user.password_reset');
    const audit = JSON.stringify(await auditActions(server, org.user.id));
    expect(audit).not.toContain('river-mango-lantern');
  });

  it('resets a lost second factor: the user signs in with the password and enrols again', async () => {
    const org = await createTestOrganisation(server, { withUser: 'org_admin' });
    const worker = await org.addUser(['caseworker']);
    await enrolTwoFactor(server, worker);
    expect((await login(worker.email, worker.password)).body.secondFactor).toBe('required');

    const reset = await api<Summary>(server, 'POST', `/users/${worker.id}/two-factor/reset`, {
      token: org.user.token,
    });
    expect(reset.status).toBe(200);
    expect(reset.body.twoFactorEnrolled).toBe(false);
    const again = await login(worker.email, worker.password);
    expect(again.body.secondFactor).toBeUndefined();
    expect(again.body.token).toBeTruthy();
    expect((await auditActions(server, org.user.id)).map((entry) => entry.action)).toContain('user.two_factor_reset');
  });

  it('answers 404 for another organisation’s user on every endpoint, changing nothing', async () => {
    const mine = await createTestOrganisation(server, { withUser: 'org_admin' });
    const theirs = await createTestOrganisation(server, { withUser: 'caseworker' });
    const target = theirs.user;
    const attempts: [string, string, unknown?][] = [
      ['GET', `/users/${target.id}`],
      ['PUT', `/users/${target.id}/roles`, { roles: ['org_admin'] }],
      ['POST', `/users/${target.id}/disable`],
      ['POST', `/users/${target.id}/enable`],
      ['POST', `/users/${target.id}/sessions/end`],
      ['POST', `/users/${target.id}/password`, { password: 'river-mango-lantern' }],
      ['POST', `/users/${target.id}/two-factor/reset`],
    ];
    for (const [method, path, body] of attempts) {
      const response = await api(server, method, path, { token: mine.user.token, body });
      expect({ path, status: response.status }).toEqual({ path, status: 404 });
    }
    expect((await api(server, 'GET', '/cases', { token: target.token })).status).toBe(200);
    expect((await login(target.email, target.password)).status).toBe(200);
    const row = await server.db.kysely
      .selectFrom('app_user')
      .select(['roles', 'disabled_at'])
      .where('id', '=', target.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ roles: ['caseworker'], disabled_at: null });
  });
});
