import { CASE_TYPES, REFERRAL_SOURCES, REPORT_CASE_TYPES, SEXES } from '../codes/case-codes';
import {
  CARE_TYPES,
  FAMILY_VISIT_KINDS,
  GRADES,
  LIFE_SKILLS_TOPICS,
  REINTEGRATION_DESTINATIONS,
  SCHOOL_OR_WORK,
  SERVICE_KINDS,
  SERVICE_PROVIDERS,
  SKILLS,
} from '../codes/care-codes';
import { CASE_STATUSES } from '../cases/case-projection';
import type { ReportDimension, ReportMeasure, ReportSource } from './report-definition.schema';

/**
 * The dimension catalogue: where each dimension's headings come from and which sources have it. Headings of
 * a code list are all its codes, so a table shows its zeros; headings of a `data` dimension (an organisation,
 * a partner's name) are the values found.
 */
export type HeadingSource =
  | { kind: 'codes'; codes: readonly string[]; namespace: 'codes' | 'reports'; group: string }
  | { kind: 'months' }
  | { kind: 'quarters' }
  | { kind: 'age_bands' }
  | { kind: 'data' };

const codes = (list: readonly string[], group: string, namespace: 'codes' | 'reports' = 'codes'): HeadingSource => ({
  kind: 'codes',
  codes: list,
  namespace,
  group,
});

export const DAY_BANDS = ['0-7', '8-30', '31-90', '91+', 'not_yet'] as const;
export const COMPLIANCE_STATES = ['due', 'done', 'overdue', 'lost_contact'] as const;
export const PROGRESS_STATES = ['in_care', 'reintegrated'] as const;
export const LIVING_CONDITIONS = ['good', 'not_good'] as const;

export const DIMENSION_HEADINGS: Record<ReportDimension, HeadingSource> = {
  case_type: codes(CASE_TYPES, 'caseType'),
  case_type_group: codes([...REPORT_CASE_TYPES, 'other'], 'caseType'),
  sex: codes(SEXES, 'sex'),
  age_band: { kind: 'age_bands' },
  month: { kind: 'months' },
  quarter: { kind: 'quarters' },
  province: { kind: 'data' },
  organisation: { kind: 'data' },
  facility: { kind: 'data' },
  care_type: codes(CARE_TYPES, 'careType'),
  service_kind: codes(SERVICE_KINDS, 'serviceKind'),
  service_provider: codes(SERVICE_PROVIDERS, 'serviceProvider'),
  partner: { kind: 'data' },
  grade: codes(GRADES, 'grade'),
  skill: codes(SKILLS, 'skill'),
  topic: codes(LIFE_SKILLS_TOPICS, 'lifeSkillsTopic'),
  referral_source: codes(REFERRAL_SOURCES, 'referralSource'),
  referral_body: { kind: 'data' },
  destination: codes(REINTEGRATION_DESTINATIONS, 'destination'),
  visit_kind: codes(FAMILY_VISIT_KINDS, 'familyVisitKind'),
  living_conditions: codes(LIVING_CONDITIONS, 'livingConditions', 'reports'),
  school_or_work: codes(SCHOOL_OR_WORK, 'schoolOrWork'),
  worker: { kind: 'data' },
  status: codes(CASE_STATUSES, 'caseStatus'),
  compliance: codes(COMPLIANCE_STATES, 'compliance', 'reports'),
  progress: codes(PROGRESS_STATES, 'progress', 'reports'),
  days_to_assessment: codes(DAY_BANDS, 'dayBand', 'reports'),
  days_to_care_plan: codes(DAY_BANDS, 'dayBand', 'reports'),
};

/** What every fact knows through its case. */
const CASE_DIMENSIONS: readonly ReportDimension[] = [
  'case_type',
  'case_type_group',
  'sex',
  'age_band',
  'month',
  'quarter',
  'province',
  'organisation',
  'referral_source',
  'referral_body',
  'worker',
  'status',
];

const timeliness: ReportDimension[] = ['days_to_assessment', 'days_to_care_plan'];

export const SOURCE_DIMENSIONS: Record<ReportSource, readonly ReportDimension[]> = {
  referral: [...CASE_DIMENSIONS, ...timeliness],
  residence: [...CASE_DIMENSIONS, 'facility', 'care_type'],
  service: [...CASE_DIMENSIONS, 'service_kind', 'service_provider', 'partner'],
  education: [...CASE_DIMENSIONS, 'grade'],
  vocational_training: [...CASE_DIMENSIONS, 'skill'],
  group_session: [...CASE_DIMENSIONS, 'topic'],
  family_assessment: CASE_DIMENSIONS,
  family_visit: [...CASE_DIMENSIONS, 'visit_kind'],
  reintegration: [...CASE_DIMENSIONS, 'destination', 'facility', 'care_type'],
  follow_up: [...CASE_DIMENSIONS, 'living_conditions', 'school_or_work'],
  follow_up_case: [...CASE_DIMENSIONS, 'compliance'],
  open_case: [...CASE_DIMENSIONS, ...timeliness],
  care_cohort: [...CASE_DIMENSIONS, 'facility', 'care_type', 'progress', 'destination'],
  // The receiving organisation is the row's partner.
  partner_referral: [...CASE_DIMENSIONS, 'partner'],
};

export function measureFits(source: ReportSource, measure: ReportMeasure): boolean {
  return source === 'group_session' || (measure !== 'sessions' && measure !== 'participants');
}

/** The key of a fact whose dimension has no value (a case without a village has no province). */
export const NO_VALUE = 'none';

/** The key of the row of the case types a report does not list one by one. */
export const OTHER_CASE_TYPES = 'other';

/** Dimensions of which one case (or event) can take several values at once: its rows can add up past the total. */
export const MULTI_VALUED_DIMENSIONS: readonly ReportDimension[] = ['case_type', 'case_type_group'];

/**
 * Care in which a child lives in a facility rather than a family: the shelter's residents, and the children
 * the alternative-care policy aims to return to families. Group homes and independent living are destinations.
 */
export const RESIDENTIAL_CARE_TYPES = [
  'residential_care',
  'shelter',
  'transit_centre',
  'pagoda',
  'boarding_school',
] as const;
