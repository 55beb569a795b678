import type { CaseDetail, NewCase } from '../cases/case.schema';
import { birthDateOf } from '../cases/case-rules';
import type { ReplicaOwner } from './replica';

/**
 * The number a case made offline shows until the server gives it one: `P-` and the first eight hex digits of
 * its id. Never sent: the server numbers cases in its own series, and the device replaces this one with that.
 * Eight digits keep two intakes of one device apart (a clash needs some 65,000 of them); the `P-` says "not yet
 * a case number" in both scripts.
 */
export function provisionalCaseNumber(caseId: string): string {
  return `P-${caseId.replace(/-/g, '').slice(0, 8).toUpperCase()}`;
}

export function isProvisionalNumber(caseNumber: string): boolean {
  return /^P-[0-9A-F]{8}$/.test(caseNumber);
}

/**
 * A new intake as the device shows it before the server has it: the case as `GET /cases/{id}` would return it,
 * with the provisional number (or the server's, once given), version 0 and no field versions yet.
 */
export function provisionalCase(
  caseId: string,
  body: NewCase,
  owner: ReplicaOwner,
  madeAt: string,
  caseNumber: string = provisionalCaseNumber(caseId),
): CaseDetail {
  const birth = birthDateOf(body);
  return {
    id: caseId,
    caseNumber,
    organisationId: owner.organisationId,
    familyNameKm: body.familyNameKm ?? null,
    givenNameKm: body.givenNameKm ?? null,
    familyNameLatin: body.familyNameLatin ?? null,
    givenNameLatin: body.givenNameLatin ?? null,
    alias: body.alias ?? null,
    sex: body.sex,
    dateOfBirth: birth.dateOfBirth,
    dateOfBirthEstimated: birth.estimated,
    caseTypes: body.caseTypes,
    status: 'active',
    riskLevel: body.riskLevel ?? null,
    openedOn: body.referral.referredOn,
    villageCode: body.villageCode ?? null,
    assignedWorkerId: owner.userId,
    version: 0,
    nationality: null,
    childType: body.childType ?? null,
    referral: {
      source: body.referral.source,
      referredOn: body.referral.referredOn,
      ...(body.referral.sourceName ? { sourceName: body.referral.sourceName } : {}),
      ...(body.referral.reason ? { reason: body.referral.reason } : {}),
    },
    assignedWorkerName: owner.userName,
    createdAt: madeAt,
    fieldVersions: {},
    reach: { kind: 'lead' },
  };
}
