import { Secret, TOTP } from 'otpauth';
import { expect } from 'vitest';
import { api, type TestServer, type TestUser } from './test-server';

/** The code an authenticator app shows at a moment, computed as the phone would. */
export function codeAt(secret: string, timestamp = Date.now()): string {
  return new TOTP({ secret: Secret.fromBase32(secret), digits: 6, period: 30, algorithm: 'SHA1' }).generate({
    timestamp,
  });
}

/** The code of the next 30-second step: the current one is spent by enrolment. */
export const nextCode = (secret: string) => codeAt(secret, Date.now() + 30_000);

export async function enrolTwoFactor(
  server: TestServer,
  user: TestUser,
): Promise<{ secret: string; recoveryCodes: string[] }> {
  const setup = await api<{ secret: string; uri: string }>(server, 'POST', '/account/two-factor/setup', {
    token: user.token,
    body: { password: user.password },
  });
  expect(setup.status).toBe(200);
  const confirm = await api<{ recoveryCodes: string[] }>(server, 'POST', '/account/two-factor/confirm', {
    token: user.token,
    body: { code: codeAt(setup.body.secret) },
  });
  expect(confirm.status).toBe(200);
  return { secret: setup.body.secret, recoveryCodes: confirm.body.recoveryCodes };
}

export async function auditActions(server: TestServer, userId: string): Promise<{ action: string; detail: unknown }[]> {
  return server.db.kysely
    .selectFrom('audit_log')
    .select(['action', 'detail'])
    .where('user_id', '=', userId)
    .orderBy('id')
    .execute();
}
