import { DomainError, type HubCredentials, type NewHub } from '@homeward/core';
import type { FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { requirePermission } from '../access/require-permission';
import type { Actor } from '../auth/actor';
import type { Database } from '../db/schema';
import { registerDevice } from '../devices/devices.service';
import { tokenOf } from '../http/session';
import { findHubByTokenHash, setHubTokenHash } from './hub-devices.repository';
import { hubTokenHash, isHubToken, newHubToken } from './hub-token';

const NOT_A_HUB = 'This request needs a hub’s token: create the hub on the central server and link it with that token.';
const REVOKED = 'This hub may no longer sync: an administrator revoked it. Create a new hub and link again.';

/**
 * An administrator (`device.manage`) authorises a shelter's own server as a device of the organisation; its
 * token is answered once and kept only as a hash. A retry with the same id is refused (409): the token cannot be
 * shown again, so a lost answer means revoking that hub and creating another.
 */
export async function createHub(db: Kysely<Database>, actor: Actor, input: NewHub): Promise<HubCredentials> {
  requirePermission(actor, 'device.manage');
  const token = newHubToken();
  const { created, device } = await registerDevice(db, actor, { ...input, kind: 'hub' });
  if (!created) throw new DomainError('conflict', 'A device with this id exists already.', [], 'id_taken');
  await db.transaction().execute((trx) => setHubTokenHash(trx, device.id, hubTokenHash(token)));
  return { device, token };
}

/** Everything a hub may do at the central server: read and write as the organisation would see its own cases. */
export interface Hub {
  deviceId: string;
  name: string;
  organisationId: string;
  /**
   * The organisation at the full tier, reaching all its cases: reads pass through `visibleCases` and the tiers
   * like anyone's. Audited under the administrator who authorised the hub, with the hub's device id.
   */
  actor: Actor;
}

const resolved = new WeakMap<FastifyRequest, Promise<Hub>>();

/**
 * The hub a request's bearer token names; 401 for anything else, 403 `device_revoked` for a revoked one. Checked
 * once per request, before its body is read (the routes' `onRequest`), as sessions are.
 */
export function hubOfRequest(db: Kysely<Database>, request: FastifyRequest): Promise<Hub> {
  let pending = resolved.get(request);
  if (!pending) {
    pending = resolveHub(db, request);
    resolved.set(request, pending);
  }
  return pending;
}

async function resolveHub(db: Kysely<Database>, request: FastifyRequest): Promise<Hub> {
  const credentials = tokenOf(request);
  const row =
    credentials && !credentials.viaCookie && isHubToken(credentials.token)
      ? await findHubByTokenHash(db, hubTokenHash(credentials.token))
      : undefined;
  if (!row) throw new DomainError('unauthenticated', NOT_A_HUB, [], 'unauthenticated');
  if (row.revoked_at) throw new DomainError('forbidden', REVOKED, [], 'device_revoked');
  return {
    deviceId: row.id,
    name: row.name,
    organisationId: row.organisation_id,
    actor: {
      userId: row.user_id,
      organisationId: row.organisation_id,
      roles: [],
      access: {
        permissions: ['case.read'],
        scope: 'organisation',
        tiers: { identity: 'read', narrative: 'read', health: 'read', location: 'read' },
      },
      team: null,
      facilityId: null,
      ip: request.ip,
    },
  };
}
