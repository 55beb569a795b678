import { translations, type NotificationKind } from '@homeward/core';

type Strings = Record<string, unknown>;

function stringAt(strings: Strings, path: string): string {
  const value = path.split('.').reduce<unknown>((node, key) => (node as Strings | undefined)?.[key], strings);
  if (typeof value !== 'string') throw new Error(`No notification string ${path}.`);
  return value;
}

function fill(text: string, values: Record<string, string>): string {
  return text.replace(/\{\{\s*(\w+)\s*\}\}/g, (_match, key: string) => values[key] ?? '');
}

/**
 * The e-mail about one notice, in the recipient's language: only what kind of thing waits and a link to Homeward.
 * It names no child and no case number: a mailbox is read on phones and shared computers, outside Homeward's
 * access checks.
 */
export function noticeMail(kind: NotificationKind, locale: string, publicUrl: string | undefined) {
  const strings = translations[locale === 'km' ? 'km' : 'en'].notifications as Strings;
  const what = stringAt(strings, `short.${kind}`);
  const lines = [
    fill(stringAt(strings, 'email.intro'), { what }),
    '',
    publicUrl
      ? fill(stringAt(strings, 'email.link'), { link: `${publicUrl}/waiting` })
      : stringAt(strings, 'email.noLink'),
    '',
    stringAt(strings, 'email.why'),
  ];
  return { subject: stringAt(strings, 'email.subject'), text: `${lines.join('\n')}\n` };
}
