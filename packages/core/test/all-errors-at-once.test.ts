import { describe, expect, it } from 'vitest';
import { passwordChangeSchema, setupSchema } from '../src/auth/auth.schema';
import { newUserSchema } from '../src/account/user-admin.schema';
import { newCaseSchema } from '../src/cases/case.schema';
import { groupIntakeSchema } from '../src/cases/group-intake.schema';
import { auditQuerySchema } from '../src/records/audit.schema';

function fieldsAtFault(schema: { safeParse: (input: unknown) => { error?: { issues: { path: PropertyKey[] }[] } } }) {
  return (input: unknown) => (schema.safeParse(input).error?.issues ?? []).map((issue) => issue.path.join('.'));
}

// A person filling a form hears every error on the first submit, the checks across fields included.
describe('a schema reports every invalid field at once', () => {
  it('new case: the name and birth checks come with the field errors', () => {
    expect(
      fieldsAtFault(newCaseSchema)({ caseTypes: [], referral: { source: 'police', referredOn: '2026-13-40' } }).sort(),
    ).toEqual(['caseTypes', 'dateOfBirth', 'givenNameKm', 'referral.referredOn', 'sex']);
  });

  it('new case: a check across fields stays quiet while a field it reads is itself wrong', () => {
    expect(
      fieldsAtFault(newCaseSchema)({
        givenNameLatin: 'Dara',
        sex: 'female',
        dateOfBirth: 'yesterday',
        caseTypes: ['TL'],
        referral: { source: 'police', referredOn: '2026-10-02' },
      }),
    ).toEqual(['dateOfBirth']);
  });

  it('group intake: each child’s identity checks run beside the group’s field errors', () => {
    expect(
      fieldsAtFault(groupIntakeSchema)({
        referral: { source: 'police', referredOn: '2026-10-02' },
        caseTypes: [],
        children: [{ sex: 'male' }],
      }).sort(),
    ).toEqual(['caseTypes', 'children.0.dateOfBirth', 'children.0.givenNameKm']);
  });

  it('setup and new user: the password-is-email check comes with the other errors', () => {
    const same = { email: 'dara@example.org', password: 'dara@example.org' };
    expect(fieldsAtFault(setupSchema)({ ...same, organisationName: '', adminName: '' }).sort()).toEqual([
      'adminName',
      'organisationName',
      'password',
    ]);
    expect(fieldsAtFault(newUserSchema)({ ...same, displayName: '', roles: [] })).toContain('password');
  });

  it('password change and audit query: the cross-field check runs with a field error elsewhere', () => {
    expect(
      fieldsAtFault(passwordChangeSchema)({ currentPassword: 'correct horse 12', newPassword: 'correct horse 12' }),
    ).toEqual(['newPassword']);
    expect(
      fieldsAtFault(auditQuerySchema)({ from: '2026-03-01', to: '2026-02-01', action: 'NOT AN ACTION' }).sort(),
    ).toEqual(['action', 'to']);
  });
});
