import type { ReportMeasure, ReportSource, ReportTableDefinitionInput } from './report-definition.schema';

/**
 * The reports Homeward ships. Titles are keys of the `reports` translation namespace. The quarterly report
 * reproduces every table of the CCPCR shelter report (seed 003), computed rather than typed.
 */
export interface BuiltInReport {
  id: string;
  tables: BuiltInTable[];
}

/** A column counted apart, by the rows of the table it stands beside (`ReportBesideColumn`). */
export interface BesideColumnDefinition {
  id: string;
  /** A key of the `reports` translation namespace. */
  title: string;
  source: ReportSource;
  measure: ReportMeasure;
  position: 'before' | 'after';
}

export type BuiltInTable = ReportTableDefinitionInput & { beside?: BesideColumnDefinition[] };

/** The seed report's "clients in the shelter" column: children who spent at least a day in care that month. */
const inShelter: BesideColumnDefinition = {
  id: 'in-shelter',
  title: 'beside.inShelter',
  source: 'residence',
  measure: 'children',
  position: 'before',
};
const reintegrated: BesideColumnDefinition = {
  id: 'reintegrated',
  title: 'beside.reintegrated',
  source: 'reintegration',
  measure: 'children',
  position: 'after',
};

const shelterQuarterly: BuiltInReport = {
  id: 'shelter-quarterly',
  tables: [
    {
      id: 'referrals-by-case-type',
      title: 'table.referralsByCaseType',
      source: 'referral',
      measure: 'children',
      rows: ['case_type_group'],
      columns: ['month'],
    },
    {
      id: 'referrals-by-month-and-sex',
      title: 'table.referralsByMonthAndSex',
      source: 'referral',
      measure: 'children',
      rows: ['month'],
      columns: ['case_type_group', 'sex'],
      beside: [reintegrated],
    },
    {
      // The seed's age table: the children referred each month by their age when referred and sex, beside those
      // in the shelter.
      id: 'referrals-by-age-and-sex',
      title: 'table.referralsByAgeAndSex',
      source: 'referral',
      measure: 'children',
      rows: ['month'],
      columns: ['age_band', 'sex'],
      ageAt: 'fact_date',
      beside: [inShelter, reintegrated],
    },
    {
      // Ages at the end of the period: a child in care over several months has one age throughout the table.
      id: 'residents-by-age-and-sex',
      title: 'table.residentsByAgeAndSex',
      source: 'residence',
      measure: 'children',
      rows: ['month'],
      columns: ['age_band', 'sex'],
    },
    {
      id: 'referral-sources',
      title: 'table.referralSources',
      source: 'referral',
      measure: 'children',
      rows: ['referral_body'],
      columns: ['sex'],
      percentOf: 'total',
    },
    {
      id: 'services',
      title: 'table.services',
      source: 'service',
      measure: 'children',
      rows: ['service_kind'],
      columns: ['month'],
    },
    {
      id: 'education-by-grade',
      title: 'table.educationByGrade',
      source: 'education',
      measure: 'children',
      rows: ['grade'],
      columns: ['month'],
      percentOf: 'total',
    },
    {
      // As the seed: each case type split by sex.
      id: 'life-skills',
      title: 'table.lifeSkills',
      source: 'group_session',
      measure: 'children',
      rows: ['topic'],
      columns: ['case_type_group', 'sex'],
    },
    {
      id: 'vocational-training',
      title: 'table.vocationalTraining',
      source: 'vocational_training',
      measure: 'children',
      rows: ['skill'],
      columns: ['month'],
      percentOf: 'total',
    },
    {
      id: 'family-assessments',
      title: 'table.familyAssessments',
      source: 'family_assessment',
      measure: 'children',
      rows: ['case_type_group'],
      columns: ['month'],
      percentOf: 'total',
    },
    {
      id: 'family-visits',
      title: 'table.familyVisits',
      source: 'family_visit',
      measure: 'events',
      rows: ['case_type_group'],
      columns: ['month'],
      percentOf: 'total',
    },
    {
      id: 'reintegrations',
      title: 'table.reintegrations',
      source: 'reintegration',
      measure: 'children',
      rows: ['destination'],
      columns: ['month'],
      percentOf: 'total',
    },
    {
      // Computed from the referrals the organisation sent (issue 10), by receiver and case type.
      id: 'partner-referrals',
      title: 'table.partnerReferrals',
      source: 'partner_referral',
      measure: 'children',
      rows: ['partner'],
      columns: ['case_type_group'],
    },
    {
      id: 'follow-ups',
      title: 'table.followUps',
      source: 'follow_up',
      measure: 'children',
      rows: ['case_type_group'],
      columns: ['living_conditions'],
      percentOf: 'row',
    },
    {
      id: 'follow-up-schooling-children',
      title: 'table.followUpSchoolingChildren',
      source: 'follow_up',
      measure: 'children',
      rows: ['school_or_work'],
    },
    {
      id: 'follow-up-schooling-times',
      title: 'table.followUpSchoolingTimes',
      source: 'follow_up',
      measure: 'events',
      rows: ['school_or_work'],
    },
  ],
};

const alternativeCare: BuiltInReport = {
  id: 'alternative-care-progress',
  tables: [
    {
      id: 'progress-by-facility',
      title: 'table.progressByFacility',
      source: 'care_cohort',
      measure: 'children',
      rows: ['facility'],
      columns: ['progress'],
      percentOf: 'row',
    },
    {
      id: 'reintegrated-by-destination',
      title: 'table.reintegratedByDestination',
      source: 'care_cohort',
      measure: 'children',
      rows: ['facility'],
      columns: ['destination'],
      filters: { progress: ['reintegrated'] },
      percentOf: 'total',
    },
  ],
};

const followUpCompliance: BuiltInReport = {
  id: 'follow-up-compliance',
  tables: [
    {
      id: 'compliance-by-worker',
      title: 'table.complianceByWorker',
      source: 'follow_up_case',
      measure: 'children',
      rows: ['worker'],
      columns: ['compliance'],
      percentOf: 'row',
    },
    {
      id: 'compliance-by-organisation',
      title: 'table.complianceByOrganisation',
      source: 'follow_up_case',
      measure: 'children',
      rows: ['organisation'],
      columns: ['compliance'],
      percentOf: 'row',
    },
  ],
};

const caseload: BuiltInReport = {
  id: 'caseload',
  tables: [
    {
      id: 'open-cases-by-worker',
      title: 'table.openCasesByWorker',
      source: 'open_case',
      measure: 'cases',
      rows: ['worker'],
      columns: ['status'],
    },
    {
      id: 'days-to-assessment',
      title: 'table.daysToAssessment',
      source: 'referral',
      measure: 'cases',
      rows: ['worker'],
      columns: ['days_to_assessment'],
      percentOf: 'row',
    },
    {
      id: 'days-to-care-plan',
      title: 'table.daysToCarePlan',
      source: 'referral',
      measure: 'cases',
      rows: ['worker'],
      columns: ['days_to_care_plan'],
      percentOf: 'row',
    },
  ],
};

export const BUILT_IN_REPORTS: readonly BuiltInReport[] = [
  shelterQuarterly,
  alternativeCare,
  followUpCompliance,
  caseload,
];

export function findBuiltInReport(id: string): BuiltInReport | undefined {
  return BUILT_IN_REPORTS.find((report) => report.id === id);
}
