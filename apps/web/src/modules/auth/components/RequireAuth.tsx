import { Navigate, Outlet, useLocation } from 'react-router-dom';
import { ErrorAlert, Loading } from '../../ui/components/Feedback';
import { useAuth } from '../hooks/useAuth';

/** Renders the signed-in pages, or sends the person to /sign-in and back afterwards. */
export function RequireAuth() {
  const { me, error, retry } = useAuth();
  const location = useLocation();
  if (error) {
    return (
      <main className="page page--narrow" id="main">
        <ErrorAlert title="The dashboard could not start" message={error.message}>
          <button type="button" className="button" onClick={retry}>
            Try again
          </button>
        </ErrorAlert>
      </main>
    );
  }
  if (me === undefined) {
    return (
      <main className="page page--narrow" id="main">
        <Loading>Checking your session…</Loading>
      </main>
    );
  }
  if (me === null) return <Navigate to="/sign-in" replace state={{ from: location }} />;
  return <Outlet />;
}
