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
          { path: 'setup', ...lazyPage(() => import('./setup/setup.page').then((page) => page.SetupPage)) },
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
          {
            path: 'dashboard',
            ...lazyPage(() => import('./targets/dashboard.page').then((page) => page.DashboardPage)),
          },
          { path: 'cases', ...lazyPage(() => import('./cases/case-list.page').then((page) => page.CaseListPage)) },
          { path: 'cases/new', ...lazyPage(() => import('./cases/new-case.page').then((page) => page.NewCasePage)) },
          {
            path: 'cases/import',
            ...lazyPage(() => import('./bundles/import.page').then((page) => page.ImportCaseFilePage)),
          },
          {
            path: 'cases/group',
            ...lazyPage(() => import('./intake/group-intake.page').then((page) => page.GroupIntakePage)),
          },
          { path: 'cases/:caseId', ...lazyPage(() => import('./cases/case.page').then((page) => page.CasePage)) },
          {
            path: 'cases/:caseId/forms',
            ...lazyPage(() => import('./mosvy/forms.page').then((page) => page.MosvyFormsPage)),
          },
          {
            path: 'cases/:caseId/forms/:form',
            ...lazyPage(() => import('./mosvy/form.page').then((page) => page.MosvyFormPage)),
          },
          {
            path: 'cases/:caseId/files',
            ...lazyPage(() => import('./documents/files.page').then((page) => page.CaseFilesPage)),
          },
          {
            path: 'waiting',
            ...lazyPage(() => import('./notifications/waiting.page').then((page) => page.WaitingPage)),
          },
          {
            path: 'transfers/incoming',
            ...lazyPage(() => import('./transfers/incoming-transfers.page').then((page) => page.IncomingTransfersPage)),
          },
          {
            path: 'referrals',
            ...lazyPage(() => import('./referrals/incoming-referrals.page').then((page) => page.IncomingReferralsPage)),
          },
          { path: 'tasks', ...lazyPage(() => import('./tasks/tasks.page').then((page) => page.TasksPage)) },
          // Handover (issue 10 point 4)
          {
            path: 'handover',
            ...lazyPage(() => import('./handover/handover-plans.page').then((page) => page.HandoverPlansPage)),
          },
          {
            path: 'handover/new',
            ...lazyPage(() => import('./handover/new-plan.page').then((page) => page.NewHandoverPlanPage)),
          },
          {
            path: 'handover/incoming',
            ...lazyPage(() => import('./handover/incoming.page').then((page) => page.IncomingHandoverPage)),
          },
          {
            path: 'handover/:planId',
            ...lazyPage(() => import('./handover/plan.page').then((page) => page.HandoverPlanPage)),
          },
          // Offline work: the sync page and one held change (issue 11 point 5)
          { path: 'sync', ...lazyPage(() => import('./sync/sync.page').then((page) => page.SyncPage)) },
          { path: 'sync/:heldId', ...lazyPage(() => import('./sync/held.page').then((page) => page.HeldPage)) },
          {
            path: 'supervision',
            ...lazyPage(() => import('./supervision/supervision.page').then((page) => page.SupervisionPage)),
          },
          {
            path: 'facilities',
            ...lazyPage(() => import('./facilities/facilities.page').then((page) => page.FacilitiesPage)),
          },
          {
            path: 'facilities/new',
            ...lazyPage(() => import('./facilities/facility-form.page').then((page) => page.FacilityFormPage)),
          },
          {
            path: 'facilities/:facilityId',
            ...lazyPage(() => import('./facilities/facility.page').then((page) => page.FacilityPage)),
          },
          {
            path: 'facilities/:facilityId/edit',
            ...lazyPage(() => import('./facilities/facility-form.page').then((page) => page.FacilityFormPage)),
          },
          {
            path: 'sessions/new',
            ...lazyPage(() => import('./groups/group-session.page').then((page) => page.GroupSessionPage)),
          },
          {
            path: 'settings',
            ...lazyPage(() => import('./settings/case-settings.page').then((page) => page.CaseSettingsPage)),
          },
          {
            path: 'settings/installation',
            ...lazyPage(() => import('./bundles/installation.page').then((page) => page.InstallationPage)),
          },
          { path: 'account', ...lazyPage(() => import('./account/account.page').then((page) => page.AccountPage)) },
          { path: 'users', ...lazyPage(() => import('./users/users.page').then((page) => page.UsersPage)) },
          { path: 'users/new', ...lazyPage(() => import('./users/new-user.page').then((page) => page.NewUserPage)) },
          { path: 'users/:userId', ...lazyPage(() => import('./users/user.page').then((page) => page.UserPage)) },
          { path: 'devices', ...lazyPage(() => import('./devices/devices.page').then((page) => page.DevicesPage)) },
          { path: 'audit', ...lazyPage(() => import('./records/audit-log.page').then((page) => page.AuditLogPage)) },
          {
            path: 'settings/roles',
            ...lazyPage(() => import('./settings/access-policy.page').then((page) => page.AccessPolicyPage)),
          },
          { path: 'reports', ...lazyPage(() => import('./reports/reports.page').then((page) => page.ReportsPage)) },
          {
            path: 'reports/new',
            ...lazyPage(() => import('./reports/pivot-builder.page').then((page) => page.PivotBuilderPage)),
          },
          {
            path: 'reports/:reportId',
            ...lazyPage(() => import('./reports/report.page').then((page) => page.ReportPage)),
          },
          {
            path: 'reports/:reportId/cases',
            ...lazyPage(() => import('./reports/drilldown.page').then((page) => page.DrilldownPage)),
          },
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
