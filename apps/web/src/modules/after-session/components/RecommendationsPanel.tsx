import { useState } from 'react';
import type { CaseDetail, RecommendedPathView } from '../../cases/graphql/case';
import { useTransitionCase } from '../../cases/hooks/useTransitionCase';
import { ErrorAlert } from '../../ui/components/Feedback';
import { VisibleTo } from '../../ui/components/VisibleTo';
import { pathEventInput } from '../lib/paths';

type RecommendationsCase = Pick<CaseDetail, 'id' | 'version' | 'allowedEvents' | 'recommendations'>;

/**
 * "What to do next": the api's ranked paths out of impasse, each with its reasons; the
 * excluded ones folded away with why. A path can be started from here only when its event
 * is in `allowedEvents` (the api ranks; the web never second-guesses it).
 */
export function RecommendationsPanel({ item, busy, onChanged }: { item: RecommendationsCase; busy: boolean; onChanged(): void }) {
  const { send, sending, error } = useTransitionCase(item.id, item.version);
  const [confirming, setConfirming] = useState<string | null>(null);
  const [done, setDone] = useState('');
  const recommendations = item.recommendations;
  if (!recommendations) return null;
  const ranked = [...recommendations.recommended].sort((a, b) => a.rank - b.rank);

  async function start(path: RecommendedPathView) {
    const input = pathEventInput(path.event);
    if (!input) return;
    setDone('');
    const ok = await send(input);
    setConfirming(null);
    if (ok) {
      setDone(`Started: ${path.label}.`);
      onChanged();
    }
  }

  return (
    <section className="panel" aria-labelledby="recommendations-heading" data-testid="recommendations">
      <h2 className="panel__title" id="recommendations-heading">
        What to do next
      </h2>
      <VisibleTo>Visible to: the mediator and counsel</VisibleTo>
      {ranked.length === 0 ? (
        <p className="muted">No path out of impasse can be recommended yet: record why the session stalled first.</p>
      ) : (
        <ol className="paths">
          {ranked.map((path) => {
            const input = item.allowedEvents.includes(path.event.type) ? pathEventInput(path.event) : null;
            return (
              <li key={path.path} className={`path${path.rank === 1 ? ' path--top' : ''}`} data-testid="recommended-path" data-path={path.path}>
                <p className="path__title">
                  <span className="path__rank">{path.rank}.</span> {path.label}
                  {path.rank === 1 ? <span className="badge path__badge">Recommended</span> : null}
                </p>
                <ul className="path__reasons">
                  {path.reasons.map((reason) => (
                    <li key={reason}>{reason}</li>
                  ))}
                </ul>
                {input ? (
                  confirming === path.path ? (
                    <div className="path__actions">
                      <button type="button" className="button button--primary button--small" disabled={sending || busy} onClick={() => void start(path)}>
                        Confirm: {path.label}
                      </button>
                      <button type="button" className="button button--quiet button--small" onClick={() => setConfirming(null)}>
                        Cancel
                      </button>
                    </div>
                  ) : (
                    <div className="path__actions">
                      <button
                        type="button"
                        className={`button button--small${path.rank === 1 ? ' button--primary' : ''}`}
                        disabled={sending || busy}
                        onClick={() => setConfirming(path.path)}
                      >
                        Choose: {path.label}
                      </button>
                    </div>
                  )
                ) : null}
              </li>
            );
          })}
        </ol>
      )}
      {recommendations.excluded.length > 0 ? (
        <details className="paths__excluded" data-testid="excluded-paths">
          <summary>
            Not recommended now ({recommendations.excluded.length})
          </summary>
          <ul>
            {recommendations.excluded.map((path) => (
              <li key={path.path} data-testid="excluded-path" data-path={path.path}>
                <span className="path__title">{path.label}</span>: {path.reasons.join(' ')}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
      {error ? <ErrorAlert title="The path was not started" message={error.message} /> : null}
      <p className="panel__status" role="status">
        {sending ? 'Saving…' : done}
      </p>
    </section>
  );
}
