import { createBrowserRouter, Navigate } from 'react-router';
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

const queryClient = createQueryClient();

/** Routes: /setup, /login, /cases, /cases/new, /cases/:caseId; "/" opens the case list. */
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
          { index: true, element: <Navigate to="/cases" replace /> },
          { path: 'cases', element: <CaseListPage /> },
          { path: 'cases/new', element: <NewCasePage /> },
          { path: 'cases/:caseId', element: <CasePage /> },
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
