import { caseMachine } from './machine.js';

/** A plain tree of the statechart's states, for drawing the diagram in the web. */
export interface StateOutline {
  id: string;
  key: string;
  type: 'atomic' | 'compound' | 'parallel' | 'final' | 'history';
  children: StateOutline[];
  /** Targets reachable from this state by event type, as state ids. */
  transitions: { event: string; targets: string[] }[];
}

export function statechartOutline(): StateOutline {
  type Node = (typeof caseMachine)['root'];
  const walk = (node: Node): StateOutline => ({
    id: node.id,
    key: node.key,
    type: node.type,
    children: Object.values(node.states).map((child) => walk(child as Node)),
    transitions: [...node.transitions.entries()].map(([event, list]) => ({
      event,
      targets: list.flatMap((t) => (t.target ?? []).map((target) => target.id)),
    })),
  });
  return walk(caseMachine.root);
}
