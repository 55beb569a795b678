import { DIRECTORY_KINDS, FACILITY_CARE_TYPES, type CaseDetail, type Role } from '@homeward/core';
import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { issueSession } from '../src/auth/auth.service';
import { aNewCase } from './support/cases';
import { describeOnEachEngine } from './support/engines';
import { changedTables, fingerprint, fingerprintedTables } from './support/fingerprint';
import { oddText, SchemaArbitraries, type JsonSchema } from './support/openapi-arbitraries';
import {
  api,
  createTestOrganisation,
  startTestServer,
  TODAY,
  type TestServer,
  type TestUser,
} from './support/test-server';

/** Requests per endpoint: with 33 endpoints, 2,640 per engine; measured 25-35 s each on 2 cores, ~2 min under heavy load. */
const RUNS_PER_ENDPOINT = 80;
const BODY_LIMIT = 512 * 1024;

interface Operation {
  method: string;
  path: string;
  parameters: { in: string; name: string; schema: JsonSchema }[];
  body?: JsonSchema;
}

interface OpenApiDocument {
  paths: Record<string, Record<string, { parameters?: Operation['parameters']; requestBody?: RequestBody }>>;
  components?: { schemas?: Record<string, JsonSchema> };
}
interface RequestBody {
  content: Record<string, { schema: JsonSchema }>;
}

type Who = 'admin' | 'caseworker' | 'caregiver' | 'anonymous' | 'forged token' | 'cookie without CSRF';
const WHO: Who[] = ['admin', 'caseworker', 'caregiver', 'anonymous', 'forged token', 'cookie without CSRF'];

interface FuzzBody {
  kind: string;
  contentType?: string;
  payload: string | FormData | undefined;
}
interface FuzzRequest {
  who: Who;
  url: string;
  body: FuzzBody;
}

/** How a failing request is reported: readable, without a megabyte of 'a'. */
function show(request: FuzzRequest): string {
  const payload =
    request.body.payload instanceof FormData
      ? JSON.stringify(
          [...request.body.payload.entries()].map(([name, value]) => [
            name,
            typeof value === 'string' ? value : value.name,
          ]),
        )
      : request.body.payload;
  const short = (text: string) => (text.length > 300 ? `${text.slice(0, 300)}… (${text.length} chars)` : text);
  return `${request.who} ${short(request.url)} ${request.body.kind} ${request.body.contentType ?? ''} ${short(payload ?? '')}`;
}

/** Percent-encodes any string, a lone surrogate too: as the bytes a careless client would send for it. */
function encodeAnything(text: string): string {
  return [...text]
    .map((char) => {
      if (char.isWellFormed()) return encodeURIComponent(char);
      const code = char.charCodeAt(0);
      return [0xe0 | (code >> 12), 0x80 | ((code >> 6) & 0x3f), 0x80 | (code & 0x3f)]
        .map((byte) => `%${byte.toString(16).toUpperCase()}`)
        .join('');
    })
    .join('');
}

function operationsOf(document: OpenApiDocument): Operation[] {
  return Object.entries(document.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, operation]) => ({
      method: method.toUpperCase(),
      path,
      parameters: operation.parameters ?? [],
      ...(operation.requestBody?.content['application/json']
        ? { body: operation.requestBody.content['application/json'].schema }
        : {}),
    })),
  );
}

/** The fuzzing users and their roles, restored after any request that changed them. */
const ROLES_OF = {
  admin: ['org_admin', 'supervisor', 'caseworker'],
  caseworker: ['caseworker'],
  caregiver: ['caregiver'],
} satisfies Record<string, Role[]>;

describeOnEachEngine('fuzzing every endpoint with bad requests', (engine) => {
  let server: TestServer;
  let users: Record<'admin' | 'caseworker' | 'caregiver', TestUser>;
  let knownIds: string[];
  let records: { child: string; facility: string; task: string; foreignCase: string };

  beforeAll(async () => {
    server = await startTestServer(engine);
    const ngo = await createTestOrganisation(server, { withUser: ROLES_OF.admin });
    users = {
      admin: ngo.user,
      caseworker: await ngo.addUser(ROLES_OF.caseworker),
      caregiver: await ngo.addUser(ROLES_OF.caregiver),
    };
    const token = ngo.user.token;
    const child = (await api<CaseDetail>(server, 'POST', '/cases', { token, body: aNewCase() })).body;
    const sibling = (
      await api<CaseDetail>(server, 'POST', '/cases', { token, body: aNewCase({ givenNameLatin: 'Srey', alias: 'B' }) })
    ).body;
    const facility = await api<{ id: string }>(server, 'POST', '/facilities', {
      token,
      body: { name: 'Tonle shelter', careType: FACILITY_CARE_TYPES[0], capacity: 12 },
    });
    const task = await api<{ id: string }>(server, 'POST', '/tasks', {
      token,
      body: { caseId: child.id, assignedTo: users.caseworker.id, title: 'Home visit', dueOn: TODAY },
    });
    await api(server, 'POST', '/directory', { token, body: { name: 'Provincial DoSVY', kind: DIRECTORY_KINDS[0] } });
    const form = new FormData();
    form.append('kind', 'document');
    form.append('title', 'Birth certificate');
    form.append('file', new Blob(['%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF']), 'birth.pdf');
    const attachment = (await (
      await fetch(server.url(`/cases/${child.id}/attachments`), {
        method: 'POST',
        headers: { authorization: `Bearer ${token}` },
        body: form,
      })
    ).json()) as { id: string };
    const other = await createTestOrganisation(server, { withUser: 'caseworker' });
    const foreign = (await api<CaseDetail>(server, 'POST', '/cases', { token: other.user.token, body: aNewCase() }))
      .body;
    records = { child: child.id, facility: facility.body.id, task: task.body.id, foreignCase: foreign.id };
    knownIds = [child.id, sibling.id, facility.body.id, task.body.id, attachment.id, foreign.id, users.caseworker.id];
    expect(knownIds.every((id) => typeof id === 'string')).toBe(true);
  }, 60_000);
  afterAll(() => server.close());

  function headersFor(who: Who): Record<string, string> {
    switch (who) {
      case 'anonymous':
        return {};
      case 'forged token':
        return { authorization: 'Bearer AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' };
      case 'cookie without CSRF':
        return { cookie: `homeward_session=${users.admin.token}` };
      case 'admin':
      case 'caseworker':
      case 'caregiver':
        return { authorization: `Bearer ${users[who].token}` };
    }
  }

  /** An accepted request that ended a session (a fuzzed logout) must not silence the rest of the run. */
  /**
   * A request valid by chance may be an administrator's act: requiring a second factor, disabling a colleague,
   * changing roles. Undo those, so later requests still reach the handlers as the user they are sent as.
   */
  async function keepSignedIn(): Promise<void> {
    await server.db.kysely.updateTable('organisation').set({ require_two_factor: false }).execute();
    for (const [who, roles] of Object.entries(ROLES_OF)) {
      await server.db.kysely
        .updateTable('app_user')
        .set({ disabled_at: null, locked_until: null, roles })
        .where('id', '=', users[who as keyof typeof ROLES_OF].id)
        .execute();
    }
    for (const user of Object.values(users)) {
      if ((await api(server, 'GET', '/auth/me', { token: user.token })).status === 401) {
        user.token = (
          await issueSession(server.db.kysely, server.config, user.id, { ip: null, userAgent: null })
        ).token;
      }
    }
  }

  function requests(operation: Operation, schemas: SchemaArbitraries): fc.Arbitrary<FuzzRequest> {
    const segment = fc.oneof(
      { arbitrary: fc.constantFrom(...knownIds), weight: 3 },
      { arbitrary: fc.uuid(), weight: 1 },
      { arbitrary: oddText.map(encodeAnything), weight: 2 },
      { arbitrary: fc.constantFrom('not-a-uuid', '%zz', '%E0%A4%A', '..', 'x'.repeat(5000), '%00'), weight: 1 },
    );
    const pathParams = operation.parameters.filter((parameter) => parameter.in === 'path');
    const queryParams = operation.parameters.filter((parameter) => parameter.in === 'query');
    const path = fc
      .tuple(...pathParams.map(() => segment))
      .map((values) =>
        pathParams.reduce(
          (built, parameter, index) => built.replace(`{${parameter.name}}`, values[index] ?? ''),
          operation.path,
        ),
      );
    const declaredQuery = fc
      .tuple(
        ...queryParams.map((parameter) =>
          fc.option(fc.oneof(schemas.valid(parameter.schema), schemas.invalid(parameter.schema), oddText)),
        ),
      )
      .map((values) =>
        queryParams.flatMap((parameter, index) => {
          const value = values[index];
          if (value === null || value === undefined) return [];
          const text = typeof value === 'string' ? value : JSON.stringify(value);
          return [`${encodeURIComponent(parameter.name)}=${encodeAnything(text)}`];
        }),
      );
    const garbageQuery = fc.oneof(
      fc.constant(''),
      fc.constantFrom('%', 'a=%zz', 'limit[]=1&limit[]=2', '__proto__[admin]=1', 'q=' + 'x'.repeat(10_000), '&&=&'),
      oddText.map((text) => `${encodeAnything(text)}=${encodeAnything(text)}`),
    );
    const query = fc
      .tuple(declaredQuery, garbageQuery)
      .map(([declared, garbage]) => [...declared, garbage].filter(Boolean).join('&'));
    const body: fc.Arbitrary<FuzzBody> =
      operation.method === 'GET' ? fc.constant({ kind: 'none', payload: undefined }) : bodiesFor(operation, schemas);
    return fc.record({
      who: fc.constantFrom(...WHO),
      url: fc.tuple(path, query).map(([p, q]) => (q ? `${p}?${q}` : p)),
      body,
    });
  }

  interface Tally {
    tables: string[];
    before: Record<string, string>;
    sent: number;
    accepted: number;
  }

  /**
   * Sends one request; a refusal must be a problem+json 4xx, and a refused write must leave every row as it
   * was. Reads are checked by the batch (no GET may change a row, accepted or not), which spares a
   * fingerprint per request.
   */
  async function sendAndCheck(operation: Operation, request: FuzzRequest, tally: Tally): Promise<void> {
    const headers: Record<string, string> = { ...headersFor(request.who) };
    if (request.body.contentType) headers['content-type'] = request.body.contentType;
    const response = await fetch(server.url(request.url), {
      method: operation.method,
      headers,
      ...(request.body.payload !== undefined ? { body: request.body.payload } : {}),
    });
    const text = await response.text();
    tally.sent += 1;
    const isWrite = operation.method !== 'GET';
    if (response.status < 400) {
      // A generated body can be valid by chance; its writes are allowed and become the new baseline.
      tally.accepted += 1;
      // Only as a case: a generated facility or task may take the same uuid as its own, legitimately.
      expect(request.url, 'another organisation’s case answered').not.toContain(`/cases/${records.foreignCase}`);
      await keepSignedIn();
      if (isWrite) tally.before = await fingerprint(server.db.kysely, tally.tables);
      return;
    }
    expect(response.status, text.slice(0, 500)).toBeLessThan(500);
    expect(response.headers.get('content-type') ?? '', text.slice(0, 200)).toMatch(/^application\/problem\+json/);
    const problem = JSON.parse(text) as Record<string, unknown>;
    expect(problem.status).toBe(response.status);
    expect([typeof problem.title, typeof problem.detail]).toEqual(['string', 'string']);
    if (!isWrite) return;
    const after = await fingerprint(server.db.kysely, tally.tables);
    const changed = changedTables(tally.before, after);
    tally.before = after;
    expect(changed, `refused with ${response.status}, yet rows changed in`).toEqual([]);
  }

  it(`answers ${RUNS_PER_ENDPOINT} generated bad requests per endpoint with no 5xx, only problem+json, and no row changed`, async () => {
    const document = (await api<OpenApiDocument>(server, 'GET', '/openapi.json')).body;
    const operations = operationsOf(document);
    expect(operations.length).toBeGreaterThan(0);
    // A real village and province (Banteay Meanchey), so bodies get past the gazetteer into the rules behind it.
    const schemas = new SchemaArbitraries(document.components?.schemas ?? {}, [...knownIds, '01020101', '01']);
    const tables = await fingerprintedTables(server.db.kysely);
    const tally: Tally = { tables, before: {}, sent: 0, accepted: 0 };
    const failures: string[] = [];

    for (const operation of operations) {
      const name = `${operation.method} ${operation.path}`;
      tally.before = await fingerprint(server.db.kysely, tables);
      const start = tally.before;
      let failure = '';
      try {
        await fc.assert(
          fc.asyncProperty(requests(operation, schemas), (request) =>
            sendAndCheck(operation, request, tally).catch((error: unknown) => {
              failure = `${show(request)}\n    → ${(error as Error).message.slice(0, 600)}`;
              throw error;
            }),
          ),
          { numRuns: RUNS_PER_ENDPOINT, endOnFailure: true },
        );
      } catch (error) {
        failures.push(`${name}: ${failure || (error as Error).message}`);
      }
      if (operation.method === 'GET') {
        const changed = changedTables(start, await fingerprint(server.db.kysely, tables));
        if (changed.length) failures.push(`${name}: reads changed rows in ${changed.join(', ')}`);
      }
    }
    console.info(
      `fuzz [${engine}]: ${tally.sent} requests to ${operations.length} endpoints, ${tally.accepted} accepted`,
    );
    expect(failures).toEqual([]);
    expect(tally.sent).toBeGreaterThanOrEqual(operations.length * RUNS_PER_ENDPOINT);
  }, 300_000);

  it('answers the requests that once broke the server with a 4xx problem', async () => {
    // A session of its own: the fuzzing above may have spent the admin's upload allowance for this minute.
    const token = (await issueSession(server.db.kysely, server.config, users.admin.id, { ip: null, userAgent: null }))
      .token;
    const cutShort = new Blob(['--x\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\n\r\n%PDF']);
    const untitled = new FormData();
    untitled.append('kind', 'document');
    untitled.append('file', new Blob(['%PDF-1.4\n%%EOF']), 'a.pdf');
    const cases: [string, string, { body?: BodyInit; contentType?: string }, number, string][] = [
      ['GET', '/cases/%E0%A4%A', {}, 400, 'FST_ERR_BAD_URL'],
      ['GET', `/cases/${'x'.repeat(5000)}`, {}, 414, 'FST_ERR_MAX_PARAM_LENGTH'],
      ['GET', `/cases?q=${'a'.repeat(100_000)}`, {}, 431, 'header_overflow'],
      [
        'POST',
        '/directory',
        { body: '{"name":"DoSVY\\u0000","kind":"ngo"}', contentType: 'application/json' },
        400,
        'unstorable_text',
      ],
      [
        'POST',
        `/cases/${records.child}/attachments`,
        { body: cutShort, contentType: 'multipart/form-data; boundary=x' },
        400,
        'malformed_multipart',
      ],
      ['POST', `/cases/${records.child}/attachments`, { body: untitled }, 400, 'validation'],
      [
        'POST',
        '/facilities',
        {
          body: JSON.stringify({ id: records.facility, name: 'Again', careType: FACILITY_CARE_TYPES[0], capacity: 3 }),
          contentType: 'application/json',
        },
        409,
        'id_taken',
      ],
      [
        'POST',
        '/tasks',
        {
          body: JSON.stringify({
            id: records.task,
            caseId: records.child,
            assignedTo: users.caseworker.id,
            title: 'Again',
            dueOn: TODAY,
          }),
          contentType: 'application/json',
        },
        409,
        'id_taken',
      ],
    ];
    const tables = await fingerprintedTables(server.db.kysely);
    const before = await fingerprint(server.db.kysely, tables);
    const answers = [];
    for (const [method, path, { body, contentType }] of cases) {
      const response = await fetch(server.url(path), {
        method,
        headers: { authorization: `Bearer ${token}`, ...(contentType ? { 'content-type': contentType } : {}) },
        ...(body ? { body } : {}),
      });
      const problem = (await response.json()) as { code?: string };
      answers.push([method, path.slice(0, 40), response.status, response.headers.get('content-type'), problem.code]);
    }
    expect(answers).toEqual(
      cases.map(([method, path, , status, code]) => [
        method,
        path.slice(0, 40),
        status,
        'application/problem+json; charset=utf-8',
        code,
      ]),
    );
    // A refusal is audited with the id asked for, before validation: an "id" with a NUL in it was a 500.
    const caregiver = await issueSession(server.db.kysely, server.config, users.caregiver.id, {
      ip: null,
      userAgent: null,
    });
    const refused = await fetch(server.url('/cases/a%00b'), {
      method: 'DELETE',
      headers: { authorization: `Bearer ${caregiver.token}`, 'content-type': 'application/json' },
      body: '{"reason":"x"}',
    });
    expect(refused.status).toBe(403);
    expect(changedTables(before, await fingerprint(server.db.kysely, tables))).toEqual([]);
  });
});

const malformedJson = fc.constantFrom(
  '{',
  '{"a":',
  '{"a":1,}',
  "{'a':1}",
  'NaN',
  'undefined',
  '{"__proto__":{"admin":true}}',
  '{"constructor":{"prototype":{"x":1}}}',
  '"\\ud800"',
  '['.repeat(50_000) + ']'.repeat(50_000),
  '{"a":"\\u0000"}',
  '\u0000',
  '\uFEFF{}',
);

/** Bodies that break the operation's schema, or the JSON, or the framing around it. */
function bodiesFor(operation: Operation, schemas: SchemaArbitraries): fc.Arbitrary<FuzzBody> {
  const json = (kind: string) => (value: unknown) => ({
    kind,
    contentType: 'application/json',
    payload: JSON.stringify(value) ?? 'null',
  });
  const form = fc
    .tuple(
      fc.constantFrom('photo', 'document', 'x', ''),
      oddText,
      fc.constantFrom('%PDF-1.4\n%%EOF', 'MZ', '', '\u0000'),
    )
    .map(([kind, title, content]) => {
      const data = new FormData();
      data.append('kind', kind);
      data.append('title', title);
      data.append('file', new Blob([content]), title || 'file');
      return { kind: 'multipart', payload: data } satisfies FuzzBody;
    });
  const schema = operation.body;
  return fc.oneof(
    {
      arbitrary: (schema ? schemas.invalid(schema) : fc.jsonValue({ maxDepth: 3 })).map(json('invalid json body')),
      weight: 8,
    },
    { arbitrary: (schema ? schemas.valid(schema) : fc.constant({})).map(json('odd but well-formed body')), weight: 2 },
    {
      arbitrary: malformedJson.map((payload) => ({ kind: 'malformed json', contentType: 'application/json', payload })),
      weight: 1,
    },
    {
      arbitrary: fc.record({
        kind: fc.constant('wrong content type'),
        contentType: fc.constantFrom(
          'text/plain',
          'application/xml',
          'application/x-www-form-urlencoded',
          'application/json; charset=latin1',
          'application/json-patch+json',
          'multipart/form-data; boundary=x',
          '*/*',
        ),
        payload: fc.constantFrom('{}', 'a=1', '<a/>', '--x\r\n'),
      }),
      weight: 1,
    },
    { arbitrary: fc.constant({ kind: 'empty body', contentType: 'application/json', payload: '' }), weight: 1 },
    { arbitrary: fc.constant({ kind: 'no body', payload: undefined }), weight: 1 },
    {
      arbitrary: fc.constant({
        kind: 'beyond the body limit',
        contentType: 'application/json',
        payload: JSON.stringify({ text: 'x'.repeat(BODY_LIMIT) }),
      }),
      weight: 1,
    },
    { arbitrary: form, weight: 1 },
  );
}
