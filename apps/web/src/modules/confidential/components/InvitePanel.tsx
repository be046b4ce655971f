import { VisibleTo } from '../../ui/components/VisibleTo';
import { useId, useState, type FormEvent } from 'react';
import { useMutation } from 'urql';
import { INVITATION_ROLES, type InvitationRole } from '../../../generated/schema';
import type { SideView } from '../../cases/graphql/case';
import { ErrorAlert } from '../../ui/components/Feedback';
import { EnumSelectField } from '../../ui/components/InlineForm';
import { apiError } from '../../ui/lib/errors';
import { formatDateTime } from '../../ui/lib/format';
import { InviteToCaseMutation, type InvitationLinkView } from '../graphql/confidential';

/** The mediator or program administrator invites counsel or a party to a side, and copies the link. */
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

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setFailure(null);
    setCopied('');
    const result = await invite({ caseId, input: { sideId, role, email: email.trim(), displayName: displayName.trim() } });
    if (result.error || !result.data) {
      setFailure(result.error ? apiError(result.error).message : 'The invitation could not be created. Try again.');
      return;
    }
    const { url, expiresAt } = result.data.inviteToCase;
    const href = /^https?:/.test(url) ? url : `${window.location.origin}${url}`;
    setLink({ url, expiresAt, href, email: email.trim() });
    setEmail('');
    setDisplayName('');
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
            Send this link to {link.email}. It works once, until <time dateTime={link.expiresAt}>{formatDateTime(link.expiresAt)}</time>; it is not shown again.
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
    </section>
  );
}
