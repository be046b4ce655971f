import { useId, useState, type FormEvent } from 'react';
import { useMutation, useQuery, type CombinedError } from 'urql';
import { useRefetchOnReconnect } from '../../live/live';
import type { MediatorAssignmentStatus } from '../../../generated/schema';
import type { SideView } from '../../cases/graphql/case';
import { EmptyState, ErrorAlert, Loading } from '../../ui/components/Feedback';
import { apiError } from '../../ui/lib/errors';
import { formatDateTime } from '../../ui/lib/format';
import {
  AcknowledgeMediatorDisclosureMutation,
  MediatorAssignmentQuery,
  MediatorsOfMyOrganisationQuery,
  ProposeMediatorMutation,
} from '../graphql/mediatorAssignment';
import { VisibleTo } from '../../ui/components/VisibleTo';

const STATUS_TEXT: Readonly<Record<MediatorAssignmentStatus, string>> = {
  PROPOSED: 'Proposed',
  DISCLOSED: 'Disclosed: waiting for the sides to acknowledge',
  ACCEPTED: 'Assigned: the mediator is on the case',
  WITHDRAWN: 'Withdrawn: replaced by a later proposal',
};

/**
 * The conflict check (UMA §9): the proposed mediator, what the inquiry found, which sides
 * acknowledged the disclosure and which are awaited. A side's counsel or party acknowledges
 * for their own side (`mySideIds`, from `myRoles`); the case's mediator or program
 * administrator proposes a mediator of the organisation. The api decides every one of these.
 */
export function MediatorAssignmentPanel({
  caseId,
  sides,
  mySideIds,
  canPropose,
  outcomeOnly = false,
  onChanged,
}: {
  caseId: string;
  sides: readonly SideView[];
  mySideIds: readonly string[];
  canPropose: boolean;
  /** A program administrator reads no case-shared field: the disclosure itself is not theirs to see. */
  outcomeOnly?: boolean;
  onChanged?(): void;
}) {
  const [{ data, fetching, error }, reexecute] = useQuery({ query: MediatorAssignmentQuery, variables: { id: caseId }, pause: outcomeOnly });
  useRefetchOnReconnect(reexecute, outcomeOnly);
  const reload = () => reexecute({ requestPolicy: 'network-only' });
  const [ackResult, acknowledge] = useMutation(AcknowledgeMediatorDisclosureMutation);
  const [failure, setFailure] = useState<string | null>(null);
  const [status, setStatus] = useState('');
  const assignment = data?.case?.mediatorAssignment ?? null;
  const sideLabel = (id: string) => sides.find((s) => s.id === id)?.label ?? 'A side';

  async function done(result: { error?: CombinedError }, message: string) {
    if (result.error) {
      setFailure(apiError(result.error).message);
      return false;
    }
    setFailure(null);
    setStatus(message);
    reload();
    onChanged?.();
    return true;
  }

  const mayAcknowledge = assignment ? assignment.awaitingSideIds.filter((id) => mySideIds.includes(id)) : [];

  return (
    <section className="panel" aria-labelledby="mediator-assignment-heading" data-testid="mediator-assignment">
      <h2 className="panel__title" id="mediator-assignment-heading">
        Mediator assignment
      </h2>
      <VisibleTo>Visible to: everyone on this case</VisibleTo>
      {failure ? <ErrorAlert message={failure} /> : null}
      {outcomeOnly ? (
        <p className="muted">The conflict disclosure and the sides’ acknowledgements are shown to the case’s participants, not to a program administrator.</p>
      ) : !data && fetching ? (
        <Loading>Loading the mediator assignment…</Loading>
      ) : error && !data ? (
        <ErrorAlert title="The mediator assignment could not be loaded" message={apiError(error).message}>
          <button type="button" className="button" onClick={reload}>
            Try again
          </button>
        </ErrorAlert>
      ) : !assignment ? (
        <EmptyState title="No mediator proposed">{canPropose ? 'Propose a mediator of your organisation below.' : 'The case’s mediator or program administrator proposes one.'}</EmptyState>
      ) : (
        <div data-testid="mediator-assignment-details">
          <dl className="facts">
            <div>
              <dt>Proposed mediator</dt>
              <dd>{assignment.mediatorName}</dd>
            </div>
            <div>
              <dt>Status</dt>
              <dd data-testid="mediator-assignment-status">{STATUS_TEXT[assignment.status]}</dd>
            </div>
            <div>
              <dt>Proposed</dt>
              <dd>
                <time dateTime={assignment.proposedAt}>{formatDateTime(assignment.proposedAt)}</time>
              </dd>
            </div>
            {assignment.acceptedAt ? (
              <div>
                <dt>Assigned</dt>
                <dd>
                  <time dateTime={assignment.acceptedAt}>{formatDateTime(assignment.acceptedAt)}</time>
                </dd>
              </div>
            ) : null}
          </dl>
          <h3>Conflict inquiry</h3>
          {assignment.findings.length === 0 ? (
            <p>The inquiry found nothing to disclose.</p>
          ) : (
            <ul data-testid="conflict-findings">
              {assignment.findings.map((finding, i) => (
                <li key={i}>{finding.sentence}</li>
              ))}
            </ul>
          )}
          {assignment.findings.length > 0 ? (
            <>
              <h3>Acknowledged by</h3>
              {assignment.acknowledgedSideIds.length === 0 ? (
                <p className="muted">No side yet.</p>
              ) : (
                <ul data-testid="acknowledged-sides">
                  {assignment.acknowledgedSideIds.map((id) => (
                    <li key={id}>{sideLabel(id)}</li>
                  ))}
                </ul>
              )}
              <h3>Awaiting</h3>
              {assignment.awaitingSideIds.length === 0 ? (
                <p className="muted">No side.</p>
              ) : (
                <ul data-testid="awaiting-sides">
                  {assignment.awaitingSideIds.map((id) => (
                    <li key={id}>{sideLabel(id)}</li>
                  ))}
                </ul>
              )}
            </>
          ) : null}
          {mayAcknowledge.length > 0 ? (
            <div className="form__actions">
              {mayAcknowledge.map((sideId) => (
                <button
                  key={sideId}
                  type="button"
                  className="button button--primary"
                  disabled={ackResult.fetching}
                  onClick={async () => void done(await acknowledge({ caseId, sideId }), `Disclosure acknowledged for ${sideLabel(sideId)}.`)}
                >
                  Acknowledge the disclosure for {sideLabel(sideId)}
                </button>
              ))}
            </div>
          ) : null}
        </div>
      )}
      {canPropose ? <ProposeMediatorForm caseId={caseId} onDone={done} /> : null}
      <p className="panel__status" role="status">
        {ackResult.fetching ? 'Sending the acknowledgement…' : status}
      </p>
    </section>
  );
}

function ProposeMediatorForm({ caseId, onDone }: { caseId: string; onDone(result: { error?: CombinedError }, message: string): Promise<boolean> }) {
  const id = useId();
  const [open, setOpen] = useState(false);
  const [userId, setUserId] = useState('');
  const [{ data, fetching, error }, reexecute] = useQuery({ query: MediatorsOfMyOrganisationQuery, pause: !open });
  useRefetchOnReconnect(reexecute, !open);
  const [proposeResult, propose] = useMutation(ProposeMediatorMutation);
  const mediators = data?.mediatorsOfMyOrganisation ?? [];

  if (!open) {
    return (
      <p className="panel__foot">
        <button type="button" className="button" onClick={() => setOpen(true)}>
          Propose a mediator
        </button>
      </p>
    );
  }

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!userId) return;
    const name = mediators.find((m) => m.id === userId)?.displayName ?? 'The mediator';
    if (await onDone(await propose({ caseId, userId }), `${name} proposed; the conflict inquiry ran.`)) {
      setOpen(false);
      setUserId('');
    }
  }

  return (
    <form className="form" onSubmit={submit} aria-label="Propose a mediator" aria-busy={proposeResult.fetching}>
      {!data && fetching ? (
        <Loading>Loading your organisation’s mediators…</Loading>
      ) : error && !data ? (
        <ErrorAlert title="The mediators could not be loaded" message={apiError(error).message}>
          <button type="button" className="button" onClick={() => reexecute({ requestPolicy: 'network-only' })}>
            Try again
          </button>
        </ErrorAlert>
      ) : mediators.length === 0 ? (
        <EmptyState title="No mediators in your organisation">An organisation admin creates mediator accounts.</EmptyState>
      ) : (
        <div className="field">
          <label htmlFor={`${id}-mediator`}>Mediator</label>
          <select id={`${id}-mediator`} required value={userId} onChange={(e) => setUserId(e.target.value)}>
            <option value="">Choose a mediator…</option>
            {mediators.map((m) => (
              <option key={m.id} value={m.id}>
                {m.displayName}
              </option>
            ))}
          </select>
        </div>
      )}
      <p className="muted">Proposing runs the conflict inquiry; what it finds is disclosed to the sides, who must acknowledge it before the mediator joins.</p>
      <div className="form__actions">
        <button type="submit" className="button button--primary" disabled={proposeResult.fetching || !userId}>
          Propose
        </button>
        <button type="button" className="button" onClick={() => setOpen(false)}>
          Cancel
        </button>
      </div>
    </form>
  );
}
