import { Migrator, type Migration, type MigrationProvider } from 'kysely';
import type { Db } from './database';
import * as foundation from './migrations/2026-11-23T1500-foundation';
import * as lifeOfACase from './migrations/2026-11-23T1700-life-of-a-case';
import * as documentsAndTasks from './migrations/2026-11-23T1800-documents-and-tasks';
import * as directory from './migrations/2026-11-23T1900-directory';
import * as accessPolicy from './migrations/2026-11-24T1000-access-policy';
import * as authHardening from './migrations/2026-11-24T1100-auth-hardening';
import * as auditAndLifecycle from './migrations/2026-11-24T1200-audit-and-lifecycle';
import * as reports from './migrations/2026-11-24T1300-reports';
import * as targets from './migrations/2026-11-24T1400-targets';
import * as reportPerformance from './migrations/2026-11-24T1500-report-performance';
import * as reportCaseColumns from './migrations/2026-12-03T1000-report-case-columns';
import * as corrections from './migrations/2026-12-06T0500-corrections-and-field-versions';
import * as requestDigests from './migrations/2026-12-06T0500-request-digests';
import * as reportChildren from './migrations/2026-12-06T1000-report-children';
import * as romanisedSearchKey from './migrations/2026-12-06T1300-romanised-search-key';
import * as romanisedSearchKeyBackfill from './migrations/2026-12-06T1301-romanised-search-key-backfill';
import * as progressiveLockout from './migrations/2026-12-06T1400-progressive-lockout';
import * as caseParticipation from './migrations/2026-12-07T0100-case-participation';
import * as caseReferences from './migrations/2026-12-07T0101-case-references';
import * as notifications from './migrations/2026-12-07T0300-notifications';
import * as caseBundles from './migrations/2026-12-07T0400-case-bundles';
import * as caseTransfers from './migrations/2026-12-07T0600-case-transfers';
// Handover (issue 10 point 4)
import * as handover from './migrations/2026-12-07T0700-handover';
// Referrals for a service (issue 10)
import * as referrals from './migrations/2026-12-07T0500-referrals';
// Offline sync (issue 11)
import * as offlineSync from './migrations/2026-12-08T0100-offline-sync';
import * as shelterHub from './migrations/2026-12-08T0200-shelter-hub';
import * as offlineAttachments from './migrations/2026-12-09T0100-offline-attachments';
import * as deviceSessionKey from './migrations/2026-12-09T0300-device-session-key';

/**
 * Migrations are listed here rather than read from a folder so that they travel with the code in any
 * packaging. Forward-only: a landed migration is never edited; a change is a new one.
 */
const MIGRATIONS: Record<string, Migration> = {
  '2026-11-23T1500-foundation': foundation,
  '2026-11-23T1700-life-of-a-case': lifeOfACase,
  '2026-11-23T1800-documents-and-tasks': documentsAndTasks,
  '2026-11-23T1900-directory': directory,
  '2026-11-24T1000-access-policy': accessPolicy,
  '2026-11-24T1100-auth-hardening': authHardening,
  '2026-11-24T1200-audit-and-lifecycle': auditAndLifecycle,
  '2026-11-24T1300-reports': reports,
  '2026-11-24T1400-targets': targets,
  '2026-11-24T1500-report-performance': reportPerformance,
  '2026-12-03T1000-report-case-columns': reportCaseColumns,
  '2026-12-06T0500-corrections-and-field-versions': corrections,
  '2026-12-06T0500-request-digests': requestDigests,
  '2026-12-06T1000-report-children': reportChildren,
  '2026-12-06T1300-romanised-search-key': romanisedSearchKey,
  '2026-12-06T1301-romanised-search-key-backfill': romanisedSearchKeyBackfill,
  '2026-12-06T1400-progressive-lockout': progressiveLockout,
  '2026-12-07T0100-case-participation': caseParticipation,
  '2026-12-07T0101-case-references': caseReferences,
  '2026-12-07T0300-notifications': notifications,
  '2026-12-07T0400-case-bundles': caseBundles,
  '2026-12-07T0600-case-transfers': caseTransfers,
  // Handover (issue 10 point 4)
  '2026-12-07T0700-handover': handover,
  // Referrals for a service (issue 10)
  '2026-12-07T0500-referrals': referrals,
  // Offline sync (issue 11)
  '2026-12-08T0100-offline-sync': offlineSync,
  '2026-12-08T0200-shelter-hub': shelterHub,
  '2026-12-09T0100-offline-attachments': offlineAttachments,
  '2026-12-09T0300-device-session-key': deviceSessionKey,
};

const provider: MigrationProvider = { getMigrations: () => Promise.resolve(MIGRATIONS) };

export async function migrateToLatest(db: Db): Promise<string[]> {
  const migrator = new Migrator({ db: db.kysely, provider });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error('A migration failed.', { cause: error });
  return (results ?? []).filter((result) => result.status === 'Success').map((result) => result.migrationName);
}
