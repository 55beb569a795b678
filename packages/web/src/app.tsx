import { createBrowserRouter } from 'react-router';
import { RouterProvider } from 'react-router/dom';
import { QueryClientProvider } from '@tanstack/react-query';
import { LoginPage } from './auth/login.page';
import { NotFoundPage } from './layout/not-found.page';
import { RouteErrorPage } from './layout/route-error.page';
import { PublicShell } from './layout/public-shell.component';
import { SetupGate } from './setup/setup-gate.component';
import { createQueryClient } from './api/query-client';
import { HomeRedirect } from './layout/home-redirect.component';
import { lazyPage } from './layout/lazy-page';
import { loadAllNamespaces } from './i18n';

const queryClient = createQueryClient();

/**
 * Routes: /setup, /login, /cases, /cases/new, /cases/group, /cases/:caseId, /waiting (notifications), /tasks, /supervision, /facilities,
 * /cases/import (a case file from a partner installation), /settings/installation (the installation's card and
 * its partners), /facilities/new, /facilities/:facilityId, /facilities/:facilityId/edit, /sessions/new (a group session and its
 * attendance), /settings (the organisation's case settings and retention rules), /settings/roles (what each
 * role may do), /audit (the audit log), /account (one's own account and second factor), /users, /users/new and
 * /users/:userId (user administration), /devices (the devices that keep cases offline),
 * /dashboard (progress against targets),
 * /reports, /reports/new (the pivot builder), /reports/:reportId (a report
 * run for a period) and /reports/:reportId/cases (the cases behind a number), and the MoSVY forms of a case at
 * /cases/:caseId/forms and /cases/:caseId/forms/:form, its photos and documents at /cases/:caseId/files, the sync page at /sync and
 * one change a sync kept for a person to decide on at /sync/:heldId; "/"
 * opens the dashboard for M&E and government officers, the case list for everyone else.
 */
const router = createBrowserRouter([
  {
    element: <SetupGate />,
    errorElement: <RouteErrorPage />,
    children: [
      {
        element: <PublicShell />,
        children: [
          lazyPage('setup', () => import('./setup/setup.page'), 'SetupPage'),
          { path: 'login', element: <LoginPage /> },
        ],
      },
      {
        // The signed-in frame comes with all the strings the screens inside it may show.
        lazy: async () => {
          const [{ RequireUser }, { AppShell }] = await Promise.all([
            import('./auth/require-user.component'),
            import('./layout/app-shell.component'),
            loadAllNamespaces(),
          ]);
          return {
            element: (
              <RequireUser>
                <AppShell />
              </RequireUser>
            ),
          };
        },
        children: [
          { index: true, element: <HomeRedirect /> },
          lazyPage('dashboard', () => import('./targets/dashboard.page'), 'DashboardPage'),
          lazyPage('cases', () => import('./cases/case-list.page'), 'CaseListPage'),
          lazyPage('cases/new', () => import('./cases/new-case.page'), 'NewCasePage'),
          lazyPage('cases/import', () => import('./bundles/import.page'), 'ImportCaseFilePage'),
          lazyPage('cases/group', () => import('./intake/group-intake.page'), 'GroupIntakePage'),
          lazyPage('cases/:caseId', () => import('./cases/case.page'), 'CasePage'),
          lazyPage('cases/:caseId/forms', () => import('./mosvy/forms.page'), 'MosvyFormsPage'),
          lazyPage('cases/:caseId/forms/:form', () => import('./mosvy/form.page'), 'MosvyFormPage'),
          lazyPage('cases/:caseId/files', () => import('./documents/files.page'), 'CaseFilesPage'),
          lazyPage('waiting', () => import('./notifications/waiting.page'), 'WaitingPage'),
          lazyPage('transfers/incoming', () => import('./transfers/incoming-transfers.page'), 'IncomingTransfersPage'),
          lazyPage('referrals', () => import('./referrals/incoming-referrals.page'), 'IncomingReferralsPage'),
          lazyPage('tasks', () => import('./tasks/tasks.page'), 'TasksPage'),
          // Handover (issue 10 point 4)
          lazyPage('handover', () => import('./handover/handover-plans.page'), 'HandoverPlansPage'),
          lazyPage('handover/new', () => import('./handover/new-plan.page'), 'NewHandoverPlanPage'),
          lazyPage('handover/incoming', () => import('./handover/incoming.page'), 'IncomingHandoverPage'),
          lazyPage('handover/:planId', () => import('./handover/plan.page'), 'HandoverPlanPage'),
          // Offline work: the sync page and one held change (issue 11 point 5)
          lazyPage('sync', () => import('./sync/sync.page'), 'SyncPage'),
          lazyPage('sync/:heldId', () => import('./sync/held.page'), 'HeldPage'),
          lazyPage('supervision', () => import('./supervision/supervision.page'), 'SupervisionPage'),
          lazyPage('facilities', () => import('./facilities/facilities.page'), 'FacilitiesPage'),
          lazyPage('facilities/new', () => import('./facilities/facility-form.page'), 'FacilityFormPage'),
          lazyPage('facilities/:facilityId', () => import('./facilities/facility.page'), 'FacilityPage'),
          lazyPage('facilities/:facilityId/edit', () => import('./facilities/facility-form.page'), 'FacilityFormPage'),
          lazyPage('sessions/new', () => import('./groups/group-session.page'), 'GroupSessionPage'),
          lazyPage('settings', () => import('./settings/case-settings.page'), 'CaseSettingsPage'),
          lazyPage('settings/installation', () => import('./bundles/installation.page'), 'InstallationPage'),
          lazyPage('account', () => import('./account/account.page'), 'AccountPage'),
          lazyPage('users', () => import('./users/users.page'), 'UsersPage'),
          lazyPage('users/new', () => import('./users/new-user.page'), 'NewUserPage'),
          lazyPage('users/:userId', () => import('./users/user.page'), 'UserPage'),
          lazyPage('devices', () => import('./devices/devices.page'), 'DevicesPage'),
          lazyPage('audit', () => import('./records/audit-log.page'), 'AuditLogPage'),
          lazyPage('settings/roles', () => import('./settings/access-policy.page'), 'AccessPolicyPage'),
          lazyPage('reports', () => import('./reports/reports.page'), 'ReportsPage'),
          lazyPage('reports/new', () => import('./reports/pivot-builder.page'), 'PivotBuilderPage'),
          lazyPage('reports/:reportId', () => import('./reports/report.page'), 'ReportPage'),
          lazyPage('reports/:reportId/cases', () => import('./reports/drilldown.page'), 'DrilldownPage'),
          { path: '*', element: <NotFoundPage /> },
        ],
      },
    ],
  },
]);

export function App() {
  return (
    <QueryClientProvider client={queryClient}>
      <RouterProvider router={router} />
    </QueryClientProvider>
  );
}
