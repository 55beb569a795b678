import { createBrowserRouter } from 'react-router';
import { RouterProvider } from 'react-router/dom';
import { QueryClientProvider } from '@tanstack/react-query';
import { LoginPage } from './auth/login.page';
import { RequireUser } from './auth/require-user.component';
import { CaseListPage } from './cases/case-list.page';
import { CasePage } from './cases/case.page';
import { NewCasePage } from './cases/new-case.page';
import { AppShell } from './layout/app-shell.component';
import { NotFoundPage } from './layout/not-found.page';
import { RouteErrorPage } from './layout/route-error.page';
import { PublicShell } from './layout/public-shell.component';
import { SetupGate } from './setup/setup-gate.component';
import { SetupPage } from './setup/setup.page';
import { createQueryClient } from './api/query-client';
import { FacilitiesPage } from './oversight/facilities.page';
import { FacilityFormPage } from './oversight/facility-form.page';
import { FacilityPage } from './oversight/facility.page';
import { AccessPolicyPage } from './oversight/access-policy.page';
import { CaseSettingsPage } from './oversight/case-settings.page';
import { GroupIntakePage } from './oversight/group-intake.page';
import { GroupSessionPage } from './oversight/group-session.page';
import { SupervisionPage } from './oversight/supervision.page';
import { TasksPage } from './oversight/tasks.page';
import { MosvyFormPage } from './mosvy/form.page';
import { MosvyFormsPage } from './mosvy/forms.page';
import { CaseFilesPage } from './documents/files.page';
import { AccountPage } from './account/account.page';
import { NewUserPage } from './users/new-user.page';
import { UserPage } from './users/user.page';
import { UsersPage } from './users/users.page';
import { AuditLogPage } from './records/audit-log.page';
import { DrilldownPage } from './reports/drilldown.page';
import { PivotBuilderPage } from './reports/pivot-builder.page';
import { ReportPage } from './reports/report.page';
import { ReportsPage } from './reports/reports.page';
import { DashboardPage } from './targets/dashboard.page';
import { HomeRedirect } from './layout/home-redirect.component';

const queryClient = createQueryClient();

/**
 * Routes: /setup, /login, /cases, /cases/new, /cases/group, /cases/:caseId, /tasks, /supervision, /facilities,
 * /facilities/new, /facilities/:facilityId, /facilities/:facilityId/edit, /sessions/new (a group session and its
 * attendance), /settings (the organisation's case settings and retention rules), /settings/roles (what each
 * role may do), /audit (the audit log), /account (one's own account and second factor), /users, /users/new and
 * /users/:userId (user administration), /dashboard (progress against targets),
 * /reports, /reports/new (the pivot builder), /reports/:reportId (a report
 * run for a period) and /reports/:reportId/cases (the cases behind a number), and the MoSVY forms of a case at
 * /cases/:caseId/forms and /cases/:caseId/forms/:form, its photos and documents at /cases/:caseId/files; "/"
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
          { path: 'setup', element: <SetupPage /> },
          { path: 'login', element: <LoginPage /> },
        ],
      },
      {
        element: (
          <RequireUser>
            <AppShell />
          </RequireUser>
        ),
        children: [
          { index: true, element: <HomeRedirect /> },
          { path: 'dashboard', element: <DashboardPage /> },
          { path: 'cases', element: <CaseListPage /> },
          { path: 'cases/new', element: <NewCasePage /> },
          { path: 'cases/group', element: <GroupIntakePage /> },
          { path: 'cases/:caseId', element: <CasePage /> },
          { path: 'cases/:caseId/forms', element: <MosvyFormsPage /> },
          { path: 'cases/:caseId/forms/:form', element: <MosvyFormPage /> },
          { path: 'cases/:caseId/files', element: <CaseFilesPage /> },
          { path: 'tasks', element: <TasksPage /> },
          { path: 'supervision', element: <SupervisionPage /> },
          { path: 'facilities', element: <FacilitiesPage /> },
          { path: 'facilities/new', element: <FacilityFormPage /> },
          { path: 'facilities/:facilityId', element: <FacilityPage /> },
          { path: 'facilities/:facilityId/edit', element: <FacilityFormPage /> },
          { path: 'sessions/new', element: <GroupSessionPage /> },
          { path: 'settings', element: <CaseSettingsPage /> },
          { path: 'account', element: <AccountPage /> },
          { path: 'users', element: <UsersPage /> },
          { path: 'users/new', element: <NewUserPage /> },
          { path: 'users/:userId', element: <UserPage /> },
          { path: 'audit', element: <AuditLogPage /> },
          { path: 'settings/roles', element: <AccessPolicyPage /> },
          { path: 'reports', element: <ReportsPage /> },
          { path: 'reports/new', element: <PivotBuilderPage /> },
          { path: 'reports/:reportId', element: <ReportPage /> },
          { path: 'reports/:reportId/cases', element: <DrilldownPage /> },
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
