import type { StateOutline } from '@impasse/case-machine';
import { useId, useState } from 'react';
import { eventLabel } from '../../cases/lib/events';
import { CASE_OUTLINE, regionsOf, splitStateId, stateIdOf } from '../lib/outline';
import { regionLabel, stateLabel } from '../lib/labels';
import { sentenceCase } from '../../ui/lib/humanise';

export interface StatechartDiagramProps {
  /** The current state path of each region, e.g. `{ resolution: 'mediation.scheduled', litigation: 'notFiled' }`. */
  current: Readonly<Record<string, string>>;
  outline?: StateOutline;
  /** Start with the events that leave every state shown, not only the current ones. */
  showAllTransitions?: boolean;
}

/**
 * The case statechart drawn as nested boxes, one panel per parallel region, with the
 * current state of each region lit (`aria-current="true"`) and its parents outlined.
 * It only draws the chart: what the viewer may do comes from the api's `allowedEvents`.
 */
export function StatechartDiagram({ current, outline = CASE_OUTLINE, showAllTransitions = false }: StatechartDiagramProps) {
  const toggleId = useId();
  const [showAll, setShowAll] = useState(showAllTransitions);
  return (
    <div className="chart">
      <div className="chart__controls">
        <input id={toggleId} type="checkbox" checked={showAll} onChange={(e) => setShowAll(e.target.checked)} />
        <label htmlFor={toggleId}>Show the events of every state</label>
      </div>
      <ul className="chart__legend" aria-label="Legend">
        <li>
          <span className="swatch swatch--current" aria-hidden="true" /> Current state
        </li>
        <li>
          <span className="swatch swatch--active" aria-hidden="true" /> Contains the current state
        </li>
        <li>
          <span className="swatch swatch--final" aria-hidden="true" /> Final state
        </li>
      </ul>
      <div className="chart__regions">
        {regionsOf(outline).map((region) => {
          const path = current[region.key];
          const currentId = path ? stateIdOf(region.key, path, outline) : null;
          return (
            <section key={region.id} className="chart__region" aria-label={`${regionLabel(region.key)} region`}>
              <h3 className="chart__region-title">
                {regionLabel(region.key)}
                {path ? <span className="chart__region-now">now: {stateLabel(path)}</span> : null}
              </h3>
              <ul className="chart__states">
                {region.children.map((node) => (
                  <StateBox
                    key={node.id}
                    node={node}
                    currentId={currentId}
                    outline={outline}
                    region={region.key}
                    showAll={showAll}
                  />
                ))}
              </ul>
            </section>
          );
        })}
      </div>
    </div>
  );
}

function StateBox({
  node,
  currentId,
  outline,
  region,
  showAll,
}: {
  node: StateOutline;
  currentId: string | null;
  outline: StateOutline;
  region: string;
  /** Show the events leaving this state even when it is not the current one. */
  showAll: boolean;
}) {
  const isCurrent = node.id === currentId;
  const containsCurrent = currentId !== null && currentId.startsWith(`${node.id}.`);
  const classes = [
    'chart__state',
    node.children.length > 0 ? 'chart__state--compound' : '',
    node.type === 'final' ? 'chart__state--final' : '',
    isCurrent ? 'chart__state--current' : '',
    containsCurrent ? 'chart__state--active' : '',
  ]
    .filter(Boolean)
    .join(' ');
  return (
    <li className={classes} aria-current={isCurrent ? 'true' : undefined} data-state-id={node.id}>
      <div className="chart__box">
        <span className="chart__name">
          {sentenceCase(node.key)}
          {node.type === 'final' ? <span className="chart__tag">final</span> : null}
          {isCurrent ? <span className="chart__tag chart__tag--now">now</span> : null}
        </span>
        {(showAll || isCurrent) && node.transitions.length > 0 ? (
          <ul className="chart__transitions" aria-label={`Events from ${sentenceCase(node.key)}`}>
            {node.transitions.map((t) => (
              <li key={t.event}>
                {eventLabel(t.event)}
                {t.targets.length > 0 ? (
                  <>
                    {' '}
                    <span aria-hidden="true">→</span>
                    <span className="visually-hidden"> leads to</span>{' '}
                    {[...new Set(t.targets.map((target) => targetLabel(target, region, outline)))].join(' or ')}
                  </>
                ) : null}
              </li>
            ))}
          </ul>
        ) : null}
      </div>
      {node.children.length > 0 ? (
        <ul className="chart__states chart__states--nested">
          {node.children.map((child) => (
            <StateBox
              key={child.id}
              node={child}
              currentId={currentId}
              outline={outline}
              region={region}
              showAll={showAll}
            />
          ))}
        </ul>
      ) : null}
    </li>
  );
}

/** A target id as a label; a target in another region says which. */
function targetLabel(id: string, region: string, outline: StateOutline): string {
  const target = splitStateId(id, outline);
  if (target.region === null) return id;
  const label = stateLabel(target.path);
  return target.region === region ? label : `${label} (${target.region})`;
}
