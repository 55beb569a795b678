import enCommon from './en/common.json';
import kmCommon from './km/common.json';
import enCodes from './en/codes.json';
import kmCodes from './km/codes.json';
import enCases from './en/cases.json';
import kmCases from './km/cases.json';
import enLocations from './en/locations.json';
import enSteps from './en/steps.json';
import kmSteps from './km/steps.json';
import enOversight from './en/oversight.json';
import enMosvy from './en/mosvy.json';
import kmMosvy from './km/mosvy.json';
import kmOversight from './km/oversight.json';
import kmLocations from './km/locations.json';
import enDocuments from './en/documents.json';
import kmDocuments from './km/documents.json';
import enReportFiles from './en/reportfiles.json';
import kmReportFiles from './km/reportfiles.json';
import enReports from './en/reports.json';
import kmReports from './km/reports.json';
import enAccount from './en/account.json';
import kmAccount from './km/account.json';
import enRecords from './en/records.json';
import kmRecords from './km/records.json';
import enTargets from './en/targets.json';
import kmTargets from './km/targets.json';
import enNotifications from './en/notifications.json';
import kmNotifications from './km/notifications.json';
import enBundles from './en/bundles.json';
import kmBundles from './km/bundles.json';
import enTransfers from './en/transfers.json';
import kmTransfers from './km/transfers.json';
// Handover (issue 10 point 4)
import enHandover from './en/handover.json';
import kmHandover from './km/handover.json';
import enForms from './en/forms.json';
import kmForms from './km/forms.json';
import enOffline from './en/offline.json';
import kmOffline from './km/offline.json';
import enSync from './en/sync.json';
import kmSync from './km/sync.json';
import enUsers from './en/users.json';
import kmUsers from './km/users.json';

import type { Language, Namespace } from './languages';

export { LANGUAGES, NAMESPACES, type Language, type Namespace } from './languages';

/**
 * Every string a user sees, by language and namespace. They live in core so that the browser and the
 * server's printed forms and exports say the same things; a test fails when a key is missing in one language.
 */
export const resources = {
  en: {
    common: enCommon,
    codes: enCodes,
    cases: enCases,
    locations: enLocations,
    steps: enSteps,
    oversight: enOversight,
    mosvy: enMosvy,
    documents: enDocuments,
    reportfiles: enReportFiles,
    reports: enReports,
    account: enAccount,
    records: enRecords,
    targets: enTargets,
    notifications: enNotifications,
    bundles: enBundles,
    transfers: enTransfers,
    handover: enHandover,
    forms: enForms,
    offline: enOffline,
    sync: enSync,
    users: enUsers,
  },
  km: {
    common: kmCommon,
    codes: kmCodes,
    cases: kmCases,
    locations: kmLocations,
    steps: kmSteps,
    oversight: kmOversight,
    mosvy: kmMosvy,
    documents: kmDocuments,
    reportfiles: kmReportFiles,
    reports: kmReports,
    account: kmAccount,
    records: kmRecords,
    targets: kmTargets,
    notifications: kmNotifications,
    bundles: kmBundles,
    transfers: kmTransfers,
    handover: kmHandover,
    forms: kmForms,
    offline: kmOffline,
    sync: kmSync,
    users: kmUsers,
  },
} as const satisfies Record<Language, Record<Namespace, object>>;
