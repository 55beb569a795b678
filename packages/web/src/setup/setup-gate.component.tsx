import { Navigate, Outlet, useLocation } from 'react-router';
import { useSetupStatus } from '../api/setup.resource';
import { LoadingState, RequestErrorState } from '../layout/states.component';

/** A new installation has no organisation and no user yet: every screen but setup waits for one. */
export function SetupGate() {
  const { pathname } = useLocation();
  const { data, error, isPending, refetch } = useSetupStatus();
  if (isPending) return <LoadingState />;
  if (error) return <RequestErrorState error={error} onRetry={() => void refetch()} />;
  // The setup screen itself leaves once setup is done: it knows where to go (and what to show there).
  if (data.needsSetup && pathname !== '/setup') return <Navigate to="/setup" replace />;
  return <Outlet />;
}
