import { CSI_DOMAINS, CSI_GROUPS, FAMILY_DOMAINS } from '@homeward/core';
import type { ScoreRow } from '../form-parts.component';
import type { FormText } from '../form-text';
import type { MosvyCase } from '../mosvy-data';

/** Every CSI domain in its group, with the latest assessment's score and reason where it scored the domain. */
export function childStatusRows(data: MosvyCase, { code }: FormText): ScoreRow[] {
  const scores = new Map((data.csi?.payload.scores ?? []).map((entry) => [entry.domain, entry]));
  const groupOf = new Map<string, string>();
  for (const [group, domains] of Object.entries(CSI_GROUPS)) {
    const first = domains[0];
    if (first) groupOf.set(first, group);
  }
  return CSI_DOMAINS.map((domain) => {
    const entry = scores.get(domain);
    const group = groupOf.get(domain);
    return {
      key: domain,
      label: code('csiDomain', domain),
      score: entry?.score,
      comment: entry?.reason,
      group: group ? code('csiGroup', group) : undefined,
    };
  });
}

/** Every family status item of Form 2, with the latest family assessment's scores and comments. */
export function familyStatusRows(data: MosvyCase, { code }: FormText): ScoreRow[] {
  const scores = new Map((data.family?.payload.scores ?? []).map((entry) => [entry.domain, entry]));
  return FAMILY_DOMAINS.map((domain) => {
    const entry = scores.get(domain);
    return { key: domain, label: code('familyDomain', domain), score: entry?.score, comment: entry?.comment };
  });
}
