import type { core } from 'zod';

/**
 * When a check across fields runs: as soon as the fields it reads are valid, even if other fields are not.
 * Zod skips an object's refinements once any of its fields fails, so a form would hear "enter a name" only
 * after fixing the sex and the case type; a person filling a form wants every error at once.
 */
export function onceValid(...fields: readonly string[]): { when: (payload: core.ParsePayload) => boolean } {
  return {
    when: (payload) =>
      typeof payload.value === 'object' &&
      payload.value !== null &&
      !payload.issues.some(({ path = [] }) => path.length === 0 || fields.includes(String(path[0]))),
  };
}
