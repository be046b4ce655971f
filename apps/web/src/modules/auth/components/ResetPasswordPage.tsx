import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { useMutation } from 'urql';
import { ErrorAlert, FieldProblem } from '../../ui/components/Feedback';
import { usePageTitle } from '../../ui/hooks/usePageTitle';
import { apiError } from '../../ui/lib/errors';
import { ResetPasswordMutation } from '../graphql/auth';

/** The page a reset mail links to: a new password, then sign in with it (every session was ended). */
export function ResetPasswordPage() {
  usePageTitle('Choose a new password');
  const { token = '' } = useParams();
  const navigate = useNavigate();
  const [password, setPassword] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [{ fetching }, reset] = useMutation(ResetPasswordMutation);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setProblem(null);
    setError(null);
    if (password.length < 10) {
      setProblem('Choose at least 10 characters. This one is too short.');
      return;
    }
    const result = await reset({ token, password });
    if (result.error) {
      const refused = result.error.graphQLErrors[0];
      if (refused?.extensions?.code === 'BAD_USER_INPUT' && refused.extensions.field === 'password') setProblem(refused.message.replace(/^password:\s*/, ''));
      else setError(apiError(result.error).message);
      return;
    }
    navigate('/sign-in', { replace: true, state: { notice: 'Your password was changed. Sign in with the new one.' } });
  }

  return (
    <main className="signin" id="main">
      <div className="signin__card">
        <h1 className="signin__title">Choose a new password</h1>
        <form className="form" onSubmit={submit} aria-busy={fetching}>
          <p className="signin__lede">At least 10 characters, hard to guess: a few unrelated words work well. Every session of your account is signed out.</p>
          <div className="field">
            <label htmlFor="reset-password">New password</label>
            <input
              id="reset-password"
              type="password"
              autoComplete="new-password"
              required
              value={password}
              onChange={(e) => setPassword(e.target.value)}
              aria-invalid={problem ? true : undefined}
              aria-describedby={problem ? 'reset-password-problem' : undefined}
            />
            <FieldProblem id="reset-password-problem" problem={problem} />
          </div>
          {error ? <ErrorAlert message={error} /> : null}
          <button type="submit" className="button button--primary button--block" disabled={fetching}>
            Set the new password
          </button>
        </form>
        <p>
          <Link to="/forgot-password">Ask for a new link</Link> · <Link to="/sign-in">Sign in</Link>
        </p>
      </div>
    </main>
  );
}
