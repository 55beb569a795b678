import { Navigate } from 'react-router';
import { can } from '@homeward/core';
import { useUser } from '../auth/user-context';

/**
 * Where "/" leads: monitoring and evaluation officers and government officers follow progress against
 * targets rather than single cases, so they land on the dashboard; everyone else on the case list.
 */
export function HomeRedirect() {
  const user = useUser();
  const followsTargets = user.roles.some((role) => role === 'me_officer' || role === 'government_officer');
  return <Navigate to={followsTargets && can(user.access, 'report.read') ? '/dashboard' : '/cases'} replace />;
}
