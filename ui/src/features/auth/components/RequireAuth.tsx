import { Navigate, Outlet, useLocation } from 'react-router';
import { useSession } from '@/lib/use-auth';
import { loginPath } from './redirect';

/** Every route below this one needs a session; without one, go to /login and come back after. */
export function RequireAuth() {
  const session = useSession();
  const location = useLocation();
  if (!session) {
    return <Navigate to={loginPath(location.pathname + location.search)} replace />;
  }
  return <Outlet />;
}
