import { describe, expect, it } from 'vitest';
import { CASE_TYPES, CHILD_TYPES, REFERRAL_SOURCES, RISK_LEVELS, SEXES } from '../src/codes/case-codes';
import { ROLES } from '../src/access/roles';
import { CASE_EVENT_TYPES } from '../src/cases/case-events';
import { CASE_STATUSES } from '../src/cases/case-projection';
import { resources } from '../src/locales/index';
import { LANGUAGES, NAMESPACES } from '../src/locales/languages';
import { loadTranslations } from '../src/locales/load-translations';
import { DIRECTORY_KINDS } from '../src/directory/directory.schema';
import { AUDIT_ACTIONS, auditActionKey } from '../src/records/audit-actions';

type Tree = { [key: string]: string | Tree };

function keysOf(tree: Tree, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([key, value]) =>
    typeof value === 'string' ? [`${prefix}${key}`] : keysOf(value, `${prefix}${key}.`),
  );
}

function valueAt(tree: Tree, path: string): string | undefined {
  let node: string | Tree | undefined = tree;
  for (const part of path.split('.')) node = typeof node === 'object' ? node[part] : undefined;
  return typeof node === 'string' ? node : undefined;
}

describe('translations', () => {
  const namespaces = Object.keys(resources.en) as (keyof typeof resources.en)[];

  it('has the same keys in Khmer and English, none empty', () => {
    for (const namespace of namespaces) {
      const en = keysOf(resources.en[namespace]).sort();
      const km = keysOf(resources.km[namespace]).sort();
      expect(km, `namespace ${namespace}`).toEqual(en);
      for (const key of km)
        expect(valueAt(resources.km[namespace] as Tree, key)?.trim(), `km ${namespace}:${key}`).toBeTruthy();
    }
  });

  it('writes the Khmer translations in Khmer script', () => {
    for (const namespace of namespaces) {
      for (const key of keysOf(resources.km[namespace])) {
        const value = valueAt(resources.km[namespace], key) ?? '';
        // Placeholders, codes and product names may stay Latin; any real sentence must not.
        const words = value
          .replace(/\{\{[^}]+\}\}/g, '')
          .replace(/\b(Homeward|DoSVY|MoSVY|[A-Z]{2,5}|NGO|IOM|CCWC)\b/g, '');
        if (/[a-z]{4,}/i.test(words)) expect(value, `km ${namespace}:${key}`).toMatch(/[\u1780-\u17FF]/);
      }
    }
  });

  it('labels every code in both languages', () => {
    const lists: [string, readonly string[]][] = [
      ['caseType', CASE_TYPES],
      ['sex', SEXES],
      ['referralSource', REFERRAL_SOURCES],
      ['childType', CHILD_TYPES],
      ['riskLevel', RISK_LEVELS],
      ['role', ROLES],
      ['eventType', CASE_EVENT_TYPES],
      ['caseStatus', CASE_STATUSES],
      ['directoryKind', DIRECTORY_KINDS],
    ];
    for (const language of ['en', 'km'] as const) {
      for (const [list, codes] of lists) {
        for (const code of codes) {
          expect(
            valueAt(resources[language].codes as Tree, `${list}.${code}`),
            `${language} codes:${list}.${code}`,
          ).toBeTruthy();
        }
      }
    }
  });

  it('labels every audit action in both languages, so the audit log never shows a raw code', () => {
    for (const language of ['en', 'km'] as const) {
      for (const action of AUDIT_ACTIONS) {
        const key = auditActionKey(action).replace('records:', '');
        expect(valueAt(resources[language].records as Tree, key), `${language} ${action}`).toBeTruthy();
      }
    }
  });
});

describe('translations loaded one namespace at a time (the browser)', () => {
  it('gives, for every language and namespace, the same strings as the server holds', async () => {
    for (const language of LANGUAGES) {
      expect(Object.keys(resources[language])).toEqual([...NAMESPACES]);
      for (const namespace of NAMESPACES) {
        expect(await loadTranslations(language, namespace)).toEqual(resources[language][namespace]);
      }
    }
  });
});
