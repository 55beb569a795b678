import { can, DomainError, type ReferralReceiver } from '@homeward/core';
import type { Kysely } from 'kysely';
import { appendAudit } from '../audit/audit.repository';
import type { Actor } from '../auth/actor';
import type { Database } from '../db/schema';
import { requirePermission } from '../access/require-permission';
import { organisationServices, referralReceivers, setOrganisationServices } from './referrals.repository';

/** The services each organisation offers, set by its administrator and read by senders looking for a receiver. */
export async function readServices(db: Kysely<Database>, actor: Actor) {
  return { services: (await organisationServices(db, actor.organisationId)) as ReferralReceiver['services'] };
}

export async function changeServices(db: Kysely<Database>, actor: Actor, services: ReferralReceiver['services']) {
  if (!can(actor.access, 'user.manage'))
    throw new DomainError('forbidden', 'Only an organisation administrator can change this.', [], 'forbidden');
  await db.transaction().execute(async (trx) => {
    await setOrganisationServices(trx, actor.organisationId, [...services]);
    await appendAudit(trx, { ...actor, action: 'settings.services_update', detail: { services } });
  });
  return readServices(db, actor);
}

export async function listReceivers(
  db: Kysely<Database>,
  actor: Actor,
  filter: { service?: string | undefined; province?: string | undefined },
): Promise<ReferralReceiver[]> {
  requirePermission(actor, 'case.write');
  return (await referralReceivers(db, actor.organisationId, filter)) as ReferralReceiver[];
}
