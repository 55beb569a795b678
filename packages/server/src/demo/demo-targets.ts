import type { TargetInput } from '@homeward/core';
import type { Kysely } from 'kysely';
import type { Actor } from '../auth/actor';
import type { Database } from '../db/schema';
import { createTarget } from '../targets/targets.service';

/**
 * A shelter's plan after the CCPCR report's planned referrals, Damnok Toek's group homes and the provincial
 * alternative-care plans: this year's referrals and moves, and a two-year return to families.
 */
function shelterPlan(year: string): TargetInput[] {
  const period = { periodFrom: `${year}-01-01`, periodTo: `${year}-12-31` };
  const lastYear = String(Number(year) - 1);
  return [
    { indicator: 'referrals', breakdownKey: 'NC', ...period, value: 5, note: 'Annual plan' },
    { indicator: 'moved_to_group_home_or_independent_living', ...period, value: 2 },
    {
      indicator: 'returned_to_family',
      periodFrom: `${lastYear}-01-01`,
      periodTo: `${year}-12-31`,
      baselineOn: `${lastYear}-01-01`,
      value: 30,
    },
  ];
}

/** Siem Reap's alternative-care plan: 30 % of the children in residential care back with families. */
function provincePlan(year: string): TargetInput[] {
  const period = { periodFrom: `${year}-01-01`, periodTo: `${year}-12-31` };
  return [
    {
      indicator: 'returned_to_family',
      ...period,
      baselineOn: period.periodFrom,
      value: 30,
      note: 'Provincial alternative-care plan',
    },
  ];
}

export async function loadDemoTargets(db: Kysely<Database>, today: string, shelter: Actor, department: Actor) {
  const year = today.slice(0, 4);
  for (const target of shelterPlan(year)) await createTarget(db, shelter, target);
  for (const target of provincePlan(year)) await createTarget(db, department, target);
}
