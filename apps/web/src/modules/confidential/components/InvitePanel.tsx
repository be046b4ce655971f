import { VisibleTo } from '../../ui/components/VisibleTo';
import { useRefetchOnReconnect } from '../../live/live';
import { useId, useState, type FormEvent } from 'react';
import { useMutation, useQuery } from 'urql';
import { INVITATION_ROLES, type InvitationRole } from '../../../generated/schema';
import type { SideView } from '../../cases/graphql/case';
import { ErrorAlert } from '../../ui/components/Feedback';
import { EnumSelectField } from '../../ui/components/InlineForm';
import { apiError } from '../../ui/lib/errors';
import { formatDateTime } from '../../ui/lib/format';
import { CaseInvitationsQuery, InviteToCaseMutation, type CaseInvitationView, type InvitationLinkView } from '../graphql/confidential';

/**
 * The mediator or program administrator invites counsel or a party to a side. The invitee is
 * sent the link by e-mail; the link is also shown once to copy (for someone whose mail does
 * not arrive), and the list below says what became of each invitation's mail.
 */
export function InvitePanel({ caseId, sides }: { caseId: string; sides: readonly SideView[] }) {
  const id = useId();
  const [sideId, setSideId] = useState(sides[0]?.id ?? '');
  const [role, setRole] = useState<InvitationRole>('COUNSEL');
  const [email, setEmail] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [link, setLink] = useState<(InvitationLinkView & { href: string; email: string }) | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [copied, setCopied] = useState('');
  const [{ fetching }, invite] = useMutation(InviteToCaseMutation);
  const [invitations, refetchInvitations] = useQuery({ query: CaseInvitationsQuery, variables: { caseId } });
  useRefetchOnReconnect(refetchInvitations);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setFailure(null);
    setCopied('');
    const result = await invite({ caseId, input: { sideId, role, email: email.trim(), displayName: displayName.trim() } });
    if (result.error || !result.data) {
      setFailure(result.error ? apiError(result.error).message : 'The invitation could not be created. Try again.');
      return;
    }
    const { url, expiresAt, invitationId } = result.data.inviteToCase;
    const href = /^https?:/.test(url) ? url : `${window.location.origin}${url}`;
    setLink({ url, expiresAt, invitationId, href, email: email.trim() });
    setEmail('');
    setDisplayName('');
    refetchInvitations({ requestPolicy: 'network-only' });
  }

  async function copy() {
    if (!link) return;
    try {
      await navigator.clipboard.writeText(link.href);
      setCopied('Link copied.');
    } catch {
      setCopied('Select the link and copy it.');
    }
  }

  return (
    <section className="panel" aria-labelledby="invite-heading" data-testid="invite">
      <h2 className="panel__title" id="invite-heading">
        Invite to this case
      </h2>
      <VisibleTo>Visible to: the case&apos;s mediator and program administrator</VisibleTo>
      <form className="form" onSubmit={submit} aria-busy={fetching}>
        <div className="field">
          <label htmlFor={`${id}-side`}>Side</label>
          <select id={`${id}-side`} value={sideId} onChange={(e) => setSideId(e.target.value)} required>
            {sides.map((s) => (
              <option key={s.id} value={s.id}>
                {s.label}
              </option>
            ))}
          </select>
        </div>
        <EnumSelectField id={`${id}-role`} label="Role" values={INVITATION_ROLES} value={role} onChange={setRole} />
        <div className="field">
          <label htmlFor={`${id}-name`}>Name</label>
          <input id={`${id}-name`} required value={displayName} onChange={(e) => setDisplayName(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-email`}>Invitee e-mail</label>
          <input id={`${id}-email`} type="email" required value={email} onChange={(e) => setEmail(e.target.value)} />
        </div>
        {failure ? <ErrorAlert message={failure} /> : null}
        <button type="submit" className="button button--primary" disabled={fetching || !sideId}>
          Create invitation link
        </button>
      </form>
      {link ? (
        <div className="invite-link" data-testid="invite-link">
          <p>
            The invitation was e-mailed to {link.email}. If it does not arrive, send them this link yourself: it works once, until{' '}
            <time dateTime={link.expiresAt}>{formatDateTime(link.expiresAt)}</time>, and is not shown again.
          </p>
          <div className="field">
            <label htmlFor={`${id}-link`}>Invitation link</label>
            <input id={`${id}-link`} readOnly value={link.href} onFocus={(e) => e.target.select()} />
          </div>
          <button type="button" className="button" onClick={copy}>
            Copy link
          </button>
        </div>
      ) : null}
      <p className="panel__status" role="status">
        {fetching ? 'Creating the invitation…' : copied}
      </p>
      {invitations.data?.caseInvitations?.length ? (
        <InvitationList items={invitations.data.caseInvitations} onRefresh={() => refetchInvitations({ requestPolicy: 'network-only' })} />
      ) : null}
    </section>
  );
}

/** Where an invitation stands: accepted, else what became of its mail. */
export function invitationState(item: Pick<CaseInvitationView, 'acceptedAt' | 'expired' | 'mailStatus' | 'mailReply'>): { label: string; tone: 'done' | 'problem' | 'open' } {
  if (item.acceptedAt) return { label: 'Accepted', tone: 'done' };
  if (item.mailStatus === 'REFUSED') return { label: `Mail refused by the mail server${item.mailReply ? `: ${item.mailReply}` : ''}`, tone: 'problem' };
  if (item.mailStatus === 'FAILED') return { label: 'The mail could not be sent; send the link yourself', tone: 'problem' };
  if (item.expired) return { label: 'Expired without being accepted', tone: 'problem' };
  if (item.mailStatus === 'SENT') return { label: 'Mail sent, not accepted yet', tone: 'open' };
  if (item.mailStatus === 'KEPT') return { label: 'Mail kept in the Outbox (no mail server); not accepted yet', tone: 'open' };
  if (item.mailStatus === 'PENDING') return { label: 'Mail waiting to be sent', tone: 'open' };
  return { label: 'Not accepted yet', tone: 'open' };
}

function InvitationList({ items, onRefresh }: { items: readonly CaseInvitationView[]; onRefresh: () => void }) {
  return (
    <div data-testid="invitations">
      <h3 className="panel__subtitle">Invitations</h3>
      <ul className="invitations">
        {items.map((item) => {
          const state = invitationState(item);
          return (
            <li key={item.id} className="invitations__item" data-testid="invitation" data-mail-status={item.mailStatus ?? ''}>
              <span>
                {item.displayName} <span className="muted">({item.email})</span> · {item.role === 'COUNSEL' ? 'counsel' : 'party'} for {item.sideLabel}
              </span>
              <br />
              <span className={`status status--${state.tone === 'done' ? 'settled' : state.tone === 'problem' ? 'overdue' : 'open'}`}>{state.label}</span>
            </li>
          );
        })}
      </ul>
      <button type="button" className="button button--small" onClick={onRefresh}>
        Refresh
      </button>
    </div>
  );
}
