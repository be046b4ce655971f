import { caseMachine } from './machine.js';

type Node = (typeof caseMachine)['root'];
type TransitionDefinition = ReturnType<Node['transitions']['get']> extends (infer T)[] | undefined ? T : never;

/** A plain tree of the statechart's states, for drawing the diagram in the web. */
export interface StateOutline {
  id: string;
  key: string;
  type: 'atomic' | 'compound' | 'parallel' | 'final' | 'history';
  children: StateOutline[];
  /** Targets reachable from this state by event type, as state ids. */
  transitions: { event: string; targets: string[]; guards?: (string | null)[] }[];
  /** Transitions taken without an event as soon as their guard holds. */
  eventless?: { target: string; guard: string | null }[];
}

/** A guard as a short label: `name`, `name(value)` with params, `a and b` for `and([...])`. */
export function guardLabel(guard: unknown): string | null {
  if (guard === undefined || guard === null) return null;
  if (typeof guard === 'string') return guard;
  if (typeof guard === 'function') {
    const inner = (guard as { guards?: unknown[] }).guards ?? [];
    return inner.map(guardLabel).join(' and ') || null;
  }
  if (typeof guard === 'object' && 'type' in guard) {
    const { type, params } = guard as { type: string; params?: Record<string, unknown> };
    const values = params && typeof params === 'object' ? Object.values(params) : [];
    return values.length ? `${type}(${values.join(', ')})` : type;
  }
  return null;
}

const targetsOf = (t: TransitionDefinition): string[] => (t.target ?? []).map((target) => target.id);

export function statechartOutline(): StateOutline {
  const walk = (node: Node): StateOutline => {
    const always = (node.always ?? []) as TransitionDefinition[];
    return {
      id: node.id,
      key: node.key,
      type: node.type,
      children: Object.values(node.states).map((child) => walk(child as Node)),
      transitions: [...node.transitions.entries()].map(([event, list]) => ({
        event,
        targets: list.flatMap(targetsOf),
        guards: list.map((t) => guardLabel(t.guard)),
      })),
      ...(always.length
        ? { eventless: always.flatMap((t) => targetsOf(t).map((target) => ({ target, guard: guardLabel(t.guard) }))) }
        : {}),
    };
  };
  return walk(caseMachine.root);
}
