import { describe, expect, it } from 'vitest';
import { can, PERMISSIONS, ROLES } from '../src/access/roles';

describe('role permissions', () => {
  it('denies by default: a user with no roles may do nothing', () => {
    for (const permission of PERMISSIONS) expect(can([], permission)).toBe(false);
  });

  it('lets caseworkers open and write cases, and keeps government officers to statistics', () => {
    expect(can(['caseworker'], 'case.create')).toBe(true);
    expect(can(['caregiver'], 'case.create')).toBe(false);
    expect(can(['government_officer'], 'case.read')).toBe(false);
    expect(can(['government_officer'], 'report.read')).toBe(true);
    expect(can(['system_admin'], 'case.read')).toBe(false);
  });

  it('gives every role at least one permission', () => {
    for (const role of ROLES) expect(PERMISSIONS.some((permission) => can([role], permission))).toBe(true);
  });
});
