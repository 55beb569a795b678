import { createContext, useContext, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { khmerDigits, type Language } from '@homeward/core';
import { formatDate } from '../text/dates';

/** A code's value made readable when no label exists yet in either language ("birth_family" → "Birth family"). */
function humanise(code: string): string {
  const words = code.replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export interface FormText {
  /** The language the form is printed in, which need not be the language of the screen. */
  lang: Language;
  /** A label from the `mosvy` namespace, in the form's language. */
  t: (key: string, options?: Record<string, unknown>) => string;
  /** A code's label from the `codes` namespace (`code('careType', 'kinship')`), in the form's language. */
  code: (list: string, value: string) => string;
  /** A calendar date as the form writes it: "16 Oct 2026", "១៦ តុលា ២០២៦". */
  date: (isoDate: string | null) => string;
  /** A number in the form's digits. */
  num: (value: number | string) => string;
  /** "Label: " with the language's own colon (Khmer writes ៖). */
  labelled: (label: string) => string;
}

export function useFormTextFor(lang: Language): FormText {
  const { i18n } = useTranslation();
  return useMemo(() => {
    const mosvy = i18n.getFixedT(lang, 'mosvy');
    const codes = i18n.getFixedT(lang, 'codes');
    const num = (value: number | string) => (lang === 'km' ? khmerDigits(String(value)) : String(value));
    return {
      lang,
      t: (key, options) => mosvy(key, options ?? {}),
      code: (list, value) => codes(`${list}.${value}`, { defaultValue: humanise(value) }),
      date: (isoDate) => num(formatDate(isoDate, lang)),
      num,
      labelled: (label) => `${label}${lang === 'km' ? '៖' : ':'} `,
    };
  }, [i18n, lang]);
}

export const FormTextContext = createContext<FormText | null>(null);

/** The form's language and labels, for every part inside a printed form. */
export function useFormText(): FormText {
  const text = useContext(FormTextContext);
  if (!text) throw new Error('useFormText() used outside a MoSVY form.');
  return text;
}
