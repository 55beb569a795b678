import type { MatchReason } from '@homeward/core';

export interface ReasonText {
  key: string;
  params?: Record<string, number>;
  /** Whether the fact speaks for the same child, or against. */
  tone: 'agree' | 'differ';
}

const DAYS_PER_YEAR = 365.25;

/** A match reason as a short phrase for a chip; null for facts that cannot be compared (not recorded). */
export function reasonText(reason: MatchReason): ReasonText | null {
  const base = 'oversight:duplicates.reasons';
  switch (reason.kind) {
    case 'name': {
      if (reason.detail === 'unknown') return null;
      if (reason.detail === 'different') return { key: `${base}.nameDifferent`, tone: 'differ' };
      if (reason.viaAlias) {
        return { key: `${base}.${reason.detail === 'same-phonetic' ? 'aliasSame' : 'aliasSimilar'}`, tone: 'agree' };
      }
      if (reason.detail === 'swapped-order') return { key: `${base}.nameSwapped`, tone: 'agree' };
      const scripts = reason.scripts === 'khmer' ? 'Khmer' : reason.scripts === 'latin' ? 'Latin' : 'Across';
      const how = reason.detail === 'same-phonetic' ? 'nameSame' : 'nameSimilar';
      return { key: `${base}.${how}${scripts}`, tone: 'agree' };
    }
    case 'birth': {
      const days = reason.days ?? 0;
      switch (reason.detail) {
        case 'unknown':
          return null;
        case 'same':
          return { key: `${base}.${reason.estimated ? 'birthSameEstimated' : 'birthSame'}`, tone: 'agree' };
        case 'within-tolerance':
          if (reason.typo) return { key: `${base}.birthTypo.${reason.typo}`, tone: 'agree' };
          return reason.estimated
            ? {
                key: `${base}.birthWithinYears`,
                params: { count: Math.max(1, Math.ceil(days / DAYS_PER_YEAR)) },
                tone: 'agree',
              }
            : { key: `${base}.birthWithinDays`, params: { count: days }, tone: 'agree' };
        case 'far':
          return {
            key: `${base}.birthFar`,
            params: { count: Math.max(1, Math.round(days / DAYS_PER_YEAR)) },
            tone: 'differ',
          };
      }
      break;
    }
    case 'sex':
      if (reason.same === null) return null;
      return reason.same ? { key: `${base}.sexSame`, tone: 'agree' } : { key: `${base}.sexDifferent`, tone: 'differ' };
    case 'place':
      switch (reason.detail) {
        case 'unknown':
          return null;
        case 'different':
          return { key: `${base}.placeDifferent`, tone: 'differ' };
        case 'same-village':
          return { key: `${base}.sameVillage`, tone: 'agree' };
        case 'same-commune':
          return { key: `${base}.sameCommune`, tone: 'agree' };
        case 'same-district':
          return { key: `${base}.sameDistrict`, tone: 'agree' };
        case 'same-province':
          return { key: `${base}.sameProvince`, tone: 'agree' };
      }
  }
  return null;
}
