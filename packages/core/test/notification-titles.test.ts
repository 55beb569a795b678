import { describe, expect, it } from 'vitest';
import {
  LANGUAGES,
  NOTIFICATION_KINDS,
  NOTIFICATION_KIND_NAMES,
  notificationPayloadSchema,
  translations,
} from '../src';

function stringAt(strings: object, path: string): unknown {
  return path.split('.').reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], strings);
}

const placeholders = (text: string) => [...text.matchAll(/\{\{\s*([^}\s,]+)[^}]*\}\}/g)].map((match) => match[1]);

describe('notification titles', () => {
  for (const language of LANGUAGES) {
    const strings = translations[language].notifications;
    for (const kind of NOTIFICATION_KIND_NAMES) {
      it(`${language} ${kind}: a title naming the case by its number only, and a short line naming nothing`, () => {
        const title = stringAt(strings, `kinds.${kind}`);
        const short = stringAt(strings, `short.${kind}`);
        expect(typeof title).toBe('string');
        expect(typeof short).toBe('string');
        // Only the case number may be put into a title; the e-mail's line takes nothing at all.
        expect(placeholders(title as string)).toEqual(NOTIFICATION_KINDS[kind].case ? ['caseNumber'] : []);
        expect(placeholders(short as string)).toEqual([]);
      });
    }
  }
});

describe('notification payloads', () => {
  const id = '0b6f8e8e-64a5-4b55-9a53-1f0cc8a9f2a1';
  it('requires the case for a kind about one case', () => {
    expect(notificationPayloadSchema.safeParse({ kind: 'referral.received', subjectId: id }).success).toBe(false);
    expect(notificationPayloadSchema.safeParse({ kind: 'referral.received', subjectId: id, caseId: id }).success).toBe(
      true,
    );
  });
  it('takes no case for a handover plan, and refuses an unknown kind', () => {
    expect(notificationPayloadSchema.safeParse({ kind: 'handover.waiting', subjectId: id, caseId: id }).success).toBe(
      false,
    );
    expect(notificationPayloadSchema.safeParse({ kind: 'handover.waiting', subjectId: id }).success).toBe(true);
    expect(notificationPayloadSchema.safeParse({ kind: 'case.deleted', subjectId: id, caseId: id }).success).toBe(
      false,
    );
  });
});
