import { randomBytes, randomUUID } from 'node:crypto';
import { keyFromBase64 } from '../../src/documents/file-crypto';
import type { OrganisationKind, Role } from '@homeward/core';
import type { FastifyInstance } from 'fastify';
import { actorOf, type Actor } from '../../src/auth/actor';
import { issueSession } from '../../src/auth/auth.service';
import { hashPassword } from '../../src/auth/passwords';
import { insertUser } from '../../src/auth/users.repository';
import type { Clock } from '../../src/cases/cases.service';
import { loadConfig, type Config } from '../../src/config';
import type { Engine } from '../../src/db/database';
import { buildApp, API_PREFIX } from '../../src/http/app';
import { insertOrganisation } from '../../src/organisations/organisations.repository';
import { openTestDb, type TestDb } from './test-db';

export const TODAY = '2026-11-23';
const testKey = keyFromBase64(randomBytes(32).toString('base64'));
export const testFileKeys = { current: testKey, all: [testKey] };
export const fixedClock: Clock = { today: () => TODAY };

export interface TestServer {
  db: TestDb;
  app: FastifyInstance;
  config: Config;
  url(path: string): string;
  close(): Promise<void>;
}

/** A real server on a loopback port over a real database: tests speak HTTP to it as a browser would. */
export async function startTestServer(
  engine: Engine,
  options: { logger?: object; config?: Partial<Config>; webRoot?: string } = {},
): Promise<TestServer> {
  const config = loadConfig({ databaseUrl: undefined, dataDir: 'memory://', ...options.config });
  const db = await openTestDb(engine, config.databaseQueue);
  const app = await buildApp(
    { db: db.kysely, engine: db.engine, config, clock: fixedClock, version: 'test', fileKeys: testFileKeys },
    { ...(options.logger ? { logger: options.logger } : {}), ...(options.webRoot ? { webRoot: options.webRoot } : {}) },
  );
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('The test server has no port.');
  const base = `http://127.0.0.1:${address.port}`;
  return {
    db,
    app,
    config,
    url: (path) => `${base}${path.startsWith('/api') ? path : API_PREFIX + path}`,
    close: async () => {
      await app.close();
      await db.drop();
    },
  };
}

export interface TestUser {
  id: string;
  email: string;
  password: string;
  token: string;
  actor: Actor;
}

export interface TestOrganisation {
  id: string;
  name: string;
  user: TestUser;
  addUser(roles: Role[], scope?: UserScope): Promise<TestUser>;
}

/** The team and the facility that decide which cases a caseworker or a caregiver reaches. */
export interface UserScope {
  team?: string;
  facilityId?: string;
}

let counter = 0;

/**
 * An organisation with one signed-in user holding exactly the roles asked for. It does not require a second
 * factor of its administrators unless `requireTwoFactor` says so.
 */
export async function createTestOrganisation(
  server: TestServer,
  options: {
    withUser: Role | Role[];
    name?: string;
    kind?: OrganisationKind;
    provinceCode?: string | null;
    requireTwoFactor?: boolean;
  },
): Promise<TestOrganisation> {
  counter += 1;
  const id = randomUUID();
  const name = options.name ?? `Test NGO ${counter} ${id.slice(0, 4)}`;
  await insertOrganisation(server.db.kysely, {
    id,
    name,
    kind: options.kind ?? 'ngo',
    provinceCode: options.provinceCode ?? null,
    casePrefix: `T${counter}`,
    requireTwoFactor: options.requireTwoFactor ?? false,
  });
  const addUser = async (roles: Role[], scope: UserScope = {}): Promise<TestUser> => {
    counter += 1;
    const userId = randomUUID();
    const email = `user${counter}-${userId.slice(0, 6)}@test.example`;
    const password = `correct-horse-${counter}`;
    await insertUser(server.db.kysely, {
      id: userId,
      organisationId: id,
      email,
      displayName: `Worker ${counter}`,
      passwordHash: await hashPassword(password),
      roles,
      team: scope.team ?? null,
      facilityId: scope.facilityId ?? null,
    });
    const session = await issueSession(server.db.kysely, server.config, userId, { ip: null, userAgent: null });
    return {
      id: userId,
      email,
      password,
      token: session.token,
      actor: {
        ...actorOf({ userId, organisationId: id, roles }),
        team: scope.team ?? null,
        facilityId: scope.facilityId ?? null,
      },
    };
  };
  const roles = Array.isArray(options.withUser) ? options.withUser : [options.withUser];
  return { id, name, user: await addUser(roles), addUser };
}

export interface JsonResponse<T = unknown> {
  status: number;
  headers: Headers;
  body: T;
}

/** A bearer-authenticated JSON request; `body` as a string is sent as it is (for malformed JSON). */
export async function api<T = unknown>(
  server: TestServer,
  method: string,
  path: string,
  options: { token?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<JsonResponse<T>> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  let body: string | undefined;
  if (options.body !== undefined) {
    headers['content-type'] ??= 'application/json';
    body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
  }
  const response = await fetch(server.url(path), { method, headers, ...(body !== undefined ? { body } : {}) });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: (text ? JSON.parse(text) : null) as T };
}
