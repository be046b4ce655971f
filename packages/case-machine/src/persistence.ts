import { createActor, initialTransition, transition, type SnapshotFrom } from 'xstate';
import { caseMachine, type CaseInput } from './machine.js';
import { CaseMachineError } from './errors.js';
import { roleMaySend, EVENT_PERMISSIONS } from './permissions.js';
import type { CaseViewer } from './roles.js';
import { REGIONS, type CaseEvent, type EventType, type Region } from './states.js';

/** The machine version written into every persisted snapshot. Bump it with a migration. */
export const MACHINE_VERSION = 1;

export type CaseSnapshot = SnapshotFrom<typeof caseMachine>;

/** What the api stores: plain JSON, safe to put in a jsonb column. */
export interface PersistedCase {
  machineVersion: number;
  snapshot: Record<string, unknown>;
}

/** Side effects the caller performs after it has committed the new snapshot. */
export interface Effect {
  type: string;
  params?: Record<string, unknown>;
}

export interface StepResult {
  persisted: PersistedCase;
  effects: Effect[];
  state: CaseStateView;
}

/** The current state of each region as a dotted path, e.g. `mediation.scheduled`. */
export type CaseStateView = Record<Region, string> & { done: boolean };

/**
 * Upgrades from an older machine version to the next one. Key `n` turns a version `n`
 * snapshot into a version `n + 1` snapshot. Fixtures of every released version are kept
 * under test/fixtures and must restore.
 */
export const SNAPSHOT_MIGRATIONS: Readonly<Record<number, (snapshot: Record<string, unknown>) => Record<string, unknown>>> = {};

function persist(snapshot: CaseSnapshot): PersistedCase {
  return {
    machineVersion: MACHINE_VERSION,
    snapshot: caseMachine.getPersistedSnapshot(snapshot) as unknown as Record<string, unknown>,
  };
}

export function createCase(input: CaseInput): StepResult {
  const [snapshot, actions] = initialTransition(caseMachine, input);
  return { persisted: persist(snapshot), effects: toEffects(actions), state: describe(snapshot) };
}

/** Restores a stored snapshot, migrating old versions; rejects unknown or corrupted ones. */
export function restoreCase(stored: unknown): CaseSnapshot {
  if (!isPersistedCase(stored)) {
    throw new CaseMachineError('SNAPSHOT_CORRUPTED', 'The stored case state is not a case snapshot.');
  }
  let { machineVersion, snapshot } = stored;
  if (machineVersion > MACHINE_VERSION || machineVersion < 1) {
    throw new CaseMachineError(
      'SNAPSHOT_UNKNOWN_VERSION',
      `The stored case state has machine version ${machineVersion}, which this release does not know (latest is ${MACHINE_VERSION}).`,
    );
  }
  while (machineVersion < MACHINE_VERSION) {
    const migrate = SNAPSHOT_MIGRATIONS[machineVersion];
    if (!migrate) {
      throw new CaseMachineError('SNAPSHOT_UNKNOWN_VERSION', `No migration from machine version ${machineVersion}.`);
    }
    snapshot = migrate(snapshot);
    machineVersion += 1;
  }
  try {
    const resolved = caseMachine.resolveState(snapshot as unknown as Parameters<typeof caseMachine.resolveState>[0]);
    // resolveState accepts unknown state names silently; a real snapshot has at least one active node per region.
    const value = resolved.value as Record<string, unknown>;
    if (!REGIONS.every((region) => value && typeof value === 'object' && region in value)) throw new Error('regions');
    // Restoring through an actor validates the shape the same way the runtime would.
    createActor(caseMachine, { snapshot: resolved as never, input: { sides: [] } });
    return resolved;
  } catch {
    throw new CaseMachineError('SNAPSHOT_CORRUPTED', 'The stored case state does not match the case statechart.');
  }
}

/**
 * The pure step any stateless api instance can run: stored snapshot + event → new snapshot
 * and the effects to perform after commit. Throws INVALID_TRANSITION when the machine
 * does not accept the event in the current state.
 */
export function step(stored: unknown, event: CaseEvent): StepResult {
  const snapshot = restoreCase(stored);
  if (!snapshot.can(event)) {
    throw new CaseMachineError(
      'INVALID_TRANSITION',
      `${event.type} is not possible while the case is in ${formatState(describe(snapshot))}.`,
    );
  }
  const [next, actions] = transition(caseMachine, snapshot, event);
  return { persisted: persist(next), effects: toEffects(actions), state: describe(next) };
}

export function describeState(stored: unknown): CaseStateView {
  return describe(restoreCase(stored));
}

/** Events the machine accepts now, given their payload is valid. */
export function enabledEvents(stored: unknown): EventType[] {
  const snapshot = restoreCase(stored);
  return (Object.keys(EVENT_PERMISSIONS) as EventType[]).filter((type) =>
    sampleEvents(type).some((event) => snapshot.can(event)),
  );
}

/** Events both enabled by the machine and permitted to this viewer: what the web shows. */
export function allowedEvents(stored: unknown, viewer: CaseViewer): EventType[] {
  return enabledEvents(stored).filter((type) => roleMaySend(viewer, type));
}

function sampleEvents(type: EventType): CaseEvent[] {
  switch (type) {
    case 'RECORD_OUTCOME':
      return [
        { type, outcome: 'SETTLED' },
        { type, outcome: 'PARTIAL_AGREEMENT' },
        { type, outcome: 'NO_AGREEMENT' },
      ];
    default:
      return [{ type } as CaseEvent];
  }
}

function describe(snapshot: CaseSnapshot): CaseStateView {
  const value = snapshot.value as Record<Region, unknown>;
  return {
    resolution: toPath(value.resolution),
    litigation: toPath(value.litigation),
    done: snapshot.status === 'done' || toPath(value.resolution).startsWith('resolved'),
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

function isPersistedCase(value: unknown): value is PersistedCase {
  if (!value || typeof value !== 'object') return false;
  const candidate = value as Partial<PersistedCase>;
  return (
    typeof candidate.machineVersion === 'number' &&
    Number.isInteger(candidate.machineVersion) &&
    !!candidate.snapshot &&
    typeof candidate.snapshot === 'object'
  );
}

function toEffects(actions: readonly { type: string; params?: unknown }[]): Effect[] {
  return actions
    .filter((action) => !action.type.startsWith('xstate.'))
    .map((action) => ({ type: action.type, params: (action.params ?? undefined) as Record<string, unknown> | undefined }));
}
