import { useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { useRefetchOnReconnect } from '../../live/live';
import { VisibleTo } from '../../ui/components/VisibleTo';
import { ErrorAlert } from '../../ui/components/Feedback';
import { apiError } from '../../ui/lib/errors';
import { enumLabel } from '../../ui/lib/format';
import { MyStrategyQuery, SetStrategyItemDoneMutation } from '../graphql/strategy';

/**
 * The side's own strategy checklist for the path (side-private: "collect the medical records"):
 * its counsel and parties see and tick it; the other side and the mediator never do, and a
 * tick goes on no timeline.
 */
export function StrategyPanel({ caseId, sideId }: { caseId: string; sideId: string | null }) {
  const [{ data, error }, reexecute] = useQuery({ query: MyStrategyQuery, variables: { id: caseId, sideId } });
  useRefetchOnReconnect(reexecute);
  const [tickResult, tick] = useMutation(SetStrategyItemDoneMutation);
  const [status, setStatus] = useState('');
  const [failure, setFailure] = useState<string | null>(null);
  const strategy = data?.case?.myStrategy ?? null;
  if (error && !data) return <ErrorAlert title="Your side’s strategy could not be loaded" message={apiError(error).message} />;
  if (!strategy) return null;

  async function toggle(itemId: string, label: string, done: boolean) {
    setStatus('');
    setFailure(null);
    const result = await tick({ caseId, itemId, done, sideId: strategy!.sideId });
    if (result.error) {
      setFailure(apiError(result.error).message);
      return;
    }
    setStatus(done ? `Done: ${label}.` : `Not done: ${label}.`);
    reexecute({ requestPolicy: 'network-only' });
  }

  return (
    <section className="panel panel--private" aria-labelledby="strategy-heading" data-testid="strategy">
      <div className="panel__head">
        <h2 className="panel__title" id="strategy-heading">
          Our strategy: {enumLabel(strategy.path)}
        </h2>
        <p className="panel__summary" data-testid="strategy-progress">
          {strategy.done} of {strategy.total} done
        </p>
      </div>
      <VisibleTo>Visible to: your side only</VisibleTo>
      <ul className="checklist playbook__items">
        {strategy.items.map((entry) => (
          <li key={entry.id} className="check">
            <input
              id={`strategy-${entry.id}`}
              type="checkbox"
              checked={entry.done}
              disabled={tickResult.fetching}
              onChange={(e) => void toggle(entry.id, entry.label, e.target.checked)}
            />
            <label htmlFor={`strategy-${entry.id}`}>{entry.label}</label>
          </li>
        ))}
      </ul>
      {failure ? <ErrorAlert title="Your checklist was not changed" message={failure} /> : null}
      <p className="panel__status" role="status">
        {status}
      </p>
    </section>
  );
}
