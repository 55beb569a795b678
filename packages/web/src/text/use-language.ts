import { useTranslation } from 'react-i18next';
import type { Language } from '@homeward/core';
import { isLanguage } from '../i18n';

/** The language on screen, re-rendering the caller when it changes. */
export function useLanguage(): Language {
  const { i18n } = useTranslation();
  return isLanguage(i18n.resolvedLanguage) ? i18n.resolvedLanguage : 'en';
}
