import { useState, type FormEvent } from 'react';
import { Link, useLocation, useNavigate, useParams } from 'react-router-dom';
import { useMutation, useQuery } from 'urql';
import { useAuth } from '../../auth/hooks/useAuth';
import { ErrorAlert, Loading } from '../../ui/components/Feedback';
import { usePageTitle } from '../../ui/hooks/usePageTitle';
import { apiError } from '../../ui/lib/errors';
import { enumLabel, formatDateTime } from '../../ui/lib/format';
import { AcceptInvitationMutation, InvitationQuery } from '../graphql/invitation';

const MIN_PASSWORD = 10;

/** Public landing page of an invitation link: what it is for, then join the case. */
export function InvitationPage() {
  usePageTitle('Invitation');
  const { token = '' } = useParams();
  const location = useLocation();
  const navigate = useNavigate();
  const { me, signedIn } = useAuth();
  const [{ data, fetching, error }, reexecute] = useQuery({ query: InvitationQuery, variables: { token } });
  const [accepting, accept] = useMutation(AcceptInvitationMutation);
  const [password, setPassword] = useState('');
  const [failure, setFailure] = useState<string | null>(null);
  const [tooShort, setTooShort] = useState(false);
  /** The api's advice on a password it finds too easy to guess (zxcvbn's warning and suggestions). */
  const [weak, setWeak] = useState<string | null>(null);

  const invitation = data?.invitation;

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setFailure(null);
    const asInvitee = Boolean(me && invitation && me.email.toLowerCase() === invitation.email.toLowerCase());
    if (invitation && !asInvitee && password.length < MIN_PASSWORD) {
      setTooShort(true);
      return;
    }
    setTooShort(false);
    setWeak(null);
    const result = await accept({ token, password: asInvitee ? null : password });
    const refused = result.error?.graphQLErrors[0];
    if (refused?.extensions?.code === 'BAD_USER_INPUT' && refused.extensions.field === 'password') {
      const advice = refused.message.replace(/^password:\s*/, '');
      setWeak(advice.charAt(0).toUpperCase() + advice.slice(1));
      return;
    }
    if (result.error || !result.data) {
      setFailure(result.error ? apiError(result.error).message : 'The invitation could not be accepted. Try again.');
      return;
    }
    navigate(`/cases/${result.data.acceptInvitation.caseId}`, { replace: true });
    // A new session: a fresh client asks who is signed in.
    signedIn();
  }

  let body;
  if (!data && fetching) body = <Loading>Opening the invitation…</Loading>;
  else if (!invitation) {
    body = (
      <ErrorAlert
        title="This invitation link does not work"
        message={error ? apiError(error).message : 'Check that you copied the whole link, or ask the mediator for a new one.'}
      >
        <button type="button" className="button" onClick={() => reexecute({ requestPolicy: 'network-only' })}>
          Try again
        </button>
      </ErrorAlert>
    );
  } else if (invitation.used || invitation.expired) {
    body = (
      <div className="alert" role="alert" data-testid="invitation-closed">
        <p className="alert__title">{invitation.used ? 'This invitation has already been used' : 'This invitation has expired'}</p>
        <p className="alert__message">
          {invitation.used
            ? 'Each link works once. If you accepted it, sign in to open the case; otherwise ask the mediator for a new link.'
            : `It expired on ${formatDateTime(invitation.expiresAt)}. Ask the mediator for a new link.`}
        </p>
        <p>
          <Link to="/sign-in">Sign in</Link>
        </p>
      </div>
    );
  } else {
    const signedInAsOther = me && me.email.toLowerCase() !== invitation.email.toLowerCase();
    body = (
      <>
        <dl className="facts" data-testid="invitation-facts">
          <div>
            <dt>Case</dt>
            <dd>{invitation.caseCaption}</dd>
          </div>
          <div>
            <dt>Side</dt>
            <dd>{invitation.sideLabel}</dd>
          </div>
          <div>
            <dt>Role</dt>
            <dd>{enumLabel(invitation.role)}</dd>
          </div>
          <div>
            <dt>E-mail</dt>
            <dd>{invitation.email}</dd>
          </div>
        </dl>
        {signedInAsOther ? (
          <p className="alert" role="alert">
            You are signed in as {me.email}, but this invitation is for {invitation.email}. Sign out, then open the link again.
          </p>
        ) : (
          <form className="form" onSubmit={submit} aria-busy={accepting.fetching} noValidate>
            {me ? null : (
              <p data-testid="sign-in-first">
                Already have an account with {invitation.email}?{' '}
                <Link to="/sign-in" state={{ from: location }}>
                  Sign in to accept
                </Link>
                ; you come back here afterwards. New here? Choose a password below.
              </p>
            )}
            {me ? null : (
              <div className="field">
                <label htmlFor="invite-password">Choose a password</label>
                <input
                  id="invite-password"
                  type="password"
                  autoComplete="new-password"
                  required
                  minLength={MIN_PASSWORD}
                  value={password}
                  onChange={(e) => setPassword(e.target.value)}
                  aria-invalid={tooShort || Boolean(weak) || undefined}
                  aria-describedby="invite-password-hint"
                />
                <p id="invite-password-hint" className={tooShort || weak ? 'field__error' : 'field__hint'}>
                  {weak ??
                    `At least ${MIN_PASSWORD} characters, and hard to guess: a few uncommon words together work well, not your name or e-mail.${tooShort ? ' This one is too short.' : ''}`}
                </p>
              </div>
            )}
            {failure ? <ErrorAlert message={failure} /> : null}
            <button type="submit" className="button button--primary button--block" disabled={accepting.fetching}>
              Accept invitation
            </button>
            <p className="form__status" role="status">
              {accepting.fetching ? 'Joining the case…' : ''}
            </p>
          </form>
        )}
      </>
    );
  }

  return (
    <main className="signin" id="main">
      <div className="signin__card">
        <p className="brand brand--large" aria-hidden="true">
          <span className="brand__mark" />
          Impasse
        </p>
        <h1 className="signin__title">{invitation && !invitation.used && !invitation.expired ? `You are invited, ${invitation.displayName}` : 'Invitation'}</h1>
        {body}
      </div>
    </main>
  );
}
