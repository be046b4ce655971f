import { useEffect, useId, useState, type FormEvent } from 'react';
import { useMutation, useQuery } from 'urql';
import type { ReminderMail } from '../../../generated/schema';
import { ChangePasswordMutation } from '../../auth/graphql/auth';
import { ErrorAlert, FieldProblem, Loading } from '../../ui/components/Feedback';
import { usePageTitle } from '../../ui/hooks/usePageTitle';
import { apiError } from '../../ui/lib/errors';
import { MailPreferencesQuery, SetMailPreferencesMutation } from '../graphql/mail';

const REMINDER_CHOICES: { value: ReminderMail; label: string; hint: string }[] = [
  { value: 'EACH', label: 'Each reminder by e-mail', hint: '7 days and 1 day before a deadline, and when a touchpoint is overdue.' },
  { value: 'DAILY_DIGEST', label: 'One digest a day', hint: 'The day’s reminders in one mail, sent after the day ends (UTC).' },
  { value: 'OFF', label: 'No reminders by e-mail', hint: 'Your inbox here still has every reminder.' },
];

/** The signed-in person's own settings: what they get by e-mail, and their password. */
export function SettingsPage() {
  usePageTitle('Settings');
  return (
    <main className="page" id="main">
      <div className="page__header">
        <div>
          <h1 className="page__title">Settings</h1>
          <p className="page__subtitle">Invitations and notices about your account are always sent.</p>
        </div>
      </div>
      <div className="settings">
        <MailPreferencesPanel />
        <ChangePasswordPanel />
      </div>
    </main>
  );
}

function MailPreferencesPanel() {
  const id = useId();
  const [{ data, error }] = useQuery({ query: MailPreferencesQuery, variables: {} });
  const [{ fetching }, save] = useMutation(SetMailPreferencesMutation);
  const [reminders, setReminders] = useState<ReminderMail>('EACH');
  const [agreements, setAgreements] = useState(true);
  const [status, setStatus] = useState('');
  const [failure, setFailure] = useState<string | null>(null);
  useEffect(() => {
    if (!data) return;
    setReminders(data.myMailPreferences.reminders);
    setAgreements(data.myMailPreferences.agreements);
  }, [data]);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setFailure(null);
    const result = await save({ input: { reminders, agreements } });
    if (result.error) {
      setFailure(apiError(result.error).message);
      return;
    }
    setStatus('Saved.');
  }

  return (
    <section className="panel" aria-labelledby={`${id}-heading`} data-testid="mail-preferences">
      <h2 className="panel__title" id={`${id}-heading`}>
        E-mail
      </h2>
      {error && !data ? <ErrorAlert message={apiError(error).message} /> : null}
      {!data ? (
        <Loading>Loading your mail preferences…</Loading>
      ) : (
        <form className="form" onSubmit={submit} aria-busy={fetching}>
          <fieldset className="fieldset">
            <legend>Deadline reminders</legend>
            {REMINDER_CHOICES.map((choice) => (
              <div className="choice" key={choice.value}>
                <input
                  type="radio"
                  id={`${id}-${choice.value}`}
                  name={`${id}-reminders`}
                  value={choice.value}
                  checked={reminders === choice.value}
                  onChange={() => {
                    setReminders(choice.value);
                    setStatus('');
                  }}
                  aria-describedby={`${id}-${choice.value}-hint`}
                />
                <label htmlFor={`${id}-${choice.value}`}>{choice.label}</label>
                <p className="field__hint" id={`${id}-${choice.value}-hint`}>
                  {choice.hint}
                </p>
              </div>
            ))}
          </fieldset>
          <div className="choice">
            <input
              type="checkbox"
              id={`${id}-agreements`}
              checked={agreements}
              onChange={(e) => {
                setAgreements(e.target.checked);
                setStatus('');
              }}
            />
            <label htmlFor={`${id}-agreements`}>Agreement notices (ready to sign, binding)</label>
          </div>
          {failure ? <ErrorAlert message={failure} /> : null}
          <button type="submit" className="button button--primary" disabled={fetching}>
            Save e-mail preferences
          </button>
          <p className="form__status" role="status">
            {fetching ? 'Saving…' : status}
          </p>
        </form>
      )}
    </section>
  );
}

function ChangePasswordPanel() {
  const id = useId();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [problem, setProblem] = useState<{ field: string; message: string } | null>(null);
  const [status, setStatus] = useState('');
  const [{ fetching }, change] = useMutation(ChangePasswordMutation);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setProblem(null);
    setStatus('');
    const result = await change({ currentPassword: current, newPassword: next });
    if (result.error) {
      const refused = result.error.graphQLErrors[0];
      const field = typeof refused?.extensions?.field === 'string' ? refused.extensions.field : '';
      setProblem({ field, message: field ? refused!.message.replace(/^\w+:\s*/, '') : apiError(result.error).message });
      return;
    }
    setCurrent('');
    setNext('');
    setStatus('Password changed. Your other sessions were signed out, and a notice went to your address.');
  }

  return (
    <section className="panel" aria-labelledby={`${id}-heading`}>
      <h2 className="panel__title" id={`${id}-heading`}>
        Password
      </h2>
      <form className="form" onSubmit={submit} aria-busy={fetching}>
        <div className="field">
          <label htmlFor={`${id}-current`}>Current password</label>
          <input id={`${id}-current`} type="password" autoComplete="current-password" required value={current} onChange={(e) => setCurrent(e.target.value)} />
          <FieldProblem id={`${id}-current-problem`} problem={problem?.field === 'password' ? problem.message : null} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-new`}>New password</label>
          <input id={`${id}-new`} type="password" autoComplete="new-password" required minLength={10} value={next} onChange={(e) => setNext(e.target.value)} />
          <FieldProblem id={`${id}-new-problem`} problem={problem?.field === 'newPassword' ? problem.message : null} />
        </div>
        {problem && !problem.field ? <ErrorAlert message={problem.message} /> : null}
        <button type="submit" className="button" disabled={fetching}>
          Change password
        </button>
        <p className="form__status" role="status">
          {fetching ? 'Changing…' : status}
        </p>
      </form>
    </section>
  );
}
