/** What the benchmarks write before they measure: a child as an intake names one, an organisation and its worker. */
import { randomUUID } from 'node:crypto';
import type { Role } from '@homeward/core';
import { actorOf, type Actor } from '../packages/server/src/auth/actor';
import { insertUser } from '../packages/server/src/auth/users.repository';
import type { Db } from '../packages/server/src/db/database';
import { FAMILY_NAMES, GIVEN_NAMES, pick } from '../packages/server/src/demo/demo-people';
import { insertOrganisation } from '../packages/server/src/organisations/organisations.repository';

/** A new case's intake with the demo's names, six to sixteen years old, referred by the police on that day. */
export function aChild(random: () => number, referredOn: string) {
  const sex = random() < 0.6 ? 'female' : 'male';
  const [familyNameKm, familyNameLatin] = pick(random, FAMILY_NAMES);
  const [givenNameKm, givenNameLatin] = pick(random, GIVEN_NAMES[sex]);
  return {
    familyNameKm,
    givenNameKm,
    familyNameLatin,
    givenNameLatin,
    sex,
    estimatedAge: 6 + Math.floor(random() * 11),
    dateOfBirthEstimated: true,
    caseTypes: ['TL'],
    referral: { source: 'police', referredOn },
  };
}

/** An organisation with one worker of these roles; her password hash is whatever the bench needs. */
export async function benchWorker(
  db: Db,
  user: { email: string; displayName: string; passwordHash: string; roles: Role[] },
): Promise<Actor> {
  const organisationId = randomUUID();
  await insertOrganisation(db.kysely, {
    id: organisationId,
    name: 'Bench',
    kind: 'ngo',
    provinceCode: null,
    casePrefix: 'B',
  });
  const actor = actorOf({ userId: randomUUID(), organisationId, roles: user.roles });
  await insertUser(db.kysely, { id: actor.userId, organisationId, ...user });
  return actor;
}
