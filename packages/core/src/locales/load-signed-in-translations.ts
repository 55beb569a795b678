import type { Language, Namespace } from './languages';

/** Any namespace, by pattern: loaded only after sign-in, so the list of files stays off the sign-in screen. */
export async function loadSignedInTranslations(
  language: Language,
  namespace: Namespace,
): Promise<Record<string, unknown>> {
  const module = (await import(`./${language}/${namespace}.json`)) as { default: Record<string, unknown> };
  return module.default;
}
