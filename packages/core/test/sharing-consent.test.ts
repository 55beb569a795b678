import { describe, expect, it } from 'vitest';
import { sharingConsentCovers } from '../src/cases/sharing-consent';

const B = '00000000-0000-4000-8000-00000000000b';
const C = '00000000-0000-4000-8000-00000000000c';
let seq = 0;
const consent = (action: 'given' | 'withdrawn', sharedWith?: 'any' | string[], scope = 'sharing') => ({
  id: `e${++seq}`,
  type: 'consent',
  payload: { scope, action, ...(sharedWith ? { sharedWith } : {}) },
  supersedes: null,
});

describe('whose sharing a consent covers', () => {
  it('reads a consent that names nobody (recorded before receivers were named) as any partner', () => {
    expect(sharingConsentCovers([consent('given')], B)).toBe(true);
    expect(sharingConsentCovers([consent('given')], null)).toBe(true);
  });

  it('covers only the organisations named, and not "any partner"', () => {
    const events = [consent('given', [B])];
    expect(sharingConsentCovers(events, B)).toBe(true);
    expect(sharingConsentCovers(events, C)).toBe(false);
    expect(sharingConsentCovers(events, null)).toBe(false);
  });

  it('takes back what a withdrawal names, or everything', () => {
    expect(sharingConsentCovers([consent('given', 'any'), consent('withdrawn', [C])], C)).toBe(false);
    expect(sharingConsentCovers([consent('given', 'any'), consent('withdrawn', [C])], B)).toBe(true);
    expect(sharingConsentCovers([consent('given', [B]), consent('withdrawn')], B)).toBe(false);
  });

  it('ignores other scopes and corrected consents', () => {
    const corrected = consent('given', 'any');
    const correction = { ...consent('withdrawn', 'any'), supersedes: corrected.id };
    expect(sharingConsentCovers([consent('given', 'any', 'photos')], B)).toBe(false);
    expect(sharingConsentCovers([corrected, correction], B)).toBe(false);
  });
});
