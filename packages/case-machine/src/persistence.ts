import { createActor, initialTransition, type ActorScope, type AnyActorRef, type AnyStateNode, type EventObject, type SnapshotFrom } from 'xstate';
import { ANY_SIGNER, candidateEvents } from './candidates.js';
import { contextProblems, type CaseContext, type CaseInput } from './context.js';
import { CaseMachineError } from './errors.js';
import { EVENT_TYPES, eventShapeProblems, type CaseEvent, type EventType } from './events.js';
import { GUARD_DESCRIPTIONS, GUARD_NAMES, GUARDS, type GuardName } from './guards.js';
import { caseMachine, EFFECTS, type EffectType } from './machine.js';
import { viewerMaySend } from './permissions.js';
import type { CaseViewer } from './roles.js';
import { LITIGATION_PHASES, REGIONS, type Region } from './states.js';

/**
 * The machine version written into every persisted snapshot. Bump it when a change to the
 * statechart or its context would make an old snapshot restore wrongly, and add a migration
 * from the previous version to `SNAPSHOT_MIGRATIONS` with a fixture of the old shape.
 */
export const MACHINE_VERSION = 2;

export type CaseSnapshot = SnapshotFrom<typeof caseMachine>;

/** What the api stores: plain JSON, safe to put in a jsonb column. */
export interface PersistedCase {
  machineVersion: number;
  snapshot: Record<string, unknown>;
}

/** Side effects the caller performs after it has committed the new snapshot (see `EFFECTS`). */
export interface Effect {
  type: EffectType;
  params?: Record<string, unknown>;
}

export interface StepResult {
  persisted: PersistedCase;
  effects: Effect[];
  state: CaseStateView;
}

/** The current state of each region as a dotted path, e.g. `mediation.scheduled`. */
export type CaseStateView = Record<Region, string> & { done: boolean };

/** Turns a version `n` persisted snapshot (the `snapshot` field) into a version `n + 1` one. */
export type SnapshotMigration = (snapshot: Record<string, unknown>) => Record<string, unknown>;

/**
 * Upgrades from an older machine version to the next one: key `n` turns a version `n`
 * snapshot into a version `n + 1` snapshot. Fixtures of every released version are kept
 * under test/fixtures and must restore.
 */
export const SNAPSHOT_MIGRATIONS: Readonly<Record<number, SnapshotMigration>> = {
  /**
   * 1 → 2: signatures bind exact text and people, not sides. A version 1 signature named no
   * text, so it binds nothing now: pending agreements lose theirs (a binding one keeps them,
   * marked with the digest `unrecorded`), their text is unrecorded, and the program's signing
   * rule is `PARTIES`. Sides' `partyIds` are the api's to fill (its party participants).
   */
  1: (snapshot) => {
    const context = (snapshot.context ?? {}) as Record<string, unknown>;
    const agreements = Array.isArray(context.agreements) ? (context.agreements as Record<string, unknown>[]) : [];
    return {
      ...snapshot,
      context: {
        ...context,
        signingRule: 'PARTIES',
        agreements: agreements.map((a) => {
          const binding = a.status === 'BINDING';
          const signatures = Array.isArray(a.signatures) ? (a.signatures as Record<string, unknown>[]) : [];
          return {
            ...a,
            signatures: binding ? signatures.map((sig) => ({ ...sig, signerId: sig.partyId, digest: 'unrecorded' })) : [],
            text: binding ? { digest: 'unrecorded', complete: true } : null,
          };
        }),
      },
    };
  },
};

export interface RestoreOptions {
  /** Migrations to use instead of `SNAPSHOT_MIGRATIONS` (tests of the mechanism). */
  migrations?: Readonly<Record<number, SnapshotMigration>>;
}

function persist(snapshot: CaseSnapshot): PersistedCase {
  return {
    machineVersion: MACHINE_VERSION,
    snapshot: JSON.parse(JSON.stringify(caseMachine.getPersistedSnapshot(snapshot))) as Record<string, unknown>,
  };
}

/**
 * Opens a case in `intake`. Only `sides` is required (at least two); issues default to none,
 * `courtOrdered` and `arbitrationClause` to false, the court track to not filed. Throws
 * INVALID_INPUT with a sentence naming every problem.
 */
export function createCase(input: CaseInput): StepResult {
  const [initial, initialActions] = initialTransition(caseMachine, input);
  let snapshot = initial;
  let actions: ExecutedAction[] = initialActions;
  if (snapshot.status === 'error') {
    if (snapshot.error instanceof CaseMachineError) throw snapshot.error;
    throw new CaseMachineError('INVALID_INPUT', 'The case cannot be created from this input.');
  }
  // A suit already on file: walk the court track to the phase it is in.
  if (input.litigationPhase) {
    const advances = LITIGATION_PHASES.indexOf(input.litigationPhase);
    const steps: CaseEvent[] = [{ type: 'FILE_SUIT' }, ...Array.from({ length: advances }, () => ({ type: 'ADVANCE_LITIGATION' }) as const)];
    for (const event of steps) {
      const [next, more] = transitionOf(snapshot, event);
      snapshot = next;
      actions = [...actions, ...more];
    }
  }
  return { persisted: persist(snapshot), effects: toEffects(actions), state: describe(snapshot) };
}

function isPersistedCase(value: unknown): value is PersistedCase {
  if (!value || typeof value !== 'object') return false;
  const candidate = value as Partial<PersistedCase>;
  return (
    typeof candidate.machineVersion === 'number' &&
    Number.isInteger(candidate.machineVersion) &&
    !!candidate.snapshot &&
    typeof candidate.snapshot === 'object' &&
    !Array.isArray(candidate.snapshot)
  );
}

/** Brings a stored snapshot to `MACHINE_VERSION` through the migrations, one version at a time. */
export function migrateSnapshot(
  stored: PersistedCase,
  migrations: Readonly<Record<number, SnapshotMigration>> = SNAPSHOT_MIGRATIONS,
): Record<string, unknown> {
  let { machineVersion, snapshot } = stored;
  if (machineVersion > MACHINE_VERSION) {
    throw new CaseMachineError(
      'SNAPSHOT_UNKNOWN_VERSION',
      `The stored case state has machine version ${machineVersion}, which this release does not know (latest is ${MACHINE_VERSION}).`,
    );
  }
  while (machineVersion < MACHINE_VERSION) {
    const migrate = migrations[machineVersion];
    if (!migrate) {
      throw new CaseMachineError(
        'SNAPSHOT_UNKNOWN_VERSION',
        `The stored case state has machine version ${machineVersion}, and there is no migration from it.`,
      );
    }
    snapshot = migrate(snapshot);
    machineVersion += 1;
  }
  return snapshot;
}

/** Restores a stored snapshot, migrating old versions; rejects unknown or corrupted ones. */
export function restoreCase(stored: unknown, options: RestoreOptions = {}): CaseSnapshot {
  if (!isPersistedCase(stored)) {
    throw new CaseMachineError('SNAPSHOT_CORRUPTED', 'The stored case state is not a case snapshot.');
  }
  const snapshot = migrateSnapshot(stored, options.migrations);
  const corrupted = (why: string) =>
    new CaseMachineError('SNAPSHOT_CORRUPTED', `The stored case state does not match the case statechart (${why}).`);
  // The machine never reaches XState's `done` (see `resolved` in machine.ts); a closed case is `active` with `closedAs` set.
  if (snapshot.status !== 'active') throw corrupted('status');
  const problems = contextProblems(snapshot.context);
  if (problems.length) throw corrupted(`context: ${problems.join(', ')}`);
  const value = snapshot.value as Record<string, unknown> | undefined;
  if (!value || typeof value !== 'object' || !REGIONS.every((region) => region in value)) throw corrupted('regions');
  let resolved: CaseSnapshot;
  try {
    resolved = caseMachine.resolveState(snapshot as unknown as Parameters<typeof caseMachine.resolveState>[0]);
  } catch {
    throw corrupted('unknown state');
  }
  // The context mirrors the litigation region; a snapshot where they disagree was edited by hand.
  const context = resolved.context;
  if (toPath((resolved.value as Record<Region, unknown>).litigation) !== context.litigation) throw corrupted('litigation');
  if (resolved.status !== 'active') throw corrupted('status');
  const resolvedPath = toPath((resolved.value as Record<Region, unknown>).resolution);
  if ((context.closedAs !== null) !== resolvedPath.startsWith('resolved.')) throw corrupted('closedAs');
  return resolved;
}

/**
 * The pure step any stateless api instance can run: stored snapshot + event → new snapshot
 * and the effects to perform after commit. Throws INVALID_EVENT for a malformed event and
 * INVALID_TRANSITION (naming the rules that refused it) when the case does not accept it now.
 * It does not check who sends the event: call `viewerMaySend` first.
 */
export function step(stored: unknown, event: CaseEvent): StepResult {
  checkShape(event);
  const { persisted, effects, state } = stepFrom(restoreCase(stored), event);
  return { persisted, effects, state };
}

export function describeState(stored: unknown): CaseStateView {
  return describe(restoreCase(stored));
}

/** The machine's context of a stored case, for the api's projections (never send it whole to a client). */
export function caseContext(stored: unknown): CaseContext {
  return restoreCase(stored).context;
}

/**
 * A stored case restored once, for a caller that asks several things of the same snapshot
 * (the api reads the state, the context, the allowed events and then steps, per request):
 * restoring is the costly part of every function above.
 */
export interface OpenCase {
  readonly state: CaseStateView;
  readonly context: CaseContext;
  /** As `step(stored, event)`; `next` is the new snapshot, already open. */
  step(event: CaseEvent): StepResult & { next: OpenCase };
  /** As `enabledEvents(stored)`. */
  enabledEvents(): EventType[];
  /** As `allowedEvents(stored, viewer)`. */
  allowedEvents(viewer: CaseViewer): EventType[];
}

/** Restores (and migrates) a stored snapshot once; throws as `restoreCase` does. */
export function openCase(stored: unknown): OpenCase {
  return opened(restoreCase(stored));
}

function opened(snapshot: CaseSnapshot): OpenCase {
  let state: CaseStateView | undefined;
  return {
    get state() {
      return (state ??= describe(snapshot));
    },
    context: snapshot.context,
    step(event) {
      checkShape(event);
      return stepFrom(snapshot, event);
    },
    enabledEvents: () => acceptedTypes(snapshot, () => true),
    allowedEvents: (viewer) => acceptedTypes(snapshot, (event) => viewerMaySend(viewer, asSentBy(viewer, event), snapshot.context)),
  };
}

function checkShape(event: CaseEvent): void {
  const problems = eventShapeProblems(event);
  if (problems.length) throw new CaseMachineError('INVALID_EVENT', `The event is not valid: ${problems.join('; ')}.`);
}

function stepFrom(snapshot: CaseSnapshot, event: CaseEvent): StepResult & { next: OpenCase } {
  if (isClosed(snapshot)) {
    throw new CaseMachineError('INVALID_TRANSITION', `${event.type} is not possible: the case is closed (${formatState(describe(snapshot))}).`);
  }
  if (!snapshot.can(event)) {
    const failed = refusingGuards(snapshot, event);
    const why = failed.length ? `: ${failed.map((name) => GUARD_DESCRIPTIONS[name]).join('; ')}` : '';
    throw new CaseMachineError(
      'INVALID_TRANSITION',
      `${event.type} is not possible while the case is in ${formatState(describe(snapshot))}${why}.`,
      failed,
    );
  }
  const [next, actions] = transitionOf(snapshot, event);
  return { persisted: persist(next), effects: toEffects(actions), state: describe(next), next: opened(next) };
}

/** An action a step asks to execute; `toEffects` keeps the effects among them. */
type ExecutedAction = { type: string; params?: unknown };

/** The inert actor every step's scope names as `self`; made on first use. */
let inert: AnyActorRef | undefined;

/**
 * XState's `transition(caseMachine, snapshot, event)` with a scope that costs nothing to
 * make. `transition()` builds a throwaway actor per call, and building one computes the
 * machine's initial state (for a case without input: a caught INVALID_INPUT error with its
 * stack trace) each time, which was most of a step's cost. The case machine spawns,
 * invokes, delays, emits and defers nothing, so the scope needs no system of its own:
 * it only collects the actions to execute, as `transition()` does.
 */
function transitionOf(snapshot: CaseSnapshot, event: CaseEvent): [CaseSnapshot, ExecutedAction[]] {
  inert ??= createActor(caseMachine, { input: { sides: [{ id: 'a', label: 'A' }, { id: 'b', label: 'B' }] } });
  const actions: ExecutedAction[] = [];
  const scope: ActorScope<CaseSnapshot, CaseEvent> = {
    self: inert,
    id: inert.id,
    sessionId: inert.sessionId,
    logger: () => undefined,
    defer: () => undefined,
    system: inert.system,
    stopChild: () => undefined,
    emit: (emitted: EventObject) => {
      throw new Error(`The case machine emitted ${emitted.type}; transitionOf does not support emitted events.`);
    },
    actionExecutor: (action) => {
      actions.push(action);
    },
  };
  return [caseMachine.transition(snapshot, event, scope), actions];
}

/** Events the machine accepts now for some valid payload, in `EVENTS` order. None once the case is closed. */
export function enabledEvents(stored: unknown): EventType[] {
  return openCase(stored).enabledEvents();
}

/** Events both enabled by the machine and permitted to this viewer: what the web shows. */
export function allowedEvents(stored: unknown, viewer: CaseViewer): EventType[] {
  return openCase(stored).allowedEvents(viewer);
}

/** A candidate signature for a client, as the viewer would send it: signed by their own grant of that side. */
function asSentBy(viewer: CaseViewer, event: CaseEvent): CaseEvent {
  if (event.type !== 'SIGN_AGREEMENT_FOR_CLIENT' || event.signerId !== ANY_SIGNER) return event;
  const grant = viewer.roles.find((g) => g.role === 'COUNSEL' && g.sideId === event.sideId && g.participantId);
  return grant ? { ...event, signerId: grant.participantId! } : event;
}

function acceptedTypes(snapshot: CaseSnapshot, permitted: (event: CaseEvent) => boolean): EventType[] {
  if (isClosed(snapshot)) return [];
  // Only types some active state has a transition for can be accepted; of each, the first
  // candidate that is permitted and accepted is enough (a pipeline page asks this per row).
  const accepted = new Set<EventType>();
  for (const event of candidateEvents(snapshot.context, handledTypes(snapshot))) {
    if (!accepted.has(event.type) && permitted(event) && snapshot.can(event)) accepted.add(event.type);
  }
  return EVENT_TYPES.filter((type) => accepted.has(type));
}

/** Event types with a transition on an active state node or one of its ancestors, per state value. */
const handledByValue = new Map<string, readonly EventType[]>();

function handledTypes(snapshot: CaseSnapshot): readonly EventType[] {
  const key = JSON.stringify(snapshot.value);
  let types = handledByValue.get(key);
  if (!types) {
    const handled = new Set<string>();
    const visit = (node: AnyStateNode, value: unknown) => {
      for (const type of Object.keys(node.on)) handled.add(type);
      if (typeof value === 'string') visit(node.states[value]!, undefined);
      else if (value && typeof value === 'object') for (const [child, inner] of Object.entries(value)) visit(node.states[child]!, inner);
    };
    visit(caseMachine.root, snapshot.value);
    types = handled.has('*') ? EVENT_TYPES : EVENT_TYPES.filter((type) => handled.has(type));
    handledByValue.set(key, types);
  }
  return types;
}

type GuardConfig = string | { type: string } | ((...args: never[]) => unknown) & { guards?: GuardConfig[] };

/** The named rules that refused `event` in the active states, innermost first. */
function refusingGuards(snapshot: CaseSnapshot, event: CaseEvent): GuardName[] {
  const failed = new Set<GuardName>();
  const visit = (guard: GuardConfig | undefined, params?: unknown) => {
    if (guard === undefined) return;
    if (typeof guard === 'function') {
      for (const inner of guard.guards ?? []) visit(inner);
      return;
    }
    const name = (typeof guard === 'string' ? guard : guard.type) as GuardName;
    const guardParams = typeof guard === 'object' && 'params' in guard ? guard.params : params;
    if (!GUARD_NAMES.includes(name)) return;
    const check = GUARDS[name] as (context: CaseContext, event: CaseEvent, params: unknown) => boolean;
    if (!check(snapshot.context, event, guardParams)) failed.add(name);
  };
  for (const node of snapshot._nodes) {
    for (const candidate of node.transitions.get(event.type) ?? []) visit(candidate.guard as GuardConfig | undefined);
  }
  return [...failed];
}

/** A case is closed once the resolution region reached `resolved.*`, which also closes litigation. */
const isClosed = (snapshot: CaseSnapshot): boolean => snapshot.context.closedAs !== null;

function describe(snapshot: CaseSnapshot): CaseStateView {
  const value = snapshot.value as Record<Region, unknown>;
  return {
    resolution: toPath(value.resolution),
    litigation: toPath(value.litigation),
    done: isClosed(snapshot),
  };
}

function toPath(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object') {
    const [key, child] = Object.entries(value)[0] ?? [];
    if (key === undefined) return '';
    const rest = toPath(child);
    return rest ? `${key}.${rest}` : key;
  }
  return '';
}

export function formatState(view: CaseStateView): string {
  return `${view.resolution} (litigation: ${view.litigation})`;
}

const EFFECT_TYPES = Object.values(EFFECTS) as readonly string[];

function toEffects(actions: readonly { type: string; params?: unknown }[]): Effect[] {
  return actions
    .filter((action) => EFFECT_TYPES.includes(action.type))
    .map((action) => ({
      type: action.type as EffectType,
      ...(action.params ? { params: action.params as Record<string, unknown> } : {}),
    }));
}
