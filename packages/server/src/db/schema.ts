import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
/** A timestamp the database fills in when it is not given. */
type DefaultedTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null, Date | string | null>;
type OptionalTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
/** Dates are read as `YYYY-MM-DD` strings (see the type parsers in database.ts), never as local-time Dates. */
type CalendarDate = ColumnType<string, string, string>;

export interface OrganisationTable {
  id: string;
  name: string;
  kind: 'ngo' | 'government' | 'service_provider';
  province_code: string | null;
  case_prefix: string;
  case_counter: Generated<number>;
  case_settings: ColumnType<Record<string, unknown>, string | undefined, string>;
  access_policy: ColumnType<Record<string, unknown>, string | undefined, string>;
  require_two_factor: Generated<boolean>;
  retention_settings: ColumnType<Record<string, unknown>, string | undefined, string>;
  /** The services it offers, so that a sender can find it (issue 10). */
  services: ColumnType<string[], string[] | undefined, string[]>;
  created_at: DefaultedTimestamp;
}

export interface AppUserTable {
  id: string;
  organisation_id: string;
  email: string;
  display_name: string;
  password_hash: string;
  roles: string[];
  locale: Generated<string>;
  disabled_at: NullableTimestamp;
  failed_logins: Generated<number>;
  locked_until: NullableTimestamp;
  lock_count: Generated<number>;
  last_login_at: NullableTimestamp;
  team: ColumnType<string | null, string | null | undefined, string | null>;
  facility_id: ColumnType<string | null, string | null | undefined, string | null>;
  /** Sealed with the stored-data key (AES-GCM): `keyId.iv.tag.content`, base64url. */
  totp_secret: ColumnType<string | null, string | null | undefined, string | null>;
  /** Generated at the start of enrolment, kept until the first code confirms it. */
  totp_pending_secret: ColumnType<string | null, string | null | undefined, string | null>;
  totp_enrolled_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  /** The last 30-second step a code was accepted for: a code is refused in the step it was used, or earlier. */
  totp_last_step: ColumnType<number | null, number | null | undefined, number | null>;
  created_at: DefaultedTimestamp;
}

export interface RecoveryCodeTable {
  id: string;
  user_id: string;
  code_hash: string;
  used_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}

/** Between a right password and the second factor: a short-lived, single-use token kept as a hash. */
export interface LoginChallengeTable {
  id: string;
  user_id: string;
  expires_at: Timestamp;
  ip: string | null;
  user_agent: string | null;
}

export interface UserSessionTable {
  id: string;
  user_id: string;
  csrf_token: string;
  created_at: DefaultedTimestamp;
  last_seen_at: DefaultedTimestamp;
  expires_at: Timestamp;
  ip: string | null;
  user_agent: string | null;
}

export interface ChildCaseTable {
  id: string;
  organisation_id: string;
  case_number: string;
  family_name_km: string | null;
  given_name_km: string | null;
  family_name_latin: string | null;
  given_name_latin: string | null;
  alias: string | null;
  sex: string;
  date_of_birth: CalendarDate;
  date_of_birth_estimated: boolean;
  village_code: string | null;
  nationality: ColumnType<string | null, string | null | undefined, string | null>;
  child_type: string | null;
  case_types: string[];
  referral: ColumnType<unknown, string, string>;
  search_key: string;
  /** Names as the duplicate matcher keys them, Khmer romanised: search across scripts. */
  romanised_key: ColumnType<string | null, string | undefined, string>;
  status: string;
  risk_level: string | null;
  opened_on: CalendarDate;
  last_event_on: CalendarDate;
  assigned_worker_id: string | null;
  current_care_type: ColumnType<string | null, string | null | undefined, string | null>;
  current_facility_id: ColumnType<string | null, string | null | undefined, string | null>;
  placed_since: ColumnType<string | null, string | null | undefined, string | null>;
  reintegrated_on: ColumnType<string | null, string | null | undefined, string | null>;
  closed_on: ColumnType<string | null, string | null | undefined, string | null>;
  next_follow_up_on: ColumnType<string | null, string | null | undefined, string | null>;
  has_assessment: Generated<boolean>;
  care_plan_review_on: ColumnType<string | null, string | null | undefined, string | null>;
  care_plan_approved: ColumnType<boolean | null, boolean | null | undefined, boolean | null>;
  pending_approvals: Generated<number>;
  /** Shared by the cases linked or merged as one child (the smallest id among them); null for a case on its own. */
  child_key: ColumnType<string | null, string | null | undefined, string | null>;
  /** Raised by the database on every update of the row (migration 2026-12-06T0500). */
  version: Generated<number>;
  /** The version of each correctable field, by the name the API uses; a missing field is at 0. */
  field_versions: ColumnType<Record<string, number>, string | undefined, string>;
  /** When a retention rule replaced the child's identity by the alias. */
  pseudonymised_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  created_by: string | null;
  created_at: DefaultedTimestamp;
  updated_at: DefaultedTimestamp;
  /** A hash of the client's request that made the row; none when the server made it (see the migration). */
  request_digest: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface CaseEventTable {
  seq: Generated<number>;
  id: string;
  case_id: string;
  organisation_id: string;
  type: string;
  occurred_on: CalendarDate;
  recorded_at: DefaultedTimestamp;
  author_id: string | null;
  supersedes: ColumnType<string | null, string | null | undefined, string | null>;
  payload: ColumnType<Record<string, unknown>, string, string>;
  /** A hash of the client's request that made the row; none when the server made it (see the migration). */
  request_digest: ColumnType<string | null, string | null | undefined, string | null>;
  /** Where an imported event was written: the sender's organisation, author and installation (decision 0012). */
  origin: ColumnType<EventOrigin | null, string | null | undefined, string | null>;
}

export interface EventOrigin {
  organisation: string;
  author: string | null;
  installation: string;
  fingerprint: string;
  eventId: string;
  recordedAt: string;
}

/** This installation's long-lived keys (decision 0012); private keys sealed like other stored secrets. */
export interface InstallationIdentityTable {
  id: 'this';
  signing_key: string;
  signing_private: string;
  agreement_key: string;
  agreement_private: string;
  fingerprint: string;
  created_at: DefaultedTimestamp;
}

export interface PartnerInstallationTable {
  id: string;
  organisation_id: string;
  name: string;
  fingerprint: string;
  signing_key: string;
  agreement_key: string;
  added_by: string | null;
  created_at: DefaultedTimestamp;
}

export interface ImportedCaseTable {
  organisation_id: string;
  sender_fingerprint: string;
  source_case_id: string;
  source_case_number: string;
  sender_organisation: string;
  case_id: string;
  bundle_id: string;
  imported_by: string | null;
  imported_at: DefaultedTimestamp;
}

export interface FacilityTable {
  id: string;
  organisation_id: string;
  name: string;
  care_type: string;
  village_code: string | null;
  capacity: number;
  status: string;
  created_at: DefaultedTimestamp;
}

export interface GroupActivityTable {
  id: string;
  organisation_id: string;
  topic: string;
  title: string | null;
  occurred_on: CalendarDate;
  facilitator_id: string | null;
  created_at: DefaultedTimestamp;
  /** A hash of the client's request that made the row; none when the server made it (see the migration). */
  request_digest: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: Timestamp;
  user_id: string | null;
  organisation_id: string | null;
  roles: string | null;
  action: string;
  case_id: string | null;
  detail: ColumnType<Record<string, unknown>, string, string>;
  ip: string | null;
  prev_hash: string;
  hash: string;
}

export interface AttachmentTable {
  id: string;
  organisation_id: string;
  case_id: string;
  kind: string;
  title: string;
  file_name: string;
  media_type: string;
  size: number;
  key_id: string;
  iv: Buffer;
  auth_tag: Buffer;
  content: Buffer;
  uploaded_by: string | null;
  created_at: DefaultedTimestamp;
  /** For a file added offline: the SHA-256 of the bytes as the device sent them (decision 0020). */
  sent_sha256: Generated<string | null>;
}

export interface TaskTable {
  id: string;
  organisation_id: string;
  case_id: string;
  assigned_to: string;
  assigned_by: string | null;
  title: string;
  due_on: CalendarDate;
  done_on: ColumnType<string | null, string | null | undefined, string | null>;
  created_at: DefaultedTimestamp;
}

export interface DirectoryEntryTable {
  id: string;
  organisation_id: string;
  name: string;
  kind: string;
  province_code: string | null;
  phone: string | null;
  created_at: DefaultedTimestamp;
}

/** Another organisation's part in a case: its role and the sections it reads (decision 0010). */
export interface CaseParticipantTable {
  id: string;
  case_id: string;
  organisation_id: string;
  role: 'service_provider' | 'department' | 'former_lead';
  sections: string[];
  via: 'referral' | 'handover' | 'transfer';
  /** The referral or transfer that began it, when one did. */
  source_id: string | null;
  note: string | null;
  assigned_worker_id: string | null;
  granted_by: string | null;
  started_on: string;
  ended_on: ColumnType<string | null, string | null | undefined, string | null>;
  created_at: DefaultedTimestamp;
}

// Handover (issue 10 point 4)
/** An office's caseload handover: drafted, submitted, approved by its manager, then worked by the receivers. */
export interface HandoverPlanTable {
  id: string;
  organisation_id: string;
  name: string;
  reason: string;
  status: ColumnType<
    'draft' | 'submitted' | 'approved' | 'in_progress' | 'completed',
    'draft' | undefined,
    'draft' | 'submitted' | 'approved' | 'in_progress' | 'completed'
  >;
  users_to_disable: ColumnType<string[], string[] | undefined, string[]>;
  created_by: string;
  created_at: DefaultedTimestamp;
  submitted_by: string | null;
  submitted_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  approved_by: string | null;
  approved_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  completed_by: string | null;
  completed_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  request_digest: string | null;
}

/** One case of a handover plan: its receiver, how it is handed over, and where that stands. */
export interface HandoverItemTable {
  id: string;
  plan_id: string;
  case_id: string;
  kind: 'direct' | 'remote';
  receiver_id: string | null;
  type: 'transfer' | 'referral' | 'close_as_stable' | 'to_authorities' | null;
  note: string | null;
  sections: ColumnType<string[], string[] | undefined, string[]>;
  status: ColumnType<
    'waiting' | 'accepted' | 'declined' | 'done',
    'waiting' | undefined,
    'waiting' | 'accepted' | 'declined' | 'done'
  >;
  decline_reason: string | null;
  decided_by: string | null;
  decided_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  position: number;
}

/** A case number the case had under an earlier lead, kept after a transfer. */
export interface CaseReferenceTable {
  case_id: string;
  organisation_id: string;
  case_number: string;
  until_on: string;
  created_at: DefaultedTimestamp;
}

/** A transfer of the lead of a case to another organisation (issue 10 point 2). */
export interface CaseTransferTable {
  id: string;
  case_id: string;
  from_organisation_id: string;
  to_organisation_id: string;
  reason: string;
  note: string | null;
  sections_kept: string[];
  status: 'offered' | 'accepted' | 'declined' | 'withdrawn';
  sender_case_number: string;
  receiver_case_number: string | null;
  offered_on: string;
  offered_by: string | null;
  decided_on: string | null;
  decided_by: string | null;
  decline_reason: string | null;
  decline_note: string | null;
  accepted_worker_id: string | null;
  /** The offer's request, so the same offer sent again is a retry (client-ids). */
  request_digest: string | null;
  /** The decision's request (accept, decline, withdraw), so the same decision sent again is a retry. */
  decision_digest: string | null;
  created_at: DefaultedTimestamp;
}

/** A referral for a service to another organisation (decision 0010), each step with its date and actor. */
export interface ReferralTable {
  id: string;
  case_id: string;
  sender_organisation_id: string;
  receiver_organisation_id: string;
  services: string[];
  urgency: 'normal' | 'urgent';
  note: string | null;
  sections: string[];
  consent_basis: 'given' | 'recorded_now' | 'override' | null;
  override_by: string | null;
  override_reason: string | null;
  status: 'sent' | 'accepted' | 'declined' | 'withdrawn' | 'done';
  sent_on: CalendarDate;
  sent_by: string | null;
  answered_on: ColumnType<string | null, string | null | undefined, string | null>;
  answered_by: ColumnType<string | null, string | null | undefined, string | null>;
  decline_reason: ColumnType<string | null, string | null | undefined, string | null>;
  withdrawn_on: ColumnType<string | null, string | null | undefined, string | null>;
  withdrawn_by: ColumnType<string | null, string | null | undefined, string | null>;
  withdraw_reason: ColumnType<string | null, string | null | undefined, string | null>;
  done_on: ColumnType<string | null, string | null | undefined, string | null>;
  done_by: ColumnType<string | null, string | null | undefined, string | null>;
  feedback: ColumnType<string | null, string | null | undefined, string | null>;
  assigned_worker_id: ColumnType<string | null, string | null | undefined, string | null>;
  receiver_case_id: ColumnType<string | null, string | null | undefined, string | null>;
  request_digest: string | null;
  created_at: DefaultedTimestamp;
}

export interface SavedReportTable {
  id: string;
  organisation_id: string;
  name: string;
  definition: ColumnType<Record<string, unknown>, string, string>;
  created_by: string | null;
  created_at: DefaultedTimestamp;
}

/** A stay in one placement, derived from the case's events (reports/care-stays.repository.ts). */
export interface CareStayTable {
  /** The placement that starts the stay, or the restored contact that resumes it. */
  placement_id: string;
  case_id: string;
  organisation_id: string;
  care_type: string;
  facility_id: string | null;
  start_on: CalendarDate;
  /** The day of the next placement, reintegration, closure, merge or loss of contact; null while it lasts. */
  end_on: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface IndicatorTargetTable {
  id: string;
  organisation_id: string;
  indicator: string;
  breakdown_key: string | null;
  period_from: CalendarDate;
  period_to: CalendarDate;
  baseline_on: ColumnType<string | null, string | null | undefined, string | null>;
  value: number;
  note: string;
  created_by: string | null;
  updated_at: DefaultedTimestamp;
}

/** Something waiting for one user (notifications/notifications.repository.ts). */
export interface NotificationTable {
  id: string;
  recipient_id: string;
  organisation_id: string;
  kind: string;
  case_id: string | null;
  subject_id: string;
  /** Tells apart two notices of the same kind about the same subject (a reminder's day); '' for most. */
  occasion: ColumnType<string, string | undefined, string>;
  created_at: DefaultedTimestamp;
  read_at: NullableTimestamp;
}

/** A notice still to e-mail, or e-mailed (sent_at). */
export interface EmailOutboxTable {
  id: string;
  notification_id: string;
  attempts: Generated<number>;
  next_attempt_at: DefaultedTimestamp;
  last_error: ColumnType<string | null, string | null | undefined, string | null>;
  sent_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  created_at: DefaultedTimestamp;
}

/** A phone, laptop or shelter hub that keeps cases offline (issue 11). */
export interface DeviceTable {
  id: string;
  organisation_id: string;
  user_id: string;
  kind: 'browser' | 'hub';
  name: string;
  registered_at: DefaultedTimestamp;
  last_sync_at: OptionalTimestamp;
  revoked_at: OptionalTimestamp;
  revoked_by: ColumnType<string | null, string | null | undefined, string | null>;
  /** A hub's token, hashed (SHA-256): a hub authenticates with it instead of a session (decision 0019). */
  token_hash: ColumnType<string | null, string | null | undefined, string | null>;
}

/**
 * A browser device's second key for its store, released to its user over the session that asked for it
 * (decision 0017): sealed with the stored-data key, deleted with the session or when the device is revoked.
 */
export interface DeviceSessionKeyTable {
  device_id: string;
  session_id: string;
  sealed_key: string;
  created_at: DefaultedTimestamp;
}

/** A case a device said it holds at its last pull, for the administrator's list. */
export interface DeviceCaseTable {
  device_id: string;
  case_id: string;
}

/** A case a user keeps offline beyond those assigned to her. */
export interface OfflineMarkTable {
  user_id: string;
  case_id: string;
  marked_at: DefaultedTimestamp;
}

/** An offline operation kept instead of applied: a conflict, or a refusal on arrival (decision 0013). */
export interface SyncHeldTable {
  /** The operation's own id (`opId`). */
  id: string;
  organisation_id: string;
  device_id: string | null;
  user_id: string | null;
  case_id: string | null;
  kind: 'conflict' | 'attention';
  status: 'open' | 'reapplied' | 'resolved' | 'discarded';
  reason: string;
  message: string;
  operation: ColumnType<Record<string, unknown>, string, string>;
  conflicts: ColumnType<Record<string, unknown>[], string | undefined, string>;
  /** The device's time, as the device gave it. */
  made_at: string;
  received_at: DefaultedTimestamp;
  resolved_by: ColumnType<string | null, string | null | undefined, string | null>;
  resolved_at: OptionalTimestamp;
  resolution_note: ColumnType<string | null, string | null | undefined, string | null>;
}

/** An offline audit entry already written, by its operation id, so a retried push writes it once. */
export interface SyncAuditOpTable {
  id: string;
  organisation_id: string;
  device_id: string;
  received_at: DefaultedTimestamp;
}

/** A file sent ahead of its `attachment` operation, sealed, until the operation is applied or discarded. */
export interface SyncFileTable {
  organisation_id: string;
  id: string;
  sha256: string;
  device_id: string;
  user_id: string | null;
  size: number;
  key_id: string;
  iv: Buffer;
  auth_tag: Buffer;
  content: Buffer;
  received_at: DefaultedTimestamp;
}

/** At a hub: its link to the organisation's central server; the token sealed with the stored-data key. */
export interface HubLinkTable {
  id: 'this';
  central_url: string;
  device_id: string;
  organisation_id: string;
  token: string;
  linked_at: DefaultedTimestamp;
}

/** At a hub: what it holds of each case in the central server's terms (its event seq and case version). */
export interface HubCaseMarkTable {
  case_id: string;
  seq: number;
  version: number;
}

/** At a hub: a record the central server has, because it sent it or answered its push. */
export interface HubKnownTable {
  id: string;
  status: 'central' | 'applied' | 'conflict' | 'attention';
  known_at: DefaultedTimestamp;
}

/** At a hub: one sync round with the central server, for the operator. Never a child's name. */
export interface HubRoundTable {
  id: Generated<number>;
  started_at: Date;
  finished_at: DefaultedTimestamp;
  outcome: 'done' | 'failed';
  pushed: number;
  held: ColumnType<{ opId: string; kind: string; reason: string; caseNumber: string | null }[], string, string>;
  pulled_cases: number;
  pulled_events: number;
  error: string | null;
}

export interface Database {
  organisation: OrganisationTable;
  app_user: AppUserTable;
  user_session: UserSessionTable;
  child_case: ChildCaseTable;
  case_event: CaseEventTable;
  audit_log: AuditLogTable;
  facility: FacilityTable;
  group_activity: GroupActivityTable;
  attachment: AttachmentTable;
  task: TaskTable;
  directory_entry: DirectoryEntryTable;
  case_participant: CaseParticipantTable;
  case_reference: CaseReferenceTable;
  case_transfer: CaseTransferTable;
  // Handover (issue 10 point 4)
  handover_plan: HandoverPlanTable;
  handover_item: HandoverItemTable;
  referral: ReferralTable;
  saved_report: SavedReportTable;
  care_stay: CareStayTable;
  recovery_code: RecoveryCodeTable;
  login_challenge: LoginChallengeTable;
  indicator_target: IndicatorTargetTable;
  notification: NotificationTable;
  email_outbox: EmailOutboxTable;
  installation_identity: InstallationIdentityTable;
  partner_installation: PartnerInstallationTable;
  imported_case: ImportedCaseTable;
  // Offline sync (issue 11)
  device: DeviceTable;
  device_case: DeviceCaseTable;
  device_session_key: DeviceSessionKeyTable;
  offline_mark: OfflineMarkTable;
  sync_held: SyncHeldTable;
  sync_audit_op: SyncAuditOpTable;
  sync_file: SyncFileTable;
  // A shelter's own server as a hub (issue 11 point 7)
  hub_link: HubLinkTable;
  hub_case_mark: HubCaseMarkTable;
  hub_known: HubKnownTable;
  hub_round: HubRoundTable;
}

export type UserRow = Selectable<AppUserTable>;
export type CaseRow = Selectable<ChildCaseTable>;
export type NewCaseRow = Insertable<ChildCaseTable>;
export type CaseEventRow = Selectable<CaseEventTable>;
