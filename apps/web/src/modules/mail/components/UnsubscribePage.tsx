import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { ErrorAlert } from '../../ui/components/Feedback';
import { usePageTitle } from '../../ui/hooks/usePageTitle';

/**
 * Where a mail's unsubscribe link lands (no sign-in). Opening the page changes nothing (link
 * checkers and previews open links); the button posts the same one-click request a mail
 * client sends (RFC 8058).
 */
export function UnsubscribePage() {
  usePageTitle('Unsubscribe');
  const { token = '' } = useParams();
  const [answer, setAnswer] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function unsubscribe() {
    setBusy(true);
    setFailure(null);
    try {
      const response = await fetch(`/mail/unsubscribe/${encodeURIComponent(token)}`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'List-Unsubscribe=One-Click',
      });
      if (response.ok) setAnswer((await response.text()).trim());
      else setFailure(response.status === 404 ? 'This unsubscribe link is not valid. Change what you get on the Settings page after signing in.' : 'That did not work. Try again.');
    } catch {
      setFailure('Could not reach the server. Check your connection, then try again.');
    } finally {
      setBusy(false);
    }
  }

  return (
    <main className="signin" id="main">
      <div className="signin__card">
        <h1 className="signin__title">Unsubscribe</h1>
        {answer ? (
          <p role="status" data-testid="unsubscribed">
            {answer}
          </p>
        ) : (
          <>
            <p>Stop getting these mails? You can turn them back on in Settings at any time.</p>
            {failure ? <ErrorAlert message={failure} /> : null}
            <button type="button" className="button button--primary button--block" disabled={busy} onClick={unsubscribe}>
              Unsubscribe
            </button>
          </>
        )}
        <p className="signin__aside">
          <Link to="/settings">Your mail preferences</Link>
        </p>
      </div>
    </main>
  );
}
