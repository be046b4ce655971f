import { useState } from 'react';
import { Link } from 'react-router-dom';
import { useMutation, useQuery } from 'urql';
import { useRefetchOnReconnect } from '../../live/live';
import { EmptyState, ErrorAlert, Loading } from '../../ui/components/Feedback';
import { usePageTitle } from '../../ui/hooks/usePageTitle';
import { apiError } from '../../ui/lib/errors';
import { enumLabel, formatDateTime, plural, timeZone } from '../../ui/lib/format';
import { InboxQuery, MarkInboxItemReadMutation, type InboxItemView } from '../graphql/inbox';

/** Why a reminder was sent, in words. */
const KIND_LABELS: Readonly<Record<string, string>> = {
  DEADLINE_IN_7_DAYS: 'Due in 7 days',
  DEADLINE_IN_1_DAY: 'Due tomorrow',
  TOUCHPOINT_OVERDUE: 'Touchpoint overdue',
};

export function inboxKindLabel(kind: string): string {
  return KIND_LABELS[kind] ?? enumLabel(kind);
}

export function unreadCount(items: readonly Pick<InboxItemView, 'readAt'>[] | undefined): number {
  return (items ?? []).filter((item) => !item.readAt).length;
}

/** The viewer's reminders, newest first; unread ones can be marked read. */
export function InboxPage() {
  usePageTitle('Inbox');
  const [{ data, fetching, error }, reexecute] = useQuery({ query: InboxQuery, variables: {} });
  useRefetchOnReconnect(reexecute);
  const [marking, markRead] = useMutation(MarkInboxItemReadMutation);
  const [status, setStatus] = useState('');
  const [failure, setFailure] = useState<string | null>(null);
  const items = data?.inbox;
  const unread = unreadCount(items);

  async function mark(item: InboxItemView) {
    setFailure(null);
    const result = await markRead({ id: item.id });
    if (result.error) {
      setFailure(apiError(result.error).message);
      return;
    }
    setStatus(`Marked “${item.title}” read.`);
    reexecute({ requestPolicy: 'network-only' });
  }

  return (
    <main className="page" id="main">
      <div className="page__header">
        <div>
          <h1 className="page__title">Inbox</h1>
          <p className="page__subtitle">
            Reminders of your cases’ deadlines. Times in {timeZone()}.
            {items ? ` ${plural(unread, 'unread reminder')}.` : ''}
          </p>
        </div>
      </div>
      {error && !items ? (
        <ErrorAlert title="Your inbox could not be loaded" message={apiError(error).message}>
          <button type="button" className="button" onClick={() => reexecute({ requestPolicy: 'network-only' })}>
            Try again
          </button>
        </ErrorAlert>
      ) : !items ? (
        fetching ? <Loading>Loading your inbox…</Loading> : null
      ) : items.length === 0 ? (
        <EmptyState title="No reminders">Reminders arrive 7 days and 1 day before a deadline, and when a touchpoint is overdue.</EmptyState>
      ) : (
        <section className="panel" aria-labelledby="inbox-heading">
          <h2 className="panel__title" id="inbox-heading">
            Newest first
          </h2>
          <ul className="records" data-testid="inbox">
            {items.map((item) => (
              <li key={item.id} className={`record${item.readAt ? ' inbox-item--read' : ' inbox-item--unread'}`} data-testid="inbox-item">
                <div className="record__row">
                  <span className={`badge${item.kind === 'TOUCHPOINT_OVERDUE' ? ' badge--overdue' : ''}`}>{inboxKindLabel(item.kind)}</span>
                  <span className="record__title">{item.title}</span>
                  {item.readAt ? <span className="muted">Read</span> : <span className="status status--open">Unread</span>}
                </div>
                <p className="record__meta">
                  {item.dueAt ? (
                    <span>
                      Due <time dateTime={item.dueAt}>{formatDateTime(item.dueAt)}</time>
                    </span>
                  ) : null}
                  <span>
                    Sent <time dateTime={item.createdAt}>{formatDateTime(item.createdAt)}</time>
                  </span>
                  <Link to={`/cases/${item.caseId}`}>Open the case</Link>
                </p>
                {item.readAt ? null : (
                  <div className="record__actions">
                    <button
                      type="button"
                      className="button button--small"
                      disabled={marking.fetching}
                      aria-label={`Mark read: ${item.title}`}
                      onClick={() => void mark(item)}
                    >
                      Mark read
                    </button>
                  </div>
                )}
              </li>
            ))}
          </ul>
        </section>
      )}
      {failure ? <ErrorAlert title="The reminder was not marked read" message={failure} /> : null}
      <p className="panel__status" role="status">
        {status}
      </p>
    </main>
  );
}

/** "Inbox" in the header, with the number of unread reminders. */
export function InboxLinkLabel() {
  const [{ data }, reexecute] = useQuery({ query: InboxQuery, variables: {} });
  useRefetchOnReconnect(reexecute);
  const unread = unreadCount(data?.inbox);
  return (
    <>
      Inbox
      {unread > 0 ? (
        <span className="count count--badge" data-testid="inbox-count">
          {unread}
          <span className="visually-hidden"> unread</span>
        </span>
      ) : null}
    </>
  );
}
