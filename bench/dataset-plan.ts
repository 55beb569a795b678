import { CHILD_TYPE_FOR_CASE_TYPE, childrenOf, type CaseType, type ReferralSource } from '@homeward/core';

/**
 * The shape of the benchmark's world, in the proportions of the demo (packages/server/src/demo): NGOs in several
 * provinces, each with caseworkers, a supervisor, a shelter and a group home; a provincial Department of Social
 * Affairs and the national ministry, which see every organisation's cases in their province or the country.
 */
export const BENCH_TODAY = '2026-11-20';
/** Cases are opened from here to 20 days before "today": about seven years of work. */
export const FIRST_REFERRAL = '2020-01-01';
/** The quarter every report is run for. */
export const BENCH_PERIOD = { from: '2026-07-01', to: '2026-09-30' } as const;
/** The department's province (Siem Reap, as in the demo). */
export const DEPARTMENT_PROVINCE = '17';

const PROVINCES = ['01', '02', '03', '12', '14', '17', '18', '20', '21', '22'];

/** Referral bodies by the kind of source, as the demo's organisations name them. */
const SOURCES: [ReferralSource, string][] = [
  ['transit_centre', 'Poipet Transit Centre'],
  ['police', 'Anti-Human Trafficking Police'],
  ['ngo', 'IOM Cambodia'],
  ['outreach', 'Street outreach team'],
  ['community', 'Village chief'],
  ['government', 'DoSVY'],
  ['community', 'CCWC'],
  ['family', 'Mother'],
];

const CASE_TYPE_MIXES: CaseType[][] = [
  ['TL', 'RC', 'NC', 'ST', 'BEG', 'LE'],
  ['DV', 'SA', 'NC', 'TL', 'ST', 'RC', 'SW'],
];

export interface BenchOrganisation {
  no: number;
  name: string;
  prefix: string;
  provinceCode: string;
  /** Where its children come from: its own province and the next one. */
  villages: string[];
  caseTypes: CaseType[];
  childTypes: string[];
  sources: [ReferralSource, string][];
}

function villagesOf(provinceCode: string): string[] {
  const villages: string[] = [];
  const walk = (code: string): void => {
    const below = childrenOf(code);
    if (below.length === 0) {
      if (code.length === 8) villages.push(code);
    } else for (const place of below) walk(place.code);
  };
  walk(provinceCode);
  return villages;
}

/** One NGO per 5,000 cases (at least ten, one per province; at most forty, four per province). */
export function benchOrganisations(cases: number): BenchOrganisation[] {
  const count = Math.max(PROVINCES.length, Math.min(40, Math.round(cases / 5000)));
  const villages = new Map(PROVINCES.map((code) => [code, villagesOf(code)]));
  return Array.from({ length: count }, (_, no) => {
    const provinceCode = PROVINCES[no % PROVINCES.length] as string;
    const neighbour = PROVINCES[(no + 1) % PROVINCES.length] as string;
    const caseTypes = CASE_TYPE_MIXES[no % CASE_TYPE_MIXES.length] as CaseType[];
    return {
      no,
      name: `Bench NGO ${no + 1}`,
      prefix: `BN${no + 1}`,
      provinceCode,
      villages: [...(villages.get(provinceCode) ?? []), ...(villages.get(neighbour) ?? [])],
      caseTypes,
      childTypes: caseTypes.map((type) => CHILD_TYPE_FOR_CASE_TYPE[type]),
      sources: SOURCES.filter((_, i) => (i + no) % 3 !== 0),
    };
  });
}
