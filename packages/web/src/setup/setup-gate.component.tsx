import { lazy, Suspense } from 'react';
import { Navigate, Outlet, useLocation } from 'react-router';
import { useSetupStatus } from '../api/setup.resource';
import { isApiError } from '../api/http';
import { LoadingState, RequestErrorState } from '../layout/states.component';

// Only when the server cannot be reached: the sign-in screen carries none of the offline code.
const OfflineGate = lazy(() =>
  import('../offline/offline-gate.component').then((gate) => ({ default: gate.OfflineGate })),
);

/** A new installation has no organisation and no user yet: every screen but setup waits for one. */
export function SetupGate() {
  const { pathname } = useLocation();
  const { data, error, isPending, refetch } = useSetupStatus();
  if (isPending) return <LoadingState />;
  // A later check that fails (offline again) leaves the answer already given standing.
  if (error && !data) {
    if (!isApiError(error, 0)) return <RequestErrorState error={error} onRetry={() => void refetch()} />;
    return (
      <Suspense fallback={<LoadingState />}>
        <OfflineGate error={error} onRetry={() => void refetch()} />
      </Suspense>
    );
  }
  if (!data) return <LoadingState />;
  // The setup screen itself leaves once setup is done: it knows where to go (and what to show there).
  if (data.needsSetup && pathname !== '/setup') return <Navigate to="/setup" replace />;
  return <Outlet />;
}
