import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { LANGUAGES, translations, type Language } from '@homeward/core';

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

void i18n.use(initReactI18next).init({
  resources: translations,
  lng: initialLanguage,
  fallbackLng: 'en',
  supportedLngs: [...LANGUAGES],
  ns: Object.keys(translations.en),
  defaultNS: 'common',
  // React escapes what it renders; escaping here too would show &amp; in names.
  interpolation: { escapeValue: false },
  // Resources are bundled, so the first render can already be translated.
  initAsync: false,
});

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
