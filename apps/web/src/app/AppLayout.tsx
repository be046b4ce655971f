import { useState } from 'react';
import { Link, NavLink, Outlet, useNavigate } from 'react-router-dom';
import { useAuth } from '../modules/auth/hooks/useAuth';
import { InboxLinkLabel } from '../modules/inbox/components/InboxPage';

/** The signed-in frame: a skip link, the header with the person and "Sign out", the page. */
export function AppLayout() {
  const { me, signOut } = useAuth();
  const [signingOut, setSigningOut] = useState(false);
  const navigate = useNavigate();
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <div className="topbar__inner">
          <Link to="/" className="brand" aria-label="Impasse, home">
            <span className="brand__mark" aria-hidden="true" />
            Impasse
          </Link>
          <nav aria-label="Main" className="topbar__nav">
            <NavLink to="/" end className="topbar__link">
              Pipeline
            </NavLink>
            <NavLink to="/deadlines" className="topbar__link">
              Deadlines
            </NavLink>
            <NavLink to="/inbox" className="topbar__link">
              <InboxLinkLabel />
            </NavLink>
            {me?.orgRole === 'PROGRAM_ADMIN' ? (
              <NavLink to="/reports" className="topbar__link">
                Reports
              </NavLink>
            ) : null}
            {me?.orgRole === 'ORG_ADMIN' ? (
              <NavLink to="/outbox" className="topbar__link">
                Outbox
              </NavLink>
            ) : null}
          </nav>
          <div className="topbar__me">
            <span className="topbar__name" title={me?.email}>
              {me?.displayName}
            </span>
            <NavLink to="/settings" className="topbar__link">
              Settings
            </NavLink>
            <button
              type="button"
              className="button button--quiet"
              disabled={signingOut}
              onClick={async () => {
                setSigningOut(true);
                await signOut();
                // A deliberate sign-out starts over: the next person lands on the pipeline.
                navigate('/sign-in', { replace: true });
              }}
            >
              Sign out
            </button>
          </div>
        </div>
      </header>
      <Outlet />
    </>
  );
}
