import type { Language, Namespace } from './languages';

type Strings = Record<string, unknown>;

/**
 * One namespace of one language, read on demand: the browser bundles each file as its own chunk, so the
 * sign-in screen downloads the few words it shows in the reader's language only, not both languages' all.
 */
export async function loadTranslations(language: Language, namespace: Namespace): Promise<Strings> {
  const module = (await import(`./${language}/${namespace}.json`)) as { default: Strings };
  return module.default;
}
