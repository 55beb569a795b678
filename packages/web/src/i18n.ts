import i18next, { type BackendModule } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { LANGUAGES, NAMESPACES, loadTranslations, type Language, type Namespace } from '@homeward/core';

const STORAGE_KEY = 'homeward.lang';

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

function storedLanguage(): Language {
  try {
    const stored = localStorage.getItem(STORAGE_KEY);
    return isLanguage(stored) ? stored : 'en';
  } catch {
    // Storage can be disabled (private mode, locked-down tablets); the default language still works.
    return 'en';
  }
}

export const i18n = i18next.createInstance();

const initialLanguage = storedLanguage();

// Strings come one namespace of one language at a time, each its own chunk: the sign-in screen needs two.
const fromCore: BackendModule = {
  type: 'backend',
  init: () => {},
  read: (language, namespace, done) => {
    loadTranslations(language as Language, namespace as Namespace).then(
      (strings) => done(null, strings),
      (error: unknown) => done(error instanceof Error ? error : new Error(String(error)), false),
    );
  },
};

/** What the screens before signing in (setup, sign-in, second factor) show. */
const PUBLIC_NAMESPACES: Namespace[] = ['common', 'account'];

/** Resolves once the public screens' strings are there; render after it. */
export const i18nReady = i18n
  .use(fromCore)
  .use(initReactI18next)
  .init({
    lng: initialLanguage,
    // A test keeps every key in both languages, so a Khmer reader never needs the English file as well.
    fallbackLng: false,
    supportedLngs: [...LANGUAGES],
    ns: PUBLIC_NAMESPACES,
    defaultNS: 'common',
    // React escapes what it renders; escaping here too would show &amp; in names.
    interpolation: { escapeValue: false },
  });

/**
 * Every other namespace, before any signed-in screen renders (the menu alone names five). A later change of
 * language loads them all in the new language before the screen switches.
 */
export async function loadAllNamespaces(): Promise<void> {
  await i18nReady;
  await i18n.loadNamespaces([...NAMESPACES]);
}

document.documentElement.lang = initialLanguage;

i18n.on('languageChanged', (language) => {
  // Screen readers pick their voice, and the browser its line-breaking rules, from <html lang>.
  document.documentElement.lang = language;
  try {
    localStorage.setItem(STORAGE_KEY, language);
  } catch {
    // The choice then lasts only for this visit.
  }
});

export function currentLanguage(): Language {
  return isLanguage(i18n.resolvedLanguage) ? i18n.resolvedLanguage : 'en';
}
