import { createActor, type AnyStateNode } from 'xstate';
import { getShortestPaths, getSimplePaths, type StatePath } from 'xstate/graph';
import {
  caseMachine,
  candidateEvents,
  GUARD_NAMES,
  GUARDS,
  pendingAgreement,
  type CaseContext,
  type CaseEvent,
  type CaseInput,
  type CaseSnapshot,
  type GuardName,
} from '../src/index.js';

/** Every guard decision seen while walking the chart: name → the results it returned. */
export type GuardLog = Map<GuardName, Set<boolean>>;

/** Transition definitions taken while walking the chart. */
export type TransitionLog = Set<object>;

/**
 * The machine with each named guard reporting what it decided, and its `transition` replayed
 * through an inspected actor so that every transition taken (eventless ones included) is
 * recorded. `xstate/graph` walks this logic exactly as it would walk the real machine.
 */
export function instrumentedMachine(guards: GuardLog, transitions: TransitionLog) {
  const wrapped = Object.fromEntries(
    GUARD_NAMES.map((name) => [
      name,
      ({ context, event }: { context: CaseContext; event: CaseEvent }, params: unknown) => {
        const result = (GUARDS[name] as (c: CaseContext, e: CaseEvent, p: unknown) => boolean)(context, event, params);
        if (!guards.has(name)) guards.set(name, new Set());
        guards.get(name)!.add(result);
        return result;
      },
    ]),
  );
  const machine = caseMachine.provide({ guards: wrapped as never });
  const logic = Object.create(machine) as typeof machine & { instrumented: typeof machine };
  logic.instrumented = machine;
  logic.transition = (snapshot, event) => {
    const actor = createActor(machine, {
      snapshot: snapshot as never,
      // Restoring from a snapshot never reads the input.
      input: undefined as never,
      inspect: (inspection) => {
        if (inspection.type === '@xstate.microstep') {
          for (const t of (inspection as unknown as { _transitions: object[] })._transitions) transitions.add(t);
        }
      },
    });
    actor.start();
    actor.send(event);
    const next = actor.getSnapshot();
    actor.stop();
    return next;
  };
  return logic;
}

/**
 * A coarse key for a snapshot: the state value plus the facts the guards read, not the
 * identities behind them (which issue is open, who signed). It keeps the walk small; the
 * coverage assertions tell when it is too coarse.
 */
export function behaviourKey(snapshot: CaseSnapshot): string {
  const c = snapshot.context;
  const count = (status: string) => c.issues.filter((issue) => issue.status === status).length;
  const pending = pendingAgreement(c);
  const inImpasse = snapshot.matches({ resolution: 'impasse' });
  return JSON.stringify([
    snapshot.value,
    count('OPEN'),
    count('AGREED'),
    c.issues.length,
    pending ? [pending.status, pending.signatures.length, pending.text] : null,
    c.agreements.filter((a) => a.status === 'BINDING').length,
    inImpasse ? c.assessment : null,
    c.arbitrationClause,
    c.arbitrationStipulatedBy.length,
    c.proposal?.answers.map((a) => a.answer).sort() ?? null,
    c.arbitration,
    c.sides.map((side) => side.status),
    c.stayedFrom,
    c.closedAs,
  ]);
}

export interface Model {
  name: string;
  input: CaseInput;
  /** Which candidate events to try in a snapshot. */
  events: (snapshot: CaseSnapshot) => CaseEvent[];
}

/**
 * Candidate events of the listed types (all when absent). They keep coming after the case
 * closes: a closed case must refuse them, and the walk proves it does.
 */
export function eventsOf(types: readonly CaseEvent['type'][] | null) {
  return (snapshot: CaseSnapshot): CaseEvent[] => candidateEvents(snapshot.context, types ?? undefined);
}

export interface Walk {
  paths: StatePath<CaseSnapshot, CaseEvent>[];
  guards: GuardLog;
  transitions: TransitionLog;
}

export function walkShortestPaths(model: Model, logic: ReturnType<typeof instrumentedMachine>): StatePath<CaseSnapshot, CaseEvent>[] {
  return getShortestPaths(logic, {
    input: model.input,
    events: model.events,
    serializeState: (snapshot) => behaviourKey(snapshot as CaseSnapshot),
  }) as unknown as StatePath<CaseSnapshot, CaseEvent>[];
}

export function walkSimplePaths(
  model: Model,
  toState: (snapshot: CaseSnapshot) => boolean,
): StatePath<CaseSnapshot, CaseEvent>[] {
  return getSimplePaths(caseMachine, {
    input: model.input,
    events: model.events,
    serializeState: (snapshot) => behaviourKey(snapshot as CaseSnapshot),
    toState: toState as never,
  }) as unknown as StatePath<CaseSnapshot, CaseEvent>[];
}

/** Every state node of the machine below the root, and every transition it defines. */
export function machineParts(root: AnyStateNode = caseMachine.root): { states: AnyStateNode[]; transitions: { node: AnyStateNode; label: string; definition: object }[] } {
  const states: AnyStateNode[] = [];
  const transitions: { node: AnyStateNode; label: string; definition: object }[] = [];
  const visit = (node: AnyStateNode) => {
    if (node !== root) states.push(node);
    for (const [event, list] of node.transitions.entries()) {
      list.forEach((definition, index) => transitions.push({ node, label: `${node.id} ${event}#${index}`, definition }));
    }
    (node.always ?? []).forEach((definition, index) => transitions.push({ node, label: `${node.id} (eventless)#${index}`, definition }));
    Object.values(node.states).forEach((child) => visit(child as AnyStateNode));
  };
  visit(root);
  return { states, transitions };
}
