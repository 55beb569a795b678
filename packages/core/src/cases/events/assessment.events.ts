import { z } from 'zod';
import { RISK_LEVELS } from '../../codes/case-codes';
import { CSI_DOMAINS, FAMILY_CONCLUSIONS, FAMILY_DOMAINS, READINESS } from '../../codes/care-codes';
import { optionalText, requiredText, score, uniqueBy } from './fields';

export const csiAssessment = z.object({
  scores: z
    .array(
      z.object({
        domain: z.enum(CSI_DOMAINS),
        score,
        reason: requiredText('Say why this score.', 1000),
      }),
    )
    .min(1, { message: 'Score at least one domain.' })
    .superRefine(uniqueBy((entry) => entry.domain, 'This domain is scored twice.')),
  summary: optionalText(),
});

export const familyAssessment = z.object({
  /** Who was assessed: the family the child may return to. */
  familyMemberIds: z.array(z.uuid()).default([]),
  scores: z
    .array(z.object({ domain: z.enum(FAMILY_DOMAINS), score, comment: optionalText(1000) }))
    .min(1, { message: 'Score at least one item.' })
    .superRefine(uniqueBy((entry) => entry.domain, 'This item is scored twice.')),
  conclusion: z.enum(FAMILY_CONCLUSIONS),
  summary: optionalText(),
});

export const riskAssessment = z.object({
  riskLevel: z.enum(RISK_LEVELS),
  concerns: optionalText(),
  childPerspective: optionalText(),
});

export const readinessAssessment = z.object({
  readiness: z.enum(READINESS),
  summary: requiredText('Summarise the assessment.'),
});
