import {
  ageOn,
  can,
  caseSectionsSchema,
  khmerName,
  latinName,
  referralOverdue,
  type Access,
  type ServiceReferral,
} from '@homeward/core';
import type { ReferralRow } from './referrals.repository';

/** Both scripts, as a worker reads them on the phone: "Sok Dara · សុខ ដារា". */
function childName(row: ReferralRow): string | null {
  const names = {
    familyNameKm: row.family_name_km,
    givenNameKm: row.given_name_km,
    familyNameLatin: row.family_name_latin,
    givenNameLatin: row.given_name_latin,
  };
  const both = [latinName(names), khmerName(names)].filter(Boolean);
  return both.length > 0 ? both.join(' · ') : null;
}

const dateOrNull = (value: string | null) => (value ? String(value) : null);

/**
 * A referral as one reader sees it. The child's name travels only when the sender shared identity, the reader's
 * own tiers open it, and the referral is still open (sent or accepted): a declined, withdrawn or finished
 * referral keeps the case number and alias, never who the child is.
 */
export function referralView(
  row: ReferralRow,
  reader: { organisationId: string; userId?: string; access: Pick<Access, 'tiers'> & Partial<Pick<Access, 'scope'>> },
  today: string,
  reminder: { normalDays: number; urgentDays: number },
): ServiceReferral {
  const sections = caseSectionsSchema.parse(row.sections);
  const isSender = row.sender_organisation_id === reader.organisationId;
  // Waiting: whoever may answer needs to know who the child is; accepted: those who work on it.
  const open =
    row.status === 'sent' ||
    (row.status === 'accepted' &&
      (reader.access.scope === undefined ||
        reader.access.scope === 'organisation' ||
        row.assigned_worker_id === reader.userId));
  const nameShown = (isSender || (open && sections.includes('identity'))) && reader.access.tiers.identity !== 'none';
  const sentOn = String(row.sent_on);
  // The note, reasons and feedback are accounts of the child: hidden from roles without the narrative tier.
  const narrative = (value: string | null) => (reader.access.tiers.narrative === 'none' ? null : value);
  return {
    id: row.id,
    caseId: row.case_id,
    caseNumber: row.case_number,
    sender: { id: row.sender_organisation_id, name: row.sender_name },
    receiver: { id: row.receiver_organisation_id, name: row.receiver_name },
    services: row.services as ServiceReferral['services'],
    urgency: row.urgency,
    note: narrative(row.note),
    sections,
    consentBasis: row.consent_basis,
    overrideReason: isSender ? narrative(row.override_reason) : null,
    overrideByName: isSender ? row.override_by_name : null,
    status: row.status,
    sentOn,
    sentByName: row.sent_by_name,
    answeredOn: dateOrNull(row.answered_on),
    answeredByName: row.answered_by_name,
    declineReason: narrative(row.decline_reason),
    withdrawnOn: dateOrNull(row.withdrawn_on),
    withdrawReason: narrative(row.withdraw_reason),
    doneOn: dateOrNull(row.done_on),
    feedback: narrative(row.feedback),
    assignedWorkerName: row.worker_name,
    receiverCaseId: row.receiver_organisation_id === reader.organisationId || isSender ? row.receiver_case_id : null,
    overdue: referralOverdue({ status: row.status, urgency: row.urgency, sentOn }, today, reminder),
    child: {
      sex: row.sex as ServiceReferral['child']['sex'],
      age: row.date_of_birth ? ageOn(String(row.date_of_birth), today) : null,
      alias: row.alias,
      name: nameShown ? childName(row) : null,
      caseTypes: row.case_types,
      identity: nameShown
        ? {
            familyNameKm: row.family_name_km,
            givenNameKm: row.given_name_km,
            familyNameLatin: row.family_name_latin,
            givenNameLatin: row.given_name_latin,
            dateOfBirth: row.date_of_birth ? String(row.date_of_birth) : null,
            dateOfBirthEstimated: row.date_of_birth_estimated,
            villageCode: reader.access.tiers.location === 'none' ? null : row.village_code,
          }
        : null,
    },
  };
}

/** Whether the reader may choose another worker than themselves for an accepted referral. */
export const mayAssign = (access: Access) => can(access, 'case.assign');
