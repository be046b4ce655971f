import { useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { ErrorAlert, Loading } from '../../ui/components/Feedback';
import { apiError } from '../../ui/lib/errors';
import { formatDateTime } from '../../ui/lib/format';
import { CalendarFeedQuery, CreateCalendarFeedMutation, RevokeCalendarFeedMutation } from '../graphql/inbox';

/**
 * The viewer's secret ICS address: create it, replace it (the old one stops working) or
 * revoke it. The server keeps only a hash, so the address is shown once, when created.
 */
export function CalendarFeedPanel() {
  const [{ data, fetching, error }, reexecute] = useQuery({ query: CalendarFeedQuery, variables: {} });
  const [creating, create] = useMutation(CreateCalendarFeedMutation);
  const [revoking, revoke] = useMutation(RevokeCalendarFeedMutation);
  const [url, setUrl] = useState<string | null>(null);
  const [status, setStatus] = useState('');
  const [failure, setFailure] = useState<string | null>(null);
  const feed = data?.calendarFeed ?? null;
  const busy = creating.fetching || revoking.fetching;

  async function make() {
    setFailure(null);
    const result = await create({});
    if (result.error || !result.data) {
      setFailure(result.error ? apiError(result.error).message : 'The address was not created. Try again.');
      return;
    }
    setUrl(result.data.createCalendarFeed.url);
    setStatus(feed ? 'A new address was created; the old one no longer works.' : 'Your calendar address was created.');
    reexecute({ requestPolicy: 'network-only' });
  }

  async function stop() {
    setFailure(null);
    const result = await revoke({});
    if (result.error) {
      setFailure(apiError(result.error).message);
      return;
    }
    setUrl(null);
    setStatus('The calendar address was revoked: calendars using it get nothing more.');
    reexecute({ requestPolicy: 'network-only' });
  }

  return (
    <section className="panel" aria-labelledby="calendar-feed-heading" data-testid="calendar-feed">
      <h2 className="panel__title" id="calendar-feed-heading">
        Calendar feed (ICS)
      </h2>
      <p className="panel__note">
        A private address your calendar app can subscribe to, with the deadlines of your cases (titles and due times, no
        confidential text). Treat it like a password: anyone with it can read those deadlines. Replace or revoke it if it
        leaks.
      </p>
      {error && !data ? (
        <ErrorAlert title="The calendar feed could not be loaded" message={apiError(error).message}>
          <button type="button" className="button" onClick={() => reexecute({ requestPolicy: 'network-only' })}>
            Try again
          </button>
        </ErrorAlert>
      ) : !data && fetching ? (
        <Loading>Loading your calendar feed…</Loading>
      ) : (
        <>
          {feed ? (
            <p>
              Active since <time dateTime={feed.createdAt}>{formatDateTime(feed.createdAt)}</time>
              {feed.lastUsedAt ? (
                <>
                  ; last read by a calendar <time dateTime={feed.lastUsedAt}>{formatDateTime(feed.lastUsedAt)}</time>
                </>
              ) : '; not read by a calendar yet'}
              .
            </p>
          ) : (
            <p className="muted">You have no calendar address.</p>
          )}
          {url ? (
            <div className="field">
              <label htmlFor="calendar-feed-url">Your calendar address (shown only now: copy it)</label>
              <input id="calendar-feed-url" readOnly value={url} onFocus={(e) => e.currentTarget.select()} />
            </div>
          ) : feed ? (
            <p className="muted">The address is shown only when it is created. Lost it? Replace it.</p>
          ) : null}
          <div className="inline-form__actions">
            {feed ? (
              <>
                <button type="button" className="button" disabled={busy} onClick={() => void make()}>
                  Replace address
                </button>
                <button type="button" className="button button--quiet" disabled={busy} onClick={() => void stop()}>
                  Revoke address
                </button>
              </>
            ) : (
              <button type="button" className="button button--primary" disabled={busy} onClick={() => void make()}>
                Create calendar address
              </button>
            )}
          </div>
        </>
      )}
      {failure ? <ErrorAlert title="The calendar address was not changed" message={failure} /> : null}
      <p className="panel__status" role="status">
        {status}
      </p>
    </section>
  );
}
