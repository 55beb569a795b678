/**
 * Code lists for the life of a case after intake. Labels are in the `codes` translation namespace under the
 * list's name (e.g. `careType.kinship`).
 */

export const CONSENT_SCOPES = ['services', 'sharing', 'photos', 'statistics'] as const;
export type ConsentScope = (typeof CONSENT_SCOPES)[number];
export const CONSENT_GIVERS = ['child', 'guardian', 'child_and_guardian'] as const;

export const INTERVIEWEES = ['child', 'parent', 'guardian', 'carer', 'other'] as const;
export type Interviewee = (typeof INTERVIEWEES)[number];

/** Child Status Index: 12 domains in 6 groups, each scored 1 (weak) to 4 (very good). */
export const CSI_DOMAINS = [
  'food_security',
  'nutrition_growth',
  'shelter',
  'care',
  'abuse_exploitation',
  'legal_protection',
  'wellness',
  'health_care',
  'emotional_health',
  'social_behaviour',
  'performance',
  'education_work',
] as const;
export type CsiDomain = (typeof CSI_DOMAINS)[number];
export const CSI_GROUPS: Record<string, readonly CsiDomain[]> = {
  food_nutrition: ['food_security', 'nutrition_growth'],
  shelter_care: ['shelter', 'care'],
  protection: ['abuse_exploitation', 'legal_protection'],
  health: ['wellness', 'health_care'],
  psychosocial: ['emotional_health', 'social_behaviour'],
  education: ['performance', 'education_work'],
};

/** MoSVY Form 2 family status items. */
export const FAMILY_DOMAINS = [
  'protection_care',
  'attachment',
  'physical_health',
  'mental_health',
  'willingness_to_improve',
  'livelihood',
  'education_knowledge',
  'resources',
  'relatives_support',
  'community_support',
] as const;
export const FAMILY_CONCLUSIONS = ['can_reintegrate', 'cannot_reintegrate', 'continue_case', 'close_case'] as const;
export const READINESS = ['ready', 'not_yet', 'not_suitable'] as const;

/** Forms of care (Policy on Alternative Care, MoSVY Form 4). */
export const CARE_TYPES = [
  'birth_family',
  'kinship',
  'foster',
  'domestic_adoption',
  'group_home',
  'pagoda',
  'residential_care',
  'transit_centre',
  'shelter',
  'boarding_school',
  'independent_living',
] as const;
export type CareType = (typeof CARE_TYPES)[number];
/** Care types that are a facility with a capacity, rather than a family. */
export const FACILITY_CARE_TYPES: readonly CareType[] = [
  'group_home',
  'pagoda',
  'residential_care',
  'transit_centre',
  'shelter',
  'boarding_school',
  'independent_living',
];

export const SERVICE_KINDS = [
  'basic_needs',
  'counselling',
  'medical_care',
  'hospitalisation',
  'legal_aid',
  'psychological_therapy',
  'scholarship',
  'job_placement',
  'other',
] as const;
export const SERVICE_PROVIDERS = ['in_house', 'partner'] as const;

export const GRADES = [
  'pre_school',
  'grade_1',
  'grade_2',
  'grade_3',
  'grade_4',
  'grade_5',
  'grade_6',
  'grade_7',
  'grade_8',
  'grade_9',
  'grade_10',
  'grade_11',
  'grade_12',
  'non_formal',
  'university',
] as const;

export const SKILLS = [
  'sewing',
  'weaving',
  'hairdressing',
  'beauty',
  'computer',
  'hospitality',
  'cooking',
  'mechanics',
  'agriculture',
  'other',
] as const;
export const TRAINING_OUTCOMES = ['employed', 'self_employed', 'further_study', 'not_working', 'unknown'] as const;

export const LIFE_SKILLS_TOPICS = [
  'reproductive_health',
  'hygiene',
  'budgeting',
  'child_rights',
  'hiv_aids',
  'shelter_rules',
  'drugs',
  'safe_migration',
  'other',
] as const;

export const RELATIONSHIPS = [
  'mother',
  'father',
  'stepmother',
  'stepfather',
  'grandparent',
  'sibling',
  'aunt_uncle',
  'other_relative',
  'guardian',
  'other',
] as const;
export const TRACING_OUTCOMES = ['found', 'not_found', 'in_progress'] as const;
export const FAMILY_VISIT_KINDS = ['child_visits_home', 'worker_visits_family', 'family_visits_child'] as const;
export const VISIT_OCCASIONS = ['routine', 'khmer_new_year', 'pchum_ben', 'other'] as const;

export const REINTEGRATION_DESTINATIONS = [
  'birth_family',
  'relatives',
  'foster',
  'group_home',
  'independent_living',
  'employment',
  'other',
] as const;
export type ReintegrationDestination = (typeof REINTEGRATION_DESTINATIONS)[number];

export const FOLLOW_UP_MODES = ['home_visit', 'phone'] as const;
export const SCHOOL_OR_WORK = ['in_school', 'working', 'school_and_work', 'training', 'neither'] as const;
export const LOST_CONTACT_REASONS = ['moved_away', 'cannot_be_found', 'refused_contact', 'other'] as const;

/** HIV status as the health record knows it; the health tier keeps it from roles that do not need it. */
export const HIV_STATUSES = ['negative', 'positive', 'not_tested', 'unknown'] as const;

export const CLOSURE_REASONS = [
  'stable_and_safe',
  'reached_adulthood',
  'transferred',
  'lost_contact',
  'moved',
  'died',
  'refused_services',
  'other',
] as const;
export type ClosureReason = (typeof CLOSURE_REASONS)[number];

/** Transitions an organisation may put behind a supervisor's approval. */
export const APPROVAL_SUBJECTS = ['care_plan', 'reintegration', 'closure', 'placement'] as const;
export type ApprovalSubject = (typeof APPROVAL_SUBJECTS)[number];
export const APPROVAL_DECISIONS = ['approved', 'rejected'] as const;
