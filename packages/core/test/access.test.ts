import { describe, expect, it } from 'vitest';
import { eventPayloadSchemas } from '../src/cases/case-events';
import {
  PLAIN_FIELDS,
  redactCase,
  redactPayload,
  TIER_OF_FIELD,
  tiersRefusedForWrite,
} from '../src/access/field-tiers';
import {
  accessFor,
  can,
  DEFAULT_POLICY,
  effectivePolicy,
  NO_ACCESS,
  policyAdjustmentProblems,
  policyAdjustmentsSchema,
} from '../src/access/policy';
import { PERMISSIONS, ROLES } from '../src/access/roles';

describe('the access policy', () => {
  it('denies by default: a user with no roles may do nothing and sees no tier', () => {
    const access = accessFor([]);
    expect(access).toEqual(NO_ACCESS);
    for (const permission of PERMISSIONS) expect(can(access, permission)).toBe(false);
  });

  it('lets caseworkers open and write cases, and keeps government officers to reading referred cases', () => {
    expect(can(accessFor(['caseworker']), 'case.create')).toBe(true);
    expect(can(accessFor(['caregiver']), 'case.create')).toBe(false);
    expect(can(accessFor(['government_officer']), 'case.write')).toBe(false);
    expect(accessFor(['government_officer']).scope).toBe('referred');
    expect(can(accessFor(['system_admin']), 'case.read')).toBe(false);
  });

  it('gives every role at least one permission', () => {
    for (const role of ROLES) expect(DEFAULT_POLICY[role].permissions.length).toBeGreaterThan(0);
  });

  it('combines roles: the union of permissions, the widest scope, the highest tier level', () => {
    const access = accessFor(['caregiver', 'me_officer']);
    expect(can(access, 'report.read')).toBe(true);
    expect(access.scope).toBe('organisation');
    expect(access.tiers.identity).toBe('read');
    expect(access.tiers.narrative).toBe('none');
  });

  it('applies an organisation’s adjustments over the default', () => {
    const adjustments = policyAdjustmentsSchema.parse({
      caregiver: { grant: ['case.write'], tiers: { narrative: 'read' } },
      caseworker: { revoke: ['attachment.read'], scope: 'assigned' },
    });
    const policy = effectivePolicy(adjustments);
    expect(policy.caregiver.permissions).toContain('case.write');
    expect(policy.caregiver.tiers).toMatchObject({ narrative: 'read', identity: 'read', location: 'none' });
    expect(policy.caseworker.permissions).not.toContain('attachment.read');
    expect(policy.caseworker.scope).toBe('assigned');
    expect(policy.supervisor).toEqual(DEFAULT_POLICY.supervisor);
  });

  it('refuses adjustments that lock administrators out or let a department write an NGO’s cases', () => {
    const problems = policyAdjustmentProblems(
      policyAdjustmentsSchema.parse({
        org_admin: { revoke: ['policy.manage', 'case.delete'] },
        government_officer: { grant: ['case.write'], tiers: { identity: 'write' } },
      }),
    );
    expect(problems).toEqual([
      'org_admin.revoke.policy.manage',
      'government_officer.grant.case.write',
      'government_officer.tiers.identity',
    ]);
  });
});

describe('field sensitivity tiers', () => {
  const caregiver = accessFor(['caregiver']);
  const meOfficer = accessFor(['me_officer']);

  it('hides the account of the abuse from a caregiver, keeping the codes and dates', () => {
    const { value, hidden } = redactPayload(
      {
        riskLevel: 'high',
        concerns: 'Sold by an aunt to a karaoke bar',
        scores: [{ domain: 'safety', score: 1, reason: 'Threats by the trafficker' }],
      },
      caregiver,
    );
    expect(value).toEqual({ riskLevel: 'high', scores: [{ domain: 'safety', score: 1 }] });
    expect(hidden).toEqual(['narrative']);
  });

  it('gives an M&E officer the case number and alias, never the names, birth date or village', () => {
    const row = {
      caseNumber: 'TL-2026-0001',
      alias: 'Rose',
      givenNameKm: 'សុភា',
      familyNameLatin: 'Sok',
      dateOfBirth: '2012-03-04',
      villageCode: '17010101',
      referral: { source: 'police', reason: 'Found at the border' },
    };
    const seen = redactCase(row, meOfficer);
    expect(seen).toMatchObject({ caseNumber: 'TL-2026-0001', alias: 'Rose', givenNameKm: null, dateOfBirth: null });
    expect(seen.villageCode).toBeNull();
    expect(seen.referral).toEqual({ source: 'police' });
    expect(seen.hidden).toEqual(['identity', 'narrative', 'location']);
  });

  it('refuses a write to a tier the user may only read', () => {
    const government = accessFor(['government_officer']);
    expect(tiersRefusedForWrite({ text: 'A note' }, government)).toEqual(['narrative']);
    expect(tiersRefusedForWrite({ scores: [{ domain: 'safety', score: 2 }] }, government)).toEqual([]);
    expect(tiersRefusedForWrite({ text: 'A note' }, accessFor(['caseworker']))).toEqual([]);
  });

  it('classifies every free-text field of every event, so no new field is shown to all by oversight', () => {
    const unclassified: string[] = [];
    const walk = (schema: unknown, key: string, event: string) => {
      const def = (schema as { _zod?: { def: Record<string, unknown> } })._zod?.def;
      if (!def) return;
      const type = def.type as string;
      if (type === 'object') {
        for (const [name, child] of Object.entries(def.shape as Record<string, unknown>)) walk(child, name, event);
      } else if (['optional', 'nullable', 'default', 'prefault', 'readonly'].includes(type)) {
        walk(def.innerType, key, event);
      } else if (type === 'pipe') walk(def.in, key, event);
      else if (type === 'array') walk(def.element, key, event);
      else if (type === 'union') for (const option of def.options as unknown[]) walk(option, key, event);
      else if (type === 'string' && !def.format && !(key in TIER_OF_FIELD) && !PLAIN_FIELDS.includes(key)) {
        unclassified.push(`${event}.${key}`);
      }
    };
    for (const [event, schema] of Object.entries(eventPayloadSchemas)) walk(schema, '', event);
    expect(unclassified).toEqual([]);
  });
});
