import { randomUUID } from 'node:crypto';
import {
  accessFor,
  can,
  mayRead,
  ROLES,
  type CaseDetail,
  type PolicyAdjustmentsInput,
  type Role,
} from '@homeward/core';
import { TextWriter, Uint8ArrayReader, ZipReader, type FileEntry } from '@zip.js/zip.js';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ENDPOINT_POLICY, type EndpointPolicy } from '../src/access/endpoint-policy';
import { generateIdentity } from '../src/bundles/installation-keys';
import { aNewCase } from './support/cases';
import { describeOnEachEngine } from './support/engines';
import { madeAt, pushAs, registerDevice } from './support/sync';
import {
  api,
  createTestOrganisation,
  startTestServer,
  TODAY,
  type TestOrganisation,
  type TestServer,
  type TestUser,
} from './support/test-server';

/**
 * Every role × every endpoint × (a case the role reaches, an unassigned case of the same organisation, another
 * organisation's case). Expectations come from the endpoint table and the role policy; the test fails when an
 * endpoint has no entry in the table, no sample request here, or answers other than the policy says, and when
 * any answer carries the name of a child the user may not see.
 */
const CASE_KINDS = ['own', 'unassigned', 'other'] as const;
type CaseKind = (typeof CASE_KINDS)[number];

/** Each child's given name, unique, so a leak is found by searching every response for it. */
const NAMES: Record<CaseKind, string> = { own: 'Ownchild', unassigned: 'Unassignedchild', other: 'Otherchild' };
/** Shared by every child of the matrix, and found nowhere else. */
const FAMILY = { latin: 'Matrixfamily', km: 'ម៉ាទ្រីស' };
const BIRTH_DATE = '2011-07-23';
/** Children the sample requests themselves register. */
const SAMPLE_NAMES = ['Newchild', 'Groupchild'];

interface Fixture {
  cases: Record<CaseKind, CaseDetail>;
  attachments: Record<CaseKind, string>;
  facilityId: string;
  taskId: string;
  /** The caseworker's own notice (a task given by a colleague): anyone else's "not found". */
  notificationId: string;
  /** A saved report of the organisation, made afresh so each deletion has one to delete. */
  newSavedReport: () => Promise<string>;
  /** A target of the organisation, made afresh so each deletion has one to delete. */
  newTarget: () => Promise<string>;
  /** A partner installation the organisation trusts, made afresh so each removal has one to remove. */
  newPartner: () => Promise<string>;
  /** An empty draft handover plan of the organisation, made afresh for each request. */
  newHandoverPlan: () => Promise<string>;
  users: Record<Role, TestUser>;
  department: TestOrganisation;
  otherDepartment: string;
  /** The access policy adjustments the role's organisation has now, as its settings page reads them. */
  currentAdjustments: (role: Role) => Promise<PolicyAdjustmentsInput>;
  /** Sets an organisation's access policy through its administrator, as the settings page does. */
  setPolicies: (adjustments: PolicyAdjustmentsInput) => Promise<void>;
  /** A colleague the administrators' requests act on (roles, disabling, passwords), not one of the actors. */
  spareUser: string;
  /** Transfers: another NGO a case can be offered to, an offer to the NGO it declined, one it withdrew. */
  otherOrganisation: string;
  declinedTransfer: string;
  withdrawnTransfer: string;
  /** A referral another organisation sends to this one, made afresh for each answer (issue 10). */
  newIncomingReferral: () => Promise<string>;
  /** A referral this organisation sends from the caseworker's child, made afresh for each withdrawal. */
  newOutgoingReferral: () => Promise<string>;
  /** Each role's own device for offline sync (issue 11). */
  devices: Record<Role, string>;
  /** A device of the caseworker, made afresh so each revocation has one to revoke. */
  newDevice: () => Promise<string>;
  /** The same, given its session key by the caseworker's session (decision 0017). */
  newDeviceWithKey: () => Promise<string>;
  /** An offline change of the caseworker's child kept for a person (refused on arrival), made afresh. */
  newHeldOperation: () => Promise<string>;
}

interface SampleRequest {
  path?: string;
  body?: unknown;
  multipart?: true;
}
type Sample = (f: Fixture, kind: CaseKind, role: Role) => SampleRequest | Promise<SampleRequest>;

const TARGET = {
  indicator: 'referrals',
  breakdownKey: 'TL',
  periodFrom: '2026-01-01',
  periodTo: '2026-12-31',
  value: 60,
};

/** A request each endpoint accepts from a user it allows: the matrix checks who is let through, not validation. */
const SAMPLES: Record<string, Sample> = {
  'GET /auth/me': () => ({}),
  'POST /account/two-factor/setup': () => ({}),
  'POST /account/two-factor/confirm': () => ({ body: { code: '000000' } }),
  // Not enrolled (409) or a wrong password (400): let through, and nobody's codes change.
  'POST /account/two-factor/recovery-codes': () => ({ body: { password: 'not-the-password' } }),
  // A wrong current password: let through (400), and the matrix's users keep theirs.
  'POST /account/password': () => ({
    body: { currentPassword: 'not-the-password', newPassword: 'a new long passphrase' },
  }),
  'GET /users': () => ({}),
  'POST /users': (_f, _kind, role) => ({
    body: {
      email: `new-${role}-${Math.random().toString(36).slice(2, 8)}@test.example`,
      displayName: `Colleague of ${role}`,
      roles: ['caseworker'],
      password: 'river-lantern-orchard-42',
    },
  }),
  'GET /users/:userId': (f) => ({ path: `/users/${f.spareUser}` }),
  'PUT /users/:userId/roles': (f) => ({ path: `/users/${f.spareUser}/roles`, body: { roles: ['caseworker'] } }),
  'POST /users/:userId/disable': (f) => ({ path: `/users/${f.spareUser}/disable` }),
  'POST /users/:userId/enable': (f) => ({ path: `/users/${f.spareUser}/enable` }),
  'POST /users/:userId/sessions/end': (f) => ({ path: `/users/${f.spareUser}/sessions/end` }),
  'POST /users/:userId/password': (f) => ({
    path: `/users/${f.spareUser}/password`,
    body: { password: 'harbour-candle-meadow-77' },
  }),
  'POST /users/:userId/unlock': (f) => ({ path: `/users/${f.spareUser}/unlock` }),
  'POST /users/:userId/two-factor/reset': (f) => ({ path: `/users/${f.spareUser}/two-factor/reset` }),
  'GET /settings/security': () => ({}),
  'PUT /settings/security': () => ({ body: { requireTwoFactor: false } }),
  'POST /cases': () => ({
    body: aNewCase({
      givenNameLatin: 'Newchild',
      alias: 'New',
      familyNameLatin: FAMILY.latin,
      dateOfBirth: BIRTH_DATE,
    }),
  }),
  'GET /cases': () => ({}),
  'GET /cases/:id': () => ({}),
  // Sent again by every role, so the value is already there after the first: a no-change correction answers 200.
  'PATCH /cases/:id': () => ({ body: { changes: { riskLevel: 'high' }, baseVersions: { riskLevel: 0 } } }),
  'GET /cases/:id/state': () => ({}),
  'GET /cases/:id/events': () => ({}),
  // The case number does not match, so an allowed deletion is refused (400) and the matrix keeps its cases.
  'DELETE /cases/:id': () => ({ body: { reason: 'Entered twice by mistake', confirmCaseNumber: 'NOT-THIS-ONE' } }),
  'GET /cases/:id/access-log': () => ({}),
  'POST /cases/:id/prints': () => ({ body: { form: 'assessment' } }),
  'GET /cases/:id/file': () => ({}),
  'POST /cases/:id/file': () => ({ body: { language: 'en' } }),
  'GET /audit': () => ({}),
  'GET /settings/retention': () => ({}),
  'PUT /settings/retention': () => ({ body: { rules: [] } }),
  'GET /settings/retention/preview': () => ({}),
  'POST /cases/:id/events': () => ({
    body: { type: 'service', occurredOn: TODAY, payload: { kind: 'counselling', provider: 'in_house' } },
  }),
  'PUT /cases/:id/assignment': (f, kind) => ({
    body: { workerId: kind === 'own' ? f.users.caseworker.id : f.users.org_admin.id },
  }),
  'GET /cases/:id/shares': () => ({}),
  // Referrals for a service (issue 10)
  'POST /cases/:id/referrals': (f) => ({
    body: {
      id: randomUUID(),
      receiverOrganisationId: f.department.id,
      services: ['counselling'],
      sections: ['services'],
      consent: { kind: 'on_file' },
    },
  }),
  'GET /cases/:id/referrals': () => ({}),
  'GET /cases/:id/participants': () => ({}),
  'GET /referrals/incoming': () => ({}),
  'GET /referrals/incoming/count': () => ({}),
  'GET /referrals/receivers': () => ({ path: '/referrals/receivers?service=counselling' }),
  'POST /referrals/:id/accept': async (f) => ({
    path: `/referrals/${await f.newIncomingReferral()}/accept`,
    body: { mode: 'participate' },
  }),
  'POST /referrals/:id/decline': async (f) => ({
    path: `/referrals/${await f.newIncomingReferral()}/decline`,
    body: { reason: 'No place this month.' },
  }),
  // Not accepted yet: let through (409), and nothing changes.
  'POST /referrals/:id/done': async (f) => ({
    path: `/referrals/${await f.newIncomingReferral()}/done`,
    body: { feedback: 'Done.' },
  }),
  'POST /referrals/:id/withdraw': async (f) => ({
    path: `/referrals/${await f.newOutgoingReferral()}/withdraw`,
    body: {},
  }),
  'GET /settings/services': () => ({}),
  'PUT /settings/services': () => ({ body: { services: ['counselling'] } }),
  // To another department, so the officer's department keeps only the case it was given.
  'POST /cases/:id/shares': (f) => ({ body: { organisationId: f.otherDepartment, kind: 'referral' } }),
  'GET /departments': () => ({}),
  'POST /cases/:id/attachments': () => ({ multipart: true }),
  'GET /cases/:id/attachments': () => ({}),
  'GET /cases/:id/attachments/:attachmentId': (f, kind) => ({
    path: `/cases/${f.cases[kind].id}/attachments/${f.attachments[kind]}`,
  }),
  'POST /cases/duplicates': () => ({ body: { givenNameLatin: NAMES.unassigned, familyNameLatin: 'Sok' } }),
  'POST /cases/:id/duplicates/resolve': (f) => ({
    body: { otherCaseId: f.cases.unassigned.id, resolution: 'not_duplicate' },
  }),
  'POST /cases/group': () => ({
    body: {
      referral: { source: 'police', referredOn: TODAY },
      caseTypes: ['TL'],
      children: [{ givenNameLatin: 'Groupchild', familyNameLatin: FAMILY.latin, sex: 'male', estimatedAge: 12 }],
    },
  }),
  'POST /group-activities': (f, kind) => ({
    body: { topic: 'hygiene', occurredOn: TODAY, caseIds: [f.cases[kind].id] },
  }),
  'GET /supervision': () => ({}),
  'GET /tasks': () => ({}),
  'POST /tasks': (f, kind) => ({
    body: { caseId: f.cases[kind].id, assignedTo: f.users.caseworker.id, title: 'Call the school', dueOn: TODAY },
  }),
  'PATCH /tasks/:id': (f) => ({ path: `/tasks/${f.taskId}`, body: { done: false } }),
  'GET /colleagues': () => ({}),
  'GET /directory': () => ({}),
  'POST /directory': (_f, _kind, role) => ({ body: { name: `Partner of ${role}`, kind: 'ngo' } }),
  'GET /facilities': () => ({}),
  'POST /facilities': (_f, _kind, role) => ({ body: { name: `Home of ${role}`, careType: 'group_home', capacity: 4 } }),
  'PUT /facilities/:id': (f) => ({
    path: `/facilities/${f.facilityId}`,
    body: { name: 'Shelter', careType: 'shelter', capacity: 20 },
  }),
  'GET /facilities/:id/children': (f) => ({ path: `/facilities/${f.facilityId}/children` }),
  'GET /settings/cases': () => ({}),
  'PUT /settings/cases': () => ({ body: {} }),
  'GET /reports': () => ({}),
  'GET /reports/:id': () => ({ path: '/reports/shelter-quarterly?from=2026-07-01&to=2026-09-30' }),
  'POST /reports/query': () => ({
    body: {
      from: '2026-01-01',
      to: TODAY,
      table: { title: 'Children', source: 'case', measure: 'children', rows: ['sex'] },
    },
  }),
  'POST /reports/query/drilldown': () => ({
    body: {
      from: '2026-01-01',
      to: TODAY,
      table: { title: 'Children', source: 'case', measure: 'children', rows: ['sex'] },
    },
  }),
  'GET /reports/drilldown': () => ({
    path: `/reports/drilldown?report=shelter-quarterly&table=referrals-by-case-type&from=2026-01-01&to=${TODAY}`,
  }),
  'GET /reports/saved': () => ({}),
  'POST /reports/saved': (_f, _kind, role) => ({
    body: {
      name: `Saved by ${role}`,
      tables: [{ id: 't', title: 'Children', source: 'case', measure: 'children', rows: ['sex'] }],
    },
  }),
  'DELETE /reports/saved/:id': async (f) => ({ path: `/reports/saved/${await f.newSavedReport()}` }),
  'GET /settings/access-policy': () => ({}),
  // Sent back as it stands, so the requests after it run under the policy the test set (the second pass takes
  // identity from every role), not under the default an empty body would restore.
  'PUT /settings/access-policy': async (f, _kind, role) => ({ body: await f.currentAdjustments(role) }),
  'GET /targets': () => ({}),
  'POST /targets': () => ({ body: TARGET }),
  'GET /targets/progress': () => ({ path: `/targets/progress?asOf=${TODAY}` }),
  'PUT /targets/:id': async (f) => ({ path: `/targets/${await f.newTarget()}`, body: TARGET }),
  'DELETE /targets/:id': async (f) => ({ path: `/targets/${await f.newTarget()}` }),
  'GET /notifications': () => ({}),
  'POST /notifications/:id/read': (f) => ({ path: `/notifications/${f.notificationId}/read` }),
  'POST /notifications/read-all': () => ({}),
  'GET /installation': () => ({}),
  'GET /installation/card': () => ({}),
  // A card that is not one (400): let through, and no partner is added.
  'POST /installation/partners': () => ({
    body: {
      card: {
        homewardInstallationCard: 1,
        name: 'x',
        signingKey: 'A'.repeat(60),
        agreementKey: 'A'.repeat(60),
        fingerprint: '0'.repeat(32),
      },
      confirmFingerprint: '0'.repeat(32),
    },
  }),
  'DELETE /installation/partners/:partnerId': async (f) => ({
    path: `/installation/partners/${await f.newPartner()}`,
  }),
  // No child of the matrix has consent to share (409): let through, and no file leaves.
  'POST /bundles': (f, kind) => ({
    body: { caseIds: [f.cases[kind].id], receiver: { kind: 'passphrase', passphrase: 'matrix passphrase 2026' } },
  }),
  // Not a multipart upload (400): let through, and nothing is imported.
  'POST /bundles/import': () => ({ body: {} }),
  // Transfers: an allowed offer is made (then refused as a second open one); decisions meet a decided transfer
  // (409, or the same decision's retry), so the matrix's cases keep their lead.
  'GET /cases/:id/transfers': () => ({}),
  'POST /cases/:id/transfers': (f) => ({
    body: { id: randomUUID(), toOrganisationId: f.otherOrganisation, transferReason: 'capacity' },
  }),
  'GET /transfers/incoming': () => ({}),
  'GET /transfers/incoming/count': () => ({}),
  'GET /transfers/receivers': () => ({}),
  'POST /transfers/:transferId/accept': (f) => ({
    path: `/transfers/${f.declinedTransfer}/accept`,
    body: { workerId: f.users.caseworker.id },
  }),
  'POST /transfers/:transferId/decline': (f) => ({
    path: `/transfers/${f.declinedTransfer}/decline`,
    body: { declineReason: 'no_capacity' },
  }),
  'POST /transfers/:transferId/withdraw': (f) => ({ path: `/transfers/${f.withdrawnTransfer}/withdraw` }),
  // Handover (issue 10 point 4): an empty draft plan, so submitting, approving and completing are refused (400,
  // 409) for those let through, and accepting or declining nothing is refused (400).
  'GET /handover-plans': () => ({}),
  'POST /handover-plans': () => ({
    body: { id: crypto.randomUUID(), name: 'Closing office', reason: 'Ends', caseIds: [] },
  }),
  'GET /handover-plans/:planId': async (f) => ({ path: `/handover-plans/${await f.newHandoverPlan()}` }),
  'PATCH /handover-plans/:planId': async (f) => ({
    path: `/handover-plans/${await f.newHandoverPlan()}`,
    body: { name: 'Renamed office' },
  }),
  'POST /handover-plans/:planId/items': async (f) => ({
    path: `/handover-plans/${await f.newHandoverPlan()}/items`,
    body: { caseIds: [] },
  }),
  'PATCH /handover-plans/:planId/items': async (f) => ({
    path: `/handover-plans/${await f.newHandoverPlan()}/items`,
    body: { itemIds: [crypto.randomUUID()], note: 'No such item' },
  }),
  'POST /handover-plans/:planId/items/remove': async (f) => ({
    path: `/handover-plans/${await f.newHandoverPlan()}/items/remove`,
    body: { itemIds: [crypto.randomUUID()] },
  }),
  'POST /handover-plans/:planId/submit': async (f) => ({ path: `/handover-plans/${await f.newHandoverPlan()}/submit` }),
  'POST /handover-plans/:planId/approve': async (f) => ({
    path: `/handover-plans/${await f.newHandoverPlan()}/approve`,
  }),
  'POST /handover-plans/:planId/complete': async (f) => ({
    path: `/handover-plans/${await f.newHandoverPlan()}/complete`,
  }),
  'GET /handover-plans/:planId/summary': async (f) => ({
    path: `/handover-plans/${await f.newHandoverPlan()}/summary?language=en`,
  }),
  'GET /handover-receivers': () => ({}),
  'GET /handover-items/incoming': () => ({}),
  'POST /handover-items/accept': () => ({ body: { itemIds: [] } }),
  'POST /handover-items/decline': () => ({ body: { itemIds: [], reason: 'Nothing' } }),
  // Offline sync (issue 11)
  'POST /devices': (_f, _kind, role) => ({ body: { id: randomUUID(), name: `Phone of ${role}` } }),
  'GET /devices': () => ({}),
  'POST /devices/:id/revoke': async (f) => ({ path: `/devices/${await f.newDevice()}/revoke` }),
  'POST /devices/:id/session-key': async (f) => ({ path: `/devices/${await f.newDevice()}/session-key` }),
  'GET /devices/:id/session-key': async (f) => ({ path: `/devices/${await f.newDeviceWithKey()}/session-key` }),
  'DELETE /devices/:id/session-key': async (f) => ({ path: `/devices/${await f.newDevice()}/session-key` }),
  'POST /sync/pull': (f, _kind, role) => ({ body: { deviceId: f.devices[role], known: [] } }),
  'POST /sync/push': (f, _kind, role) => ({
    body: {
      deviceId: f.devices[role],
      operations: [{ kind: 'audit', opId: randomUUID(), madeAt, caseId: f.cases.own.id, action: 'case.read' }],
    },
  }),
  // A JSON body is refused (400) once the user and her device passed: the matrix only needs who gets that far.
  'PUT /sync/files/:id': (f, _kind, role) => ({
    path: `/sync/files/${randomUUID()}?deviceId=${f.devices[role]}&sha256=${'0'.repeat(64)}`,
    body: {},
  }),
  'GET /sync/held': () => ({}),
  'POST /sync/held/:id': async (f) => ({
    path: `/sync/held/${await f.newHeldOperation()}`,
    body: { action: 'discard', reason: 'Checked by the matrix.' },
  }),
  'GET /offline-marks': () => ({}),
  'PUT /offline-marks': (f, kind) => ({ body: { caseId: f.cases[kind].id, offline: true } }),
  // A shelter's own server as a hub (issue 11 point 7)
  'POST /devices/hubs': () => ({ body: { id: randomUUID(), name: 'Shelter laptop' } }),
  'GET /hub': () => ({}),
  'POST /hub/pull': () => ({ body: { deviceId: randomUUID(), known: [] } }),
  'POST /hub/push': () => ({ body: { deviceId: randomUUID(), operations: [] } }),
  'PUT /hub/files/:id': () => ({
    path: `/hub/files/${randomUUID()}?deviceId=${randomUUID()}&sha256=${'0'.repeat(64)}`,
    body: {},
  }),
  'GET /hub/files/:id': () => ({ path: `/hub/files/${randomUUID()}` }),
};

type Outcome = 'allowed' | 401 | 403 | 404;

function expected(key: string, policy: EndpointPolicy, role: Role | 'anonymous', kind: CaseKind): Outcome {
  if (policy.access === 'public') return 'allowed';
  if (role === 'anonymous') return 401;
  // A session is not a hub's token, whoever holds it.
  if (policy.access === 'hub') return 401;
  const access = accessFor([role]);
  // An administrator manages every device of the organisation, not only her own.
  if (key === 'POST /devices/:id/revoke' && can(access, 'device.manage')) return 'allowed';
  if (policy.access === 'signed_in') return policy.ownRecordsOnly && role !== 'caseworker' ? 404 : 'allowed';
  if (!policy.anyOf.some((permission) => can(access, permission))) return 403;
  // The sample asks by name, which a role that may not read identity may not ask.
  if (key === 'POST /cases/duplicates' && !mayRead(access, 'identity')) return 403;
  // The department is another organisation: the NGO's facilities, users and targets do not exist for its officer.
  if (/\/(facilities|users|targets)\/:/.test(key) && role === 'government_officer') return 404;
  if (!policy.case || kind === 'own') return 'allowed';
  if (kind === 'other') return 404;
  return access.scope === 'organisation' ? 'allowed' : 404;
}

/** The names a role may see in any answer: those of the cases it reaches, if it may see who children are. */
function visibleNames(role: Role | 'anonymous'): string[] {
  if (role === 'anonymous') return [];
  const access = accessFor([role]);
  if (!mayRead(access, 'identity') || !can(access, 'case.read')) return [];
  return access.scope === 'organisation' ? [NAMES.own, NAMES.unassigned] : [NAMES.own];
}

/** Some 700 requests one after another: a minute on a quiet machine, more on a shared one. */
const MATRIX_TIMEOUT = 300_000;

const MINIMAL_PDF = '%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n';

describeOnEachEngine('the authorisation matrix', (engine) => {
  let server: TestServer;
  let fixture: Fixture;

  async function upload(user: TestUser, caseId: string) {
    const form = new FormData();
    form.append('kind', 'document');
    form.append('title', 'Referral letter');
    form.append('file', new Blob([MINIMAL_PDF], { type: 'application/pdf' }), 'letter.pdf');
    const headers: Record<string, string> = user.token ? { authorization: `Bearer ${user.token}` } : {};
    const response = await fetch(server.url(`/cases/${caseId}/attachments`), { method: 'POST', headers, body: form });
    const text = await response.text();
    return { status: response.status, text, body: (text ? JSON.parse(text) : null) as { id: string } };
  }

  /** Any answer, JSON or a file, as text: a name must not appear in either. A ZIP is searched entry by entry. */
  async function send(method: string, path: string, token: string, body: unknown) {
    const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
    if (body !== undefined) headers['content-type'] = 'application/json';
    const init = { method, headers, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) };
    const response = await fetch(server.url(path), init);
    const data = new Uint8Array(await response.arrayBuffer());
    if (!response.headers.get('content-type')?.includes('application/zip')) {
      return { status: response.status, text: new TextDecoder().decode(data) };
    }
    const entries = await new ZipReader(new Uint8ArrayReader(data)).getEntries();
    const files = entries.filter((entry): entry is FileEntry => !entry.directory);
    const texts = await Promise.all(
      files.map(async (entry) => `${entry.filename}\n${await entry.getData(new TextWriter())}`),
    );
    return { status: response.status, text: texts.join('\n'), files: files.map((entry) => entry.filename) };
  }

  beforeAll(async () => {
    server = await startTestServer(engine);
    const ngo = await createTestOrganisation(server, { withUser: ['org_admin'] });
    const other = await createTestOrganisation(server, { withUser: ['org_admin'] });
    const department = await createTestOrganisation(server, {
      withUser: ['government_officer'],
      kind: 'government',
    });
    const otherDepartment = await createTestOrganisation(server, {
      withUser: ['government_officer'],
      kind: 'government',
    });
    const facility = await api<{ id: string }>(server, 'POST', '/facilities', {
      token: ngo.user.token,
      body: { name: 'Shelter', careType: 'shelter', capacity: 20 },
    });
    const users = { org_admin: ngo.user, government_officer: department.user } as Record<Role, TestUser>;
    for (const role of ROLES) {
      if (users[role]) continue;
      users[role] = await ngo.addUser([role], role === 'caregiver' ? { facilityId: facility.body.id } : { team: 'T' });
    }
    const open = async (user: TestUser, kind: CaseKind) =>
      (
        await api<CaseDetail>(server, 'POST', '/cases', {
          token: user.token,
          body: aNewCase({
            givenNameLatin: NAMES[kind],
            givenNameKm: undefined,
            familyNameLatin: FAMILY.latin,
            familyNameKm: FAMILY.km,
            dateOfBirth: BIRTH_DATE,
            alias: `Alias ${kind}`,
          }),
        })
      ).body;
    const cases = {
      own: await open(users.caseworker, 'own'),
      unassigned: await open(ngo.user, 'unassigned'),
      other: await open(other.user, 'other'),
    };
    const setUp = [
      api(server, 'POST', `/cases/${cases.own.id}/events`, {
        token: users.caseworker.token,
        body: { type: 'placement', occurredOn: TODAY, payload: { careType: 'shelter', facilityId: facility.body.id } },
      }),
      api(server, 'POST', `/cases/${cases.own.id}/shares`, {
        token: users.caseworker.token,
        body: { organisationId: department.id, kind: 'referral' },
      }),
      // So that supervision lists a child waiting for approval, and every colleague has a child on their task list.
      api(server, 'POST', `/cases/${cases.own.id}/events`, {
        token: users.caseworker.token,
        body: { type: 'approval_request', occurredOn: TODAY, payload: { subject: 'placement' } },
      }),
      ...ROLES.filter((role) => role !== 'government_officer').map((role) =>
        api(server, 'POST', '/tasks', {
          token: ngo.user.token,
          body: { caseId: cases.unassigned.id, assignedTo: users[role].id, title: 'Check the file', dueOn: TODAY },
        }),
      ),
    ];
    for (const response of await Promise.all(setUp))
      expect([response.status, response.body]).toEqual([200 + (response.status === 201 ? 1 : 0), response.body]);
    const attachments = {
      own: (await upload(users.caseworker, cases.own.id)).body.id,
      unassigned: (await upload(ngo.user, cases.unassigned.id)).body.id,
      other: (await upload(other.user, cases.other.id)).body.id,
    };
    const task = await api<{ id: string }>(server, 'POST', '/tasks', {
      token: users.caseworker.token,
      body: { caseId: cases.own.id, assignedTo: users.caseworker.id, title: 'Visit the school', dueOn: TODAY },
    });
    const given = await api<{ id: string }>(server, 'POST', '/tasks', {
      token: ngo.user.token,
      body: { caseId: cases.own.id, assignedTo: users.caseworker.id, title: 'Call the family', dueOn: TODAY },
    });
    const notice = await server.db.kysely
      .selectFrom('notification')
      .select('id')
      .where('subject_id', '=', given.body.id)
      .executeTakeFirstOrThrow();
    let saves = 0;
    const newSavedReport = async () => {
      saves += 1;
      const table = { id: 't', title: 'Children', source: 'case', measure: 'children', rows: ['sex'] };
      const saved = await api<{ id: string }>(server, 'POST', '/reports/saved', {
        token: ngo.user.token,
        body: { name: `Kept ${saves}`, tables: [table] },
      });
      return saved.body.id;
    };
    const newTarget = async () =>
      (await api<{ id: string }>(server, 'POST', '/targets', { token: ngo.user.token, body: TARGET })).body.id;
    const newPartner = async () => {
      const keys = generateIdentity();
      const { signingKey, agreementKey, fingerprint } = keys;
      const card = { homewardInstallationCard: 1, name: 'Partner', signingKey, agreementKey, fingerprint };
      const body = { card, confirmFingerprint: keys.fingerprint };
      return (await api<{ id: string }>(server, 'POST', '/installation/partners', { token: ngo.user.token, body })).body
        .id;
    };
    // A child of the other organisation referred to this one for a service: not one of the matrix's children.
    const referred = (
      await api<CaseDetail>(server, 'POST', '/cases', {
        token: other.user.token,
        body: aNewCase({ givenNameLatin: 'Referredchild', alias: 'Alias referred' }),
      })
    ).body;
    const referTo = async (token: string, caseId: string, receiverOrganisationId: string) => {
      const sent = await api<{ id: string }>(server, 'POST', `/cases/${caseId}/referrals`, {
        token,
        body: {
          id: randomUUID(),
          receiverOrganisationId,
          services: ['counselling'],
          sections: ['services'],
          consent: { kind: 'on_file' },
        },
      });
      expect(sent.status).toBe(201);
      return sent.body.id;
    };
    // Transfers: the other NGO offers its case to this one, which declines; this one offers a case and withdraws.
    const declined = await api<{ id: string }>(server, 'POST', `/cases/${cases.other.id}/transfers`, {
      token: other.user.token,
      body: { id: randomUUID(), toOrganisationId: ngo.id, transferReason: 'capacity' },
    });
    const withdrawn = await api<{ id: string }>(server, 'POST', `/cases/${cases.unassigned.id}/transfers`, {
      token: ngo.user.token,
      body: { id: randomUUID(), toOrganisationId: other.id, transferReason: 'capacity' },
    });
    const decisions = [
      await api(server, 'POST', `/transfers/${declined.body.id}/decline`, {
        token: ngo.user.token,
        body: { declineReason: 'no_capacity' },
      }),
      await api(server, 'POST', `/transfers/${withdrawn.body.id}/withdraw`, { token: ngo.user.token }),
    ];
    expect(decisions.map((response) => response.status)).toEqual([201, 201]);
    const devices = Object.fromEntries(
      await Promise.all(ROLES.map(async (role) => [role, await registerDevice(server, users[role])] as const)),
    ) as Record<Role, string>;
    fixture = {
      devices,
      newDevice: () => registerDevice(server, users.caseworker),
      newDeviceWithKey: async () => {
        const device = await registerDevice(server, users.caseworker);
        const issued = await api(server, 'POST', `/devices/${device}/session-key`, { token: users.caseworker.token });
        expect(issued.status).toBe(200);
        return device;
      },
      newHeldOperation: async () => {
        const opId = randomUUID();
        // A reopening of a case that is not closed: refused on arrival, so kept for a person.
        const pushed = await pushAs(server, users.caseworker, devices.caseworker, [
          {
            kind: 'event',
            opId,
            madeAt,
            caseId: cases.own.id,
            body: { type: 'reopening', occurredOn: TODAY, payload: { reason: 'Matrix' } },
          },
        ]);
        expect(pushed.body.results[0]?.status).toBe('attention');
        return opId;
      },
      otherOrganisation: other.id,
      declinedTransfer: declined.body.id,
      withdrawnTransfer: withdrawn.body.id,
      newIncomingReferral: () => referTo(other.user.token, referred.id, ngo.id),
      newOutgoingReferral: () => referTo(users.caseworker.token, cases.own.id, other.id),
      cases,
      attachments,
      facilityId: facility.body.id,
      taskId: task.body.id,
      notificationId: notice.id,
      newSavedReport,
      newTarget,
      newPartner,
      newHandoverPlan: async () => {
        const id = crypto.randomUUID();
        const body = { id, name: 'Closing office', reason: 'Ends', caseIds: [] };
        await api(server, 'POST', '/handover-plans', { token: ngo.user.token, body });
        return id;
      },
      users,
      department,
      otherDepartment: otherDepartment.id,
      spareUser: (await ngo.addUser(['caseworker'])).id,
      currentAdjustments: async (role) => {
        const current = await api<{ adjustments: PolicyAdjustmentsInput }>(server, 'GET', '/settings/access-policy', {
          token: users[role].token,
        });
        return current.status === 200 ? current.body.adjustments : {};
      },
      setPolicies: async (adjustments) => {
        const departmentAdmin = await department.addUser(['org_admin']);
        for (const admin of [ngo.user, departmentAdmin]) {
          const saved = await api(server, 'PUT', '/settings/access-policy', { token: admin.token, body: adjustments });
          expect(saved.status).toBe(200);
        }
      },
    };
  });
  afterAll(() => server.close());

  it('has a policy and a sample request for every endpoint the server answers', async () => {
    const spec = await api<{ paths: Record<string, Record<string, unknown>> }>(server, 'GET', '/openapi.json');
    const served = Object.entries(spec.body.paths).flatMap(([path, methods]) =>
      Object.keys(methods).map(
        (method) => `${method.toUpperCase()} ${path.replace('/api/v1', '').replace(/\{(\w+)\}/g, ':$1')}`,
      ),
    );
    expect(served.length).toBeGreaterThan(30);
    const missingPolicy = served.filter((key) => !ENDPOINT_POLICY[key]);
    const missingSample = served.filter((key) => ENDPOINT_POLICY[key]?.access !== 'public' && !SAMPLES[key]);
    expect({ missingPolicy, missingSample }).toEqual({ missingPolicy: [], missingSample: [] });
  });

  it(
    'lets through exactly whom the policy allows, and leaks no child to anyone else',
    async () => {
      const failures: string[] = [];
      const leaks: string[] = [];
      let requests = 0;
      for (const [key, policy] of Object.entries(ENDPOINT_POLICY)) {
        if (policy.access === 'public') continue;
        const [method, template] = key.split(' ') as [string, string];
        const sample = SAMPLES[key];
        if (!sample) continue;
        const kinds = policy.access === 'permission' && policy.case ? CASE_KINDS : (['own'] as const);
        for (const role of [...ROLES, 'anonymous'] as const) {
          for (const kind of kinds) {
            const user = role === 'anonymous' ? { token: '' } : fixture.users[role];
            const request = await sample(fixture, kind, role === 'anonymous' ? 'caseworker' : role);
            const path = request.path ?? template.replace(':id', fixture.cases[kind].id);
            requests += 1;
            const response = request.multipart
              ? await upload(user as TestUser, path.split('/')[2] ?? '')
              : await send(method, path, user.token, request.body);
            const want = expected(key, policy, role, kind);
            const ok =
              want === 'allowed'
                ? response.status < 500 && ![401, 403, 404].includes(response.status)
                : response.status === want ||
                  (policy.access === 'permission' && policy.case === 'body' && want === 404 && response.status === 400);
            if (!ok) failures.push(`${role} ${key} [${kind}]: ${response.status}, expected ${want}`);
            const seen = visibleNames(role);
            for (const name of Object.values(NAMES)) {
              if (!seen.includes(name) && response.text.includes(name))
                leaks.push(`${role} ${key} [${kind}] shows ${name}`);
            }
          }
        }
      }
      expect(requests).toBeGreaterThan(300);
      expect({ failures, leaks }).toEqual({ failures: [], leaks: [] });
    },
    MATRIX_TIMEOUT,
  );

  it(
    'shows no child’s name or birth date to anyone when no role may read identity',
    async () => {
      // Every role without identity, as an organisation may set it; the export granted, so the whole file is tried.
      const noIdentity = { tiers: { identity: 'none' as const }, grant: ['case.export' as const] };
      await fixture.setPolicies({
        ...Object.fromEntries(ROLES.map((role) => [role, { tiers: { identity: 'none' as const } }])),
        supervisor: noIdentity,
        me_officer: noIdentity,
      });
      const secrets = [...Object.values(NAMES), ...SAMPLE_NAMES, FAMILY.latin, FAMILY.km, BIRTH_DATE];
      const leaks: string[] = [];
      const exported = new Set<string>();
      let requests = 0;
      for (const [key, policy] of Object.entries(ENDPOINT_POLICY)) {
        if (policy.access === 'public') continue;
        const [method, template] = key.split(' ') as [string, string];
        const sample = SAMPLES[key];
        if (!sample) continue;
        const kinds = policy.access === 'permission' && policy.case ? CASE_KINDS : (['own'] as const);
        for (const role of ROLES) {
          for (const kind of kinds) {
            const user = fixture.users[role];
            const request = await sample(fixture, kind, role);
            const path = request.path ?? template.replace(':id', fixture.cases[kind].id);
            requests += 1;
            const response = request.multipart
              ? await upload(user, path.split('/')[2] ?? '')
              : await send(method, path, user.token, request.body);
            if ('files' in response && response.files) {
              for (const file of response.files) exported.add(`${role} ${file}`);
            }
            for (const secret of secrets) {
              if (response.text.includes(secret)) leaks.push(`${role} ${key} [${kind}] shows ${secret}`);
            }
          }
        }
      }
      expect(requests).toBeGreaterThan(300);
      // The whole file was read by the roles that export, so its profile and summary were searched too.
      for (const role of ['supervisor', 'me_officer', 'org_admin'] as const) {
        expect(exported).toContain(`${role} profile.json`);
        expect(exported).toContain(`${role} summary.html`);
      }
      expect(leaks).toEqual([]);
    },
    MATRIX_TIMEOUT,
  );
});
