/** The roles of Homeward's users. A user holds one or more, within one organisation. */
export const ROLES = [
  'caseworker',
  'caregiver',
  'supervisor',
  'me_officer',
  'org_admin',
  'government_officer',
  'system_admin',
] as const;
export type Role = (typeof ROLES)[number];

export const PERMISSIONS = [
  'case.read',
  'case.create',
  'case.write',
  'case.approve',
  'case.assign',
  /** Offer a case to another organisation to lead, and accept or decline one offered to this organisation. */
  'case.transfer',
  /** Export a child's whole file (for the child, or a court). */
  'case.export',
  /** Delete a case, with a reason, audited. */
  'case.delete',
  /** See who read and changed a case. */
  'case.access_log',
  'attachment.read',
  'facility.manage',
  'user.manage',
  /** Adjust what the organisation's roles may do. */
  'policy.manage',
  /** Search the organisation's audit log. */
  'audit.read',
  /** Preview and run the retention rules. */
  'retention.manage',
  'report.read',
  /** Save and share reports within the organisation. */
  'report.manage',
  'target.manage',
  /** Trust partner installations and import the case files they send (decision 0012). */
  'installation.manage',
  // Handover (issue 10 point 4): plan an office's caseload handover, approve it, receive what it hands over.
  'handover.manage',
  'handover.approve',
  'handover.receive',
  /** See the organisation's devices and the cases each holds offline, and revoke a device (issue 11). */
  'device.manage',
] as const;
export type Permission = (typeof PERMISSIONS)[number];
