import { useState } from 'react';
import { useQuery } from 'urql';
import { EmptyState, ErrorAlert, Loading } from '../../ui/components/Feedback';
import { usePageTitle } from '../../ui/hooks/usePageTitle';
import { apiError } from '../../ui/lib/errors';
import { formatDateTime } from '../../ui/lib/format';
import { OutboxQuery, type OutboxMailView } from '../graphql/mail';
import { mailKindLabel, mailStatusLabel, textWithLinks } from '../lib/mail';

/**
 * The organisation's mails, for its admins. Without an SMTP server this is where every mail
 * is: open one to read it and follow its links (a demo invitation, a reset link). With one it
 * is the log of what was sent or refused; a sent mail's text is not kept.
 */
export function OutboxPage() {
  usePageTitle('Outbox');
  const [{ data, fetching, error }, reexecute] = useQuery({ query: OutboxQuery, variables: { first: 100 } });
  const [openId, setOpenId] = useState<string | null>(null);
  const mails = data?.outbox;
  const open = mails?.find((m) => m.id === openId) ?? null;
  return (
    <main className="page" id="main">
      <div className="page__header">
        <div>
          <h1 className="page__title">Outbox</h1>
          <p className="page__subtitle" data-testid="outbox-mode">
            {data?.mailDelivery.smtp
              ? 'Mails go out through the mail server; this is what was sent, refused or is waiting.'
              : 'No mail server is set (SMTP_URL), so nothing is sent: every mail of your organisation is kept here.'}
          </p>
        </div>
        <button type="button" className="button" onClick={() => reexecute({ requestPolicy: 'network-only' })}>
          Refresh
        </button>
      </div>
      {error && !mails ? (
        <ErrorAlert title="The outbox could not be loaded" message={apiError(error).message} />
      ) : !mails ? (
        fetching ? <Loading>Loading the outbox…</Loading> : null
      ) : mails.length === 0 ? (
        <EmptyState title="No mails yet">Invitations, password resets, reminders and agreement notices appear here.</EmptyState>
      ) : (
        <div className="outbox">
          <section className="panel" aria-labelledby="outbox-heading">
            <h2 className="panel__title" id="outbox-heading">
              Newest first
            </h2>
            <ul className="records" data-testid="outbox">
              {mails.map((mail) => (
                <li key={mail.id} className="record" data-testid="outbox-mail">
                  <div className="record__row">
                    <span className="badge">{mailKindLabel(mail.kind)}</span>
                    <button type="button" className="button button--link record__title" aria-expanded={openId === mail.id} onClick={() => setOpenId(openId === mail.id ? null : mail.id)}>
                      {mail.subject}
                    </button>
                  </div>
                  <p className="muted">
                    To {mail.to} · <time dateTime={mail.createdAt}>{formatDateTime(mail.createdAt)}</time> · {mailStatusLabel(mail.status)}
                    {mail.lastReply && mail.status !== 'SENT' ? ` (${mail.lastReply})` : ''}
                  </p>
                </li>
              ))}
            </ul>
          </section>
          {open ? <MailView mail={open} /> : null}
        </div>
      )}
    </main>
  );
}

function MailView({ mail }: { mail: OutboxMailView }) {
  return (
    <section className="panel" aria-labelledby="mail-heading" data-testid="outbox-open">
      <h2 className="panel__title" id="mail-heading">
        {mail.subject}
      </h2>
      <p className="muted">To {mail.to}</p>
      {mail.text ? (
        <pre className="mail-text">
          {textWithLinks(mail.text).map((part, i) =>
            part.href ? (
              <a key={i} href={part.href}>
                {part.text}
              </a>
            ) : (
              <span key={i}>{part.text}</span>
            ),
          )}
        </pre>
      ) : (
        <p>This mail was sent; its text and links are not kept.</p>
      )}
    </section>
  );
}
