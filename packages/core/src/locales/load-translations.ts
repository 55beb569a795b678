import type { Language, Namespace } from './languages';

type Strings = Record<string, unknown>;

/**
 * The sign-in screen's strings, named one by one: a pattern import (below) puts a line for every file of every
 * language into the script that holds it, and every namespace added after sign-in would grow the sign-in screen.
 */
const BEFORE_SIGN_IN: Partial<Record<`${Language}/${Namespace}`, () => Promise<{ default: Strings }>>> = {
  'en/common': () => import('./en/common.json'),
  'km/common': () => import('./km/common.json'),
  'en/account': () => import('./en/account.json'),
  'km/account': () => import('./km/account.json'),
};

/**
 * One namespace of one language, read on demand: the browser bundles each file as its own chunk, so the
 * sign-in screen downloads the few words it shows in the reader's language only, not both languages' all.
 */
export async function loadTranslations(language: Language, namespace: Namespace): Promise<Strings> {
  const early = BEFORE_SIGN_IN[`${language}/${namespace}`];
  if (early) return (await early()).default;
  const { loadSignedInTranslations } = await import('./load-signed-in-translations');
  return loadSignedInTranslations(language, namespace);
}
