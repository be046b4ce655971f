import { useState, type FormEvent } from 'react';
import { Link } from 'react-router-dom';
import { useMutation } from 'urql';
import { ErrorAlert } from '../../ui/components/Feedback';
import { usePageTitle } from '../../ui/hooks/usePageTitle';
import { apiError } from '../../ui/lib/errors';
import { RequestPasswordResetMutation } from '../graphql/auth';

/** Asks for a reset link by e-mail. The answer is the same whether or not the address has an account. */
export function ForgotPasswordPage() {
  usePageTitle('Forgot password');
  const [email, setEmail] = useState('');
  const [sentTo, setSentTo] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [{ fetching }, request] = useMutation(RequestPasswordResetMutation);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setError(null);
    const result = await request({ email: email.trim() });
    if (result.error) {
      setError(apiError(result.error).message);
      return;
    }
    setSentTo(email.trim());
  }

  return (
    <main className="signin" id="main">
      <div className="signin__card">
        <h1 className="signin__title">Forgot your password?</h1>
        {sentTo ? (
          <div role="status" data-testid="reset-requested">
            <p>
              If <strong>{sentTo}</strong> has an account, a link to choose a new password is on its way there. It works once, for an hour.
            </p>
            <p className="muted">No mail after a few minutes? Check the spam folder, or ask your organisation admin.</p>
          </div>
        ) : (
          <form className="form" onSubmit={submit} aria-busy={fetching}>
            <p className="signin__lede">Type the e-mail address you sign in with; we send it a link to choose a new password.</p>
            <div className="field">
              <label htmlFor="forgot-email">E-mail</label>
              <input id="forgot-email" type="email" autoComplete="username" required value={email} onChange={(e) => setEmail(e.target.value)} />
            </div>
            {error ? <ErrorAlert message={error} /> : null}
            <button type="submit" className="button button--primary button--block" disabled={fetching}>
              Send the link
            </button>
          </form>
        )}
        <p>
          <Link to="/sign-in">Back to sign-in</Link>
        </p>
      </div>
    </main>
  );
}
