import { randomUUID } from 'node:crypto';
import {
  CHILD_TYPE_FOR_CASE_TYPE,
  childrenOf,
  type CaseType,
  type DemoLoadStep,
  type DemoProgress,
  type NewCase,
  type NewDirectoryEntry,
  type ReferralSource,
  type Role,
  type Sex,
} from '@homeward/core';
import type { Kysely } from 'kysely';
import { actorOf, type Actor } from '../auth/actor';
import { hashPassword } from '../auth/passwords';
import { insertUser, setUserFacility } from '../auth/users.repository';
import { shareCase } from '../cases/case-access.repository';
import { addEvent } from '../cases/case-events.service';
import { createCase, type Clock } from '../cases/cases.service';
import type { Database } from '../db/schema';
import { insertOrganisation, type NewOrganisation } from '../organisations/organisations.repository';
import { insertDirectoryEntry } from '../directory/directory.repository';
import { demoFacilities, walkDemoChildren } from './demo-journeys';
import { loadDemoTargets } from './demo-targets';
import { FAMILY_NAMES, GIVEN_NAMES, pick, seededRandom } from './demo-people';

export const DEMO_PASSWORD = 'homeward-demo';

/** Referral bodies every demo NGO knows: the directory the referral form offers. */
const DIRECTORY: NewDirectoryEntry[] = [
  { name: 'IOM Cambodia', kind: 'international', provinceCode: '12' },
  { name: 'Poipet Transit Centre', kind: 'transit_centre', provinceCode: '01' },
  { name: 'Anti-Human Trafficking Police, Banteay Meanchey', kind: 'police', provinceCode: '01' },
  { name: 'APLE Cambodia', kind: 'ngo', provinceCode: '12' },
  { name: 'LICADHO', kind: 'legal_aid', provinceCode: '12' },
  { name: 'DoSVY Svay Rieng', kind: 'government', provinceCode: '20' },
  { name: 'Poipet Referral Hospital', kind: 'health', provinceCode: '01' },
];

interface DemoOrganisation extends Omit<NewOrganisation, 'id'> {
  domain: string;
  users: { local: string; name: string; roles: Role[]; team?: string }[];
  children: number;
  /** Where its children mostly come from (province codes). */
  provinces: string[];
  caseTypes: CaseType[];
  sources: [ReferralSource, string][];
}

const ORGANISATIONS: DemoOrganisation[] = [
  {
    name: 'Tonle Children’s Shelter',
    kind: 'ngo',
    provinceCode: '01',
    casePrefix: 'TCS',
    domain: 'tonle.demo',
    users: [
      { local: 'admin', name: 'Sok Chenda', roles: ['org_admin'] },
      { local: 'supervisor', name: 'Chhey Chan', roles: ['supervisor', 'caseworker'], team: 'Poipet' },
      { local: 'worker', name: 'Keo Sothea', roles: ['caseworker'], team: 'Poipet' },
      { local: 'caregiver', name: 'Mao Sreyneang', roles: ['caregiver'] },
      { local: 'me', name: 'Ly Vuthy', roles: ['me_officer'] },
    ],
    children: 40,
    provinces: ['01', '02', '22', '17'],
    caseTypes: ['TL', 'RC', 'NC', 'ST', 'BEG', 'LE'],
    sources: [
      ['transit_centre', 'Poipet Transit Centre'],
      ['police', 'Anti-Human Trafficking Police, Banteay Meanchey'],
      ['ngo', 'IOM Cambodia'],
      ['outreach', 'Street outreach team'],
      ['community', 'Village chief'],
    ],
  },
  {
    name: 'Svay Rieng Family Care',
    kind: 'ngo',
    provinceCode: '20',
    casePrefix: 'SRFC',
    domain: 'svayrieng.demo',
    users: [
      { local: 'admin', name: 'Heng Sophal', roles: ['org_admin', 'supervisor'] },
      { local: 'worker', name: 'Chea Kunthea', roles: ['caseworker'], team: 'Svay Rieng' },
    ],
    children: 20,
    provinces: ['20', '14', '03'],
    caseTypes: ['DV', 'SA', 'NC', 'TL', 'ST', 'RC', 'SW'],
    sources: [
      ['government', 'DoSVY Svay Rieng'],
      ['police', 'Commune police post'],
      ['community', 'CCWC'],
      ['family', 'Mother'],
    ],
  },
  {
    name: 'Siem Reap Provincial Department of Social Affairs',
    kind: 'government',
    provinceCode: '17',
    casePrefix: 'DOSVY',
    domain: 'dosvy-siemreap.demo',
    users: [{ local: 'officer', name: 'Tep Vannak', roles: ['government_officer'] }],
    children: 0,
    provinces: [],
    caseTypes: [],
    sources: [],
  },
];

/** The province of the demo Department of Social Affairs (Siem Reap). */
const DEPARTMENT_PROVINCE = '17';

export interface DemoUser {
  email: string;
  roles: string[];
  organisation: string;
}

/** Every village of the given provinces, gathered once. */
function villagesOf(provinceCodes: readonly string[]): string[] {
  const villages: string[] = [];
  const walk = (code: string): void => {
    const children = childrenOf(code);
    if (children.length === 0) villages.push(code);
    else for (const child of children) walk(child.code);
  };
  provinceCodes.forEach(walk);
  return villages.filter((code) => code.length === 8);
}

function daysBefore(today: string, days: number): string {
  const date = new Date(`${today}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() - days);
  return date.toISOString().slice(0, 10);
}

/**
 * The pieces of work of a demo load, counted for its progress bar: each organisation with its users, the
 * facilities and directory of each organisation with children, each child, the referrals, and the targets.
 */
export const DEMO_LOAD_SIZE =
  ORGANISATIONS.reduce((sum, org) => sum + 1 + (org.children > 0 ? 1 + org.children : 0), 0) + 2;

export type DemoProgressListener = (progress: DemoProgress) => void;

export async function loadDemoData(
  db: Kysely<Database>,
  clock: Clock,
  onProgress: DemoProgressListener = () => {},
): Promise<DemoUser[]> {
  let done = 0;
  /** Says which piece of work begins; `finished` counts the one before it as done. */
  const begin = async (step: DemoLoadStep, finished = 1): Promise<void> => {
    done += finished;
    onProgress({ step, done, total: DEMO_LOAD_SIZE });
    // The embedded database answers within the microtask queue, which would keep the server from answering
    // anyone, the progress poll included, until the whole load ends: let other requests in between steps.
    await new Promise((resume) => setImmediate(resume));
  };
  const random = seededRandom(2018);
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const users: DemoUser[] = [];
  const referrals: { worker: Actor; caseId: string }[] = [];
  let department = '';
  /** Who set the demo targets: the first shelter's administrator and the department's officer. */
  let shelterPlanner: Actor | undefined;
  let departmentPlanner: Actor | undefined;
  for (const [index, org] of ORGANISATIONS.entries()) {
    await begin('organisations', index === 0 ? 0 : 1);
    const organisationId = randomUUID();
    // Off so that visitors can look around with the demo administrators without an authenticator app.
    await insertOrganisation(db, { ...org, id: organisationId, requireTwoFactor: false });
    if (org.kind === 'government' && org.provinceCode === DEPARTMENT_PROVINCE) department = organisationId;
    const actors: Actor[] = [];
    const everyone: Actor[] = [];
    const actorsByRole = (_org: DemoOrganisation, role: Role): Actor => {
      const found = everyone.find((actor) => actor.roles.includes(role));
      if (!found) throw new Error(`The demo organisation has no ${role}.`);
      return found;
    };
    for (const user of org.users) {
      const id = randomUUID();
      const email = `${user.local}@${org.domain}`;
      await insertUser(db, {
        id,
        organisationId,
        email,
        displayName: user.name,
        passwordHash,
        roles: user.roles,
        team: user.team ?? null,
      });
      users.push({ email, roles: user.roles, organisation: org.name });
      const actor: Actor = actorOf({ userId: id, organisationId, roles: user.roles });
      everyone.push(actor);
      if (user.roles.includes('caseworker')) actors.push(actor);
    }
    if (organisationId === department) departmentPlanner = everyone[0];
    shelterPlanner ??= everyone.find((actor) => actor.roles.includes('org_admin'));
    if (org.children === 0) continue;
    const villages = villagesOf(org.provinces);
    const admin = actorsByRole(org, 'org_admin');
    const supervisor = actorsByRole(org, 'supervisor');
    await begin('facilities');
    const facilities = await demoFacilities(db, admin);
    // The caregiver looks after the children of the shelter, and sees only them.
    for (const caregiver of everyone.filter((actor) => actor.roles.includes('caregiver'))) {
      await setUserFacility(db, caregiver.userId, facilities.shelter);
    }
    for (const entry of DIRECTORY) await insertDirectoryEntry(db, admin, randomUUID(), entry);
    for (let n = 0; n < org.children; n += 1) {
      await begin('children');
      const worker = pick(random, actors);
      const input = demoChild(random, org, villages, clock.today(), n);
      const { detail } = await createCase(db, worker, input, clock);
      if (input.villageCode?.startsWith(DEPARTMENT_PROVINCE)) referrals.push({ worker, caseId: detail.id });
      await walkDemoChildren(db, { worker, supervisor, admin }, [detail], n, facilities, clock);
      if (random() < 0.6) {
        const occurredOn = daysBefore(clock.today(), Math.floor(random() * 20));
        const payload = { text: pick(random, NOTES), confidential: random() < 0.2 };
        await addEvent(db, worker, detail.id, { type: 'note', occurredOn, payload }, clock);
      }
    }
  }
  await begin('referrals');
  // Children from Siem Reap are referred to its Department of Social Affairs, whose officer may read their files.
  for (const [n, { worker, caseId }] of referrals.slice(0, 4).entries()) {
    const share = { organisationId: department, kind: n === 0 ? 'handover' : 'referral', id: randomUUID() } as const;
    await db.transaction().execute((trx) => shareCase(trx, worker, caseId, { ...share, sharedOn: clock.today() }));
  }
  await begin('targets');
  if (shelterPlanner && departmentPlanner) await loadDemoTargets(db, clock.today(), shelterPlanner, departmentPlanner);
  await begin('targets');
  return users;
}

const NOTES = [
  'Settled in well; shares a room with two girls of her age and joined the morning English class.',
  'Complained of headaches at night. Taken to the health centre; no illness found. Counselling twice a week.',
  'Mother called from Poipet. She wants to visit at Khmer New Year. Family assessment to be planned.',
  'Started grade 6 at the local primary school. Teacher reports good attendance.',
  'Met the CCWC focal person about safety in the home village before any family visit.',
];

function demoChild(
  random: () => number,
  org: DemoOrganisation,
  villages: readonly string[],
  today: string,
  n: number,
): NewCase {
  const sex: Sex = random() < 0.62 ? 'female' : 'male';
  const [familyKm, familyLatin] = pick(random, FAMILY_NAMES);
  const [givenKm, givenLatin] = pick(random, GIVEN_NAMES[sex]);
  const caseTypes = [pick(random, org.caseTypes)];
  if (random() < 0.25) {
    const second = pick(random, org.caseTypes);
    if (!caseTypes.includes(second)) caseTypes.push(second);
  }
  const [source, sourceName] = pick(random, org.sources);
  const referredOn = daysBefore(today, 20 + Math.floor(random() * 900));
  const age = 6 + Math.floor(random() * 12);
  const knowsBirthDate = random() < 0.55;
  return {
    familyNameKm: familyKm,
    givenNameKm: givenKm,
    familyNameLatin: familyLatin,
    givenNameLatin: givenLatin,
    alias: `${sex === 'female' ? 'Girl' : 'Boy'} ${org.casePrefix}-${String(n + 1).padStart(2, '0')}`,
    sex,
    ...(knowsBirthDate
      ? { dateOfBirth: daysBefore(referredOn, age * 365 + Math.floor(random() * 300)), dateOfBirthEstimated: false }
      : { estimatedAge: age, dateOfBirthEstimated: true }),
    caseTypes,
    childType: CHILD_TYPE_FOR_CASE_TYPE[caseTypes[0] ?? 'NC'],
    referral: { source, sourceName, referredOn, reason: undefined },
    villageCode: villages.length > 0 ? pick(random, villages) : undefined,
  };
}
