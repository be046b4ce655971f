import { useState, type FormEvent } from 'react';
import { Link, Navigate, useLocation, type Location } from 'react-router-dom';
import { useMutation } from 'urql';
import { ErrorAlert } from '../../ui/components/Feedback';
import { apiError } from '../../ui/lib/errors';
import { usePageTitle } from '../../ui/hooks/usePageTitle';
import { SignInMutation } from '../graphql/auth';
import { useAuth } from '../hooks/useAuth';

/** Where to go after signing in: the page that sent the person here, else the pipeline. */
function returnPath(state: unknown): string {
  const from = (state as { from?: Location } | null)?.from;
  if (!from || from.pathname === '/sign-in') return '/';
  return `${from.pathname}${from.search}${from.hash}`;
}

/** A sentence another page left for the sign-in (a password just reset). */
function notice(state: unknown): string | null {
  const text = (state as { notice?: unknown } | null)?.notice;
  return typeof text === 'string' ? text : null;
}

export function SignInPage() {
  usePageTitle('Sign in');
  const { me, signedIn } = useAuth();
  const location = useLocation();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [{ fetching }, signIn] = useMutation(SignInMutation);
  const [done, setDone] = useState(false);

  if (me) return <Navigate to={returnPath(location.state)} replace />;

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setError(null);
    const result = await signIn({ input: { email: email.trim(), password } });
    if (result.error) {
      setError(apiError(result.error).message);
      return;
    }
    setDone(true);
    signedIn();
  }

  const busy = fetching || done;
  return (
    <main className="signin" id="main">
      <div className="signin__card">
        <p className="brand brand--large" aria-hidden="true">
          <span className="brand__mark" />
          Impasse
        </p>
        <h1 className="signin__title">Sign in to Impasse</h1>
        <p className="signin__lede">Case workflow for what happens after a mediation.</p>
        {notice(location.state) ? (
          <p className="signin__notice" role="status">
            {notice(location.state)}
          </p>
        ) : null}
        <form className="form" onSubmit={submit} aria-busy={busy}>
          <div className="field">
            <label htmlFor="signin-email">E-mail</label>
            <input
              id="signin-email"
              name="email"
              type="email"
              autoComplete="username"
              required
              value={email}
              onChange={(e) => setEmail(e.target.value)}
              aria-describedby={error ? 'signin-error' : undefined}
            />
          </div>
          <div className="field">
            <label htmlFor="signin-password">Password</label>
            <input
              id="signin-password"
              name="password"
              type="password"
              autoComplete="current-password"
              required
              value={password}
              onChange={(e) => setPassword(e.target.value)}
              aria-describedby={error ? 'signin-error' : undefined}
            />
          </div>
          {error ? (
            <div id="signin-error">
              <ErrorAlert message={error} />
            </div>
          ) : null}
          <button type="submit" className="button button--primary button--block" disabled={busy}>
            Sign in
          </button>
          <p className="form__status" role="status">
            {busy ? 'Signing in…' : ''}
          </p>
        </form>
        <p className="signin__aside">
          <Link to="/forgot-password">Forgot password?</Link>
        </p>
      </div>
    </main>
  );
}
