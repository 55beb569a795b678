import { z } from 'zod';

/** Free text a person writes: trimmed, bounded, and empty treated as absent. */
export const optionalText = (max = 4000) =>
  z
    .string()
    .trim()
    .max(max, { message: `At most ${max} characters.` })
    .optional()
    .transform((value) => (value === '' ? undefined : value));

export const requiredText = (message: string, max = 4000) =>
  z
    .string()
    .trim()
    .min(1, { message })
    .max(max, { message: `At most ${max} characters.` });

/** A score on the 1 (weak) to 4 (very good) scale of the CSI and the MoSVY forms. */
export const score = z
  .number()
  .int()
  .min(1, { message: 'A score is from 1 to 4.' })
  .max(4, { message: 'A score is from 1 to 4.' });

export function uniqueBy<T>(key: (item: T) => string, message: string) {
  return (items: T[], ctx: z.RefinementCtx) => {
    const seen = new Set<string>();
    items.forEach((item, index) => {
      const value = key(item);
      if (seen.has(value)) ctx.addIssue({ code: 'custom', path: [index], message });
      seen.add(value);
    });
  };
}
