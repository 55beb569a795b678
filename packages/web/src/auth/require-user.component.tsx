import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { useCurrentUser } from '../api/auth.resource';
import { LoadingState, RequestErrorState } from '../layout/states.component';
import { UserContext } from './user-context';

/**
 * Screens behind it see a user; without a session the login screen opens and then comes back here. A user
 * who must enrol a second factor first sees only the account page, as the server allows nothing else.
 */
export function RequireUser({ children }: { children: ReactNode }) {
  const location = useLocation();
  const { data: user, error, isPending, refetch } = useCurrentUser();
  if (isPending) return <LoadingState />;
  // Offline, the user unlocked from the device store stays signed in though a later check fails.
  if (error && user === undefined) return <RequestErrorState error={error} onRetry={() => void refetch()} />;
  if (!user) return <Navigate to="/login" replace state={{ from: location.pathname + location.search }} />;
  if (user.twoFactor.mustEnrol && location.pathname !== '/account') return <Navigate to="/account" replace />;
  return <UserContext value={user}>{children}</UserContext>;
}
