import { can, DomainError, type Permission } from '@homeward/core';
import type { FastifyRequest, RouteOptions } from 'fastify';

/**
 * Who may call each endpoint, in one table: open to anyone (setting up, signing in), to any signed-in user, or
 * to users holding one of some permissions. The server refuses to start with an endpoint missing from this
 * table, and the authorisation matrix test walks it; the repositories check again, case by case.
 * `case` marks endpoints about cases, named by `:id` in the path or in the body; `ownRecordsOnly` those that
 * reach only the user's own records (their tasks), answering 404 for anyone else's; `whileEnrolling` those a user
 * who must still set up a second factor may reach.
 */
export type EndpointPolicy =
  | { access: 'public' }
  | { access: 'signed_in'; ownRecordsOnly?: true; whileEnrolling?: true }
  | { access: 'permission'; anyOf: readonly Permission[]; case?: 'path' | 'body' }
  /** A shelter's hub, by its own token rather than a session (decision 0019): `hub/hub-auth.ts` checks it. */
  | { access: 'hub' };

const PUBLIC: EndpointPolicy = { access: 'public' };
const SIGNED_IN: EndpointPolicy = { access: 'signed_in' };
const ENROLLING: EndpointPolicy = { access: 'signed_in', whileEnrolling: true };
const needs = (...anyOf: Permission[]): EndpointPolicy => ({ access: 'permission', anyOf });
const onCase = (...anyOf: Permission[]): EndpointPolicy => ({ access: 'permission', anyOf, case: 'path' });
const aboutCases = (...anyOf: Permission[]): EndpointPolicy => ({ access: 'permission', anyOf, case: 'body' });

export const ENDPOINT_POLICY: Readonly<Record<string, EndpointPolicy>> = {
  'GET /health': PUBLIC,
  'GET /openapi.json': PUBLIC,
  'GET /setup': PUBLIC,
  'POST /setup': PUBLIC,
  'POST /setup/demo': PUBLIC,
  'GET /setup/demo/progress': PUBLIC,
  'POST /auth/login': PUBLIC,
  'POST /auth/login/code': PUBLIC,
  'POST /auth/logout': PUBLIC,
  'GET /auth/me': ENROLLING,
  'POST /account/two-factor/setup': ENROLLING,
  'POST /account/two-factor/confirm': ENROLLING,
  'POST /account/password': SIGNED_IN,
  'POST /account/two-factor/recovery-codes': SIGNED_IN,
  'GET /users': needs('user.manage'),
  'POST /users': needs('user.manage'),
  'GET /users/:userId': needs('user.manage'),
  'PUT /users/:userId/roles': needs('user.manage'),
  'POST /users/:userId/disable': needs('user.manage'),
  'POST /users/:userId/enable': needs('user.manage'),
  'POST /users/:userId/sessions/end': needs('user.manage'),
  'POST /users/:userId/password': needs('user.manage'),
  'POST /users/:userId/unlock': needs('user.manage'),
  'POST /users/:userId/two-factor/reset': needs('user.manage'),
  'GET /settings/security': needs('user.manage'),
  'PUT /settings/security': needs('user.manage'),
  'POST /cases': needs('case.create'),
  'GET /cases': needs('case.read'),
  'GET /cases/:id': onCase('case.read'),
  'PATCH /cases/:id': onCase('case.write'),
  'GET /cases/:id/state': onCase('case.read'),
  'GET /cases/:id/events': onCase('case.read'),
  'DELETE /cases/:id': onCase('case.delete'),
  'GET /cases/:id/access-log': onCase('case.access_log'),
  'POST /cases/:id/prints': onCase('case.read'),
  'GET /cases/:id/file': onCase('case.export'),
  'POST /cases/:id/file': onCase('case.export'),
  'GET /audit': needs('audit.read'),
  'GET /settings/retention': needs('retention.manage'),
  'PUT /settings/retention': needs('retention.manage'),
  'GET /settings/retention/preview': needs('retention.manage'),
  'POST /cases/:id/events': onCase('case.write'),
  'PUT /cases/:id/assignment': onCase('case.assign'),
  'GET /cases/:id/shares': onCase('case.read'),
  'POST /cases/:id/shares': onCase('case.write'),
  // Referrals for a service (issue 10)
  'POST /cases/:id/referrals': onCase('case.write'),
  'GET /cases/:id/referrals': onCase('case.read'),
  'GET /cases/:id/participants': onCase('case.read'),
  'GET /referrals/incoming': needs('case.write'),
  'GET /referrals/incoming/count': needs('case.write'),
  'POST /referrals/:id/accept': needs('case.write'),
  'POST /referrals/:id/decline': needs('case.write'),
  'POST /referrals/:id/done': needs('case.write'),
  'POST /referrals/:id/withdraw': needs('case.write'),
  'GET /referrals/receivers': needs('case.write'),
  'GET /settings/services': SIGNED_IN,
  'PUT /settings/services': needs('user.manage'),
  'GET /departments': needs('case.write'),
  // Handover (issue 10 point 4)
  'GET /handover-plans': needs('handover.manage', 'handover.approve'),
  'POST /handover-plans': needs('handover.manage'),
  'GET /handover-plans/:planId': needs('handover.manage', 'handover.approve'),
  'PATCH /handover-plans/:planId': needs('handover.manage'),
  'POST /handover-plans/:planId/items': needs('handover.manage'),
  'PATCH /handover-plans/:planId/items': needs('handover.manage'),
  'POST /handover-plans/:planId/items/remove': needs('handover.manage'),
  'POST /handover-plans/:planId/submit': needs('handover.manage'),
  'POST /handover-plans/:planId/approve': needs('handover.approve'),
  'POST /handover-plans/:planId/complete': needs('handover.approve'),
  'GET /handover-plans/:planId/summary': needs('handover.manage', 'handover.approve'),
  'GET /handover-receivers': needs('handover.manage'),
  'GET /handover-items/incoming': needs('handover.receive'),
  'POST /handover-items/accept': needs('handover.receive'),
  'POST /handover-items/decline': needs('handover.receive'),
  'POST /cases/:id/attachments': onCase('case.write'),
  'GET /cases/:id/attachments': onCase('attachment.read'),
  'GET /cases/:id/attachments/:attachmentId': onCase('attachment.read'),
  'POST /cases/duplicates': needs('case.read'),
  'POST /cases/:id/duplicates/resolve': onCase('case.approve'),
  'POST /cases/group': needs('case.create'),
  'POST /group-activities': aboutCases('case.write'),
  'GET /supervision': needs('case.approve'),
  'GET /tasks': SIGNED_IN,
  'POST /tasks': aboutCases('case.write'),
  'PATCH /tasks/:id': { access: 'signed_in', ownRecordsOnly: true },
  'GET /colleagues': SIGNED_IN,
  'GET /directory': needs('case.read'),
  'POST /directory': needs('case.write'),
  'GET /facilities': needs('case.read', 'facility.manage'),
  'POST /facilities': needs('facility.manage'),
  'PUT /facilities/:id': needs('facility.manage'),
  'GET /facilities/:id/children': needs('case.read'),
  'GET /settings/cases': SIGNED_IN,
  'PUT /settings/cases': needs('user.manage'),
  'GET /reports': needs('report.read'),
  'GET /reports/:id': needs('report.read'),
  'POST /reports/query': needs('report.read'),
  'GET /reports/drilldown': needs('report.read'),
  'POST /reports/query/drilldown': needs('report.read'),
  'GET /reports/saved': needs('report.read'),
  'POST /reports/saved': needs('report.manage'),
  'DELETE /reports/saved/:id': needs('report.manage'),
  'GET /targets': needs('report.read', 'target.manage'),
  'POST /targets': needs('target.manage'),
  'GET /targets/progress': needs('report.read'),
  'PUT /targets/:id': needs('target.manage'),
  'DELETE /targets/:id': needs('target.manage'),
  'GET /settings/access-policy': needs('policy.manage'),
  'PUT /settings/access-policy': needs('policy.manage'),
  'GET /notifications': SIGNED_IN,
  'POST /notifications/:id/read': { access: 'signed_in', ownRecordsOnly: true },
  'POST /notifications/read-all': SIGNED_IN,
  'GET /installation': needs('installation.manage', 'case.export'),
  'GET /installation/card': needs('installation.manage'),
  'POST /installation/partners': needs('installation.manage'),
  'DELETE /installation/partners/:partnerId': needs('installation.manage'),
  'POST /bundles': aboutCases('case.export'),
  'POST /bundles/import': needs('installation.manage'),
  // Transfers (issue 10 point 2): the sender's side by the case, the receiver's by the transfer.
  'GET /cases/:id/transfers': onCase('case.read'),
  'POST /cases/:id/transfers': onCase('case.transfer'),
  'GET /transfers/incoming': needs('case.transfer'),
  'GET /transfers/incoming/count': needs('case.transfer'),
  'GET /transfers/receivers': needs('case.transfer'),
  'POST /transfers/:transferId/accept': needs('case.transfer'),
  'POST /transfers/:transferId/decline': needs('case.transfer'),
  'POST /transfers/:transferId/withdraw': needs('case.transfer'),
  // Offline sync (issue 11): a device is its user's (an administrator's `device.manage` reaches all of the
  // organisation's); the services check the case and the kept operation.
  'POST /devices': SIGNED_IN,
  'GET /devices': SIGNED_IN,
  'POST /devices/:id/revoke': { access: 'signed_in', ownRecordsOnly: true },
  // The key that opens the device's store while signed in: its own user only, over the session that asked for it.
  'POST /devices/:id/session-key': { access: 'signed_in', ownRecordsOnly: true },
  'GET /devices/:id/session-key': { access: 'signed_in', ownRecordsOnly: true },
  'DELETE /devices/:id/session-key': { access: 'signed_in', ownRecordsOnly: true },
  'POST /sync/pull': needs('case.read'),
  'POST /sync/push': needs('case.read'),
  'PUT /sync/files/:id': needs('case.write'),
  'GET /sync/held': needs('case.read'),
  'POST /sync/held/:id': needs('case.write'),
  'GET /offline-marks': needs('case.read'),
  'PUT /offline-marks': aboutCases('case.read'),
  // A shelter's own server as a hub (issue 11 point 7): created by an administrator, then syncing by its token.
  'POST /devices/hubs': needs('device.manage'),
  'GET /hub': { access: 'hub' },
  'POST /hub/pull': { access: 'hub' },
  'POST /hub/push': { access: 'hub' },
  'PUT /hub/files/:id': { access: 'hub' },
  'GET /hub/files/:id': { access: 'hub' },
};

/** The table's key for a route: its method and its path below the API prefix. */
export function endpointKey(method: string, url: string, prefix: string): string {
  return `${method} ${url.startsWith(prefix) ? url.slice(prefix.length) : url}`;
}

export function policyOf(route: Pick<RouteOptions, 'method' | 'url'>, prefix: string): EndpointPolicy | undefined {
  const method = String(Array.isArray(route.method) ? route.method[0] : route.method);
  // Fastify answers HEAD for every GET route; it has the GET's policy.
  return ENDPOINT_POLICY[endpointKey(method === 'HEAD' ? 'GET' : method, route.url ?? '', prefix)];
}

export function refuseWithout(policy: EndpointPolicy, access: { permissions: Permission[] }, request: FastifyRequest) {
  if (policy.access !== 'permission') return;
  if (!policy.anyOf.some((permission) => can(access, permission))) {
    request.log.info({ permission: policy.anyOf }, 'refused by the endpoint policy');
    throw new DomainError('forbidden', 'Your role does not allow this.', [], 'forbidden');
  }
}
