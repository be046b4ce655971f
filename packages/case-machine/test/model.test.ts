import { beforeAll, describe, expect, it } from '@jest/globals';
import type { StatePath } from 'xstate/graph';
import {
  caseMachine,
  createCase,
  describeState,
  GUARD_NAMES,
  MACHINE_VERSION,
  type CaseEvent,
  type CaseSnapshot,
  type EventType,
} from '../src/index.js';
import { run } from './support.js';
import {
  eventsOf,
  walkSimplePaths,
  instrumentedMachine,
  machineParts,
  walkShortestPaths,
  type GuardLog,
  type Model,
  type TransitionLog,
} from './model.support.js';

const LITIGATION: EventType[] = ['FILE_SUIT', 'ADVANCE_LITIGATION', 'STAY_LITIGATION', 'LIFT_STAY', 'ENTER_JUDGMENT', 'DISMISS_CASE', 'DECIDE_ISSUE', 'ORDER_ADR'];
const ALL = (except: EventType[]) => (e: CaseEvent) => !except.includes(e.type);

const two = [
  { id: 'a', label: 'A' },
  { id: 'b', label: 'B' },
];
const only = (types: EventType[]) => (e: CaseEvent) => types.includes(e.type);
const sometimes = (s: CaseSnapshot, e: CaseEvent): boolean => {
  if (e.type === 'RECORD_STALL_REASON') return ['LACKED_INFORMATION', 'MEDIATOR_FIT'].includes(e.reason);
  if (e.type === 'RECORD_REMEDY') return ['INFORMATION_EXCHANGED', 'NEW_MEDIATOR'].includes(e.remedy);
  if (e.type === 'SIGN_AGREEMENT' || e.type === 'SIGN_AGREEMENT_FOR_CLIENT') return s.matches({ resolution: 'agreement' });
  return true;
};
/**
 * Events the machine must refuse, besides the candidates: malformed payloads the shape
 * check would stop first, and well-formed ones that do not fit the case (an issue that is
 * not open, a side that already withdrew, a settlement that leaves an issue open).
 */
const refusable = (s: CaseSnapshot): CaseEvent[] => [
  { type: 'RECORD_SESSION_NOT_HELD', reason: 'WEATHER' } as never,
  { type: 'ASSIGN_OUTREACH_OWNER', ownerId: 'owner', touchpointDate: 'next week' },
  { type: 'RECORD_SETTLEMENT' },
  ...s.context.issues.slice(0, 1).flatMap((issue) => [
    { type: 'ADD_ISSUE' as const, issueId: issue.id, label: 'Again' },
    { type: 'WITHDRAW_ISSUE' as const, issueId: issue.id },
    { type: 'DECIDE_ISSUE' as const, issueId: issue.id },
  ]),
  ...s.context.sides.filter((side) => side.status !== 'ACTIVE').map((side) => ({ type: 'WITHDRAW_SIDE' as const, sideId: side.id })),
];

const models: Model[] = [
  {
    name: 'mediation, impasse and the paths out of it',
    input: { sides: two, issues: [{ id: 'i1', label: 'I1' }, { id: 'i2', label: 'I2' }], arbitrationClause: true },
    events: (s) => [...eventsOf(null)(s), ...refusable(s)].filter((e) => !LITIGATION.includes(e.type) && ALL(['ADD_ISSUE', 'WITHDRAW_SIDE', 'STIPULATE_ARBITRATION', 'RECORD_ARBITRATION_CLAUSE', 'MARK_SUBJECT_TO_FORMAL_DOCUMENTS', 'ADOPT_FORMAL_DOCUMENTS'])(e) && sometimes(s, e)),
  },
  {
    name: 'the court track and what a court orders',
    input: { sides: two, issues: [{ id: 'i1', label: 'I1' }] },
    events: (s) =>
      [...eventsOf(null)(s), ...refusable(s)].filter(
        (e) =>
          (LITIGATION.includes(e.type) ||
            only(['PURSUE_LITIGATION', 'SCHEDULE_MEDIATION', 'RECORD_SESSION_NOT_HELD', 'START_SESSION', 'START_NEGOTIATION', 'END_NEGOTIATION', 'RECORD_AWARD', 'START_ARBITRATION'])(e) ||
            (e.type === 'RECORD_OUTCOME' && e.outcome === 'NO_AGREEMENT') ||
            (e.type === 'RECORD_STALL_REASON' && e.reason === 'POSTURING') ||
            e.type === 'ASSIGN_OUTREACH_OWNER') &&
          !(e.type === 'RECORD_SESSION_NOT_HELD' && e.reason !== 'NO_RESPONSE'),
      ),
  },
  {
    name: 'sides, the basis for arbitration, and the written agreement',
    input: { sides: [...two, { id: 'c', label: 'C' }], issues: [{ id: 'i1', label: 'I1' }], signingRule: 'PARTIES_OR_COUNSEL' },
    events: (s) =>
      [...eventsOf(null)(s), ...refusable(s)].filter(
        (e) =>
          only([
            'WITHDRAW_SIDE', 'STIPULATE_ARBITRATION', 'RECORD_ARBITRATION_CLAUSE', 'SIGN_AGREEMENT', 'SIGN_AGREEMENT_FOR_CLIENT', 'RECORD_AGREEMENT_TEXT', 'MARK_SUBJECT_TO_FORMAL_DOCUMENTS',
            'ADOPT_FORMAL_DOCUMENTS', 'ABANDON_AGREEMENT', 'SCHEDULE_MEDIATION', 'START_SESSION', 'WITHDRAW_ISSUE',
          ])(e) ||
          (e.type === 'ADD_ISSUE' && s.context.issues.length < 2) ||
          (e.type === 'RECORD_OUTCOME' && e.outcome === 'SETTLED'),
      ),
  },
];

describe('model-based: walking the statechart with xstate/graph', () => {
  const guards: GuardLog = new Map();
  const transitions: TransitionLog = new Set();
  const logic = instrumentedMachine(guards, transitions);
  const reached = new Set<string>();
  const pathsByModel = new Map<Model, StatePath<CaseSnapshot, CaseEvent>[]>();
  const parts = machineParts(logic.instrumented.root);

  beforeAll(() => {
    for (const model of models) {
      const paths = walkShortestPaths(model, logic);
      pathsByModel.set(model, paths);
      for (const path of paths) for (const node of path.state._nodes) reached.add(node.id);
    }
  });

  it('reaches every state (getShortestPaths)', () => {
    expect(parts.states.length).toBeGreaterThan(30);
    expect(parts.states.map((state) => state.id).filter((id) => !reached.has(id))).toEqual([]);
  });

  it('takes every transition at least once, eventless ones and forbidden ones included', () => {
    expect(parts.transitions.length).toBeGreaterThan(100);
    expect(parts.transitions.filter((t) => !transitions.has(t.definition)).map((t) => t.label)).toEqual([]);
  });

  it('sees every guard decide both ways', () => {
    const oneWay = GUARD_NAMES.filter((name) => guards.get(name)?.size !== 2).map((name) => `${name}: ${[...(guards.get(name) ?? [])].join()}`);
    expect(oneWay).toEqual([]);
  });

  it('every shortest path plays the same through the public step, as the api runs it', () => {
    for (const model of models.slice(0, 2)) {
      for (const path of pathsByModel.get(model)!) {
        const events = path.steps.map((s) => s.event).filter((event) => event.type !== ('xstate.init' as string));
        const played = run(createCase(model.input).persisted, events);
        expect(played.state).toEqual(viewOf(path.state));
      }
    }
  });

  it('every simple path from intake to settlement goes through a written agreement that every party signed (getSimplePaths)', () => {
    const paths = walkSimplePaths(
      {
        name: 'mediation to settlement',
        input: { sides: two, issues: [{ id: 'i1', label: 'I1' }, { id: 'i2', label: 'I2' }] },
        events: eventsOf(['SCHEDULE_MEDIATION', 'START_SESSION', 'ADJOURN_SESSION', 'RESUME_SESSION', 'RECORD_OUTCOME', 'RECORD_AGREEMENT_TEXT', 'SIGN_AGREEMENT', 'ABANDON_AGREEMENT', 'RECORD_SESSION_NOT_HELD']),
      },
      (snapshot) => snapshot.context.closedAs === 'SETTLED',
    );
    expect(paths.length).toBeGreaterThan(10);
    for (const path of paths) {
      const states = path.steps.map((s) => viewOf(s.state).resolution);
      expect(states).toContain('agreement');
      expect(path.steps.at(-1)!.event.type).toBe('SIGN_AGREEMENT');
      const { context } = path.state;
      expect(context.issues.filter((issue) => issue.status === 'OPEN')).toEqual([]);
      expect(context.agreements.every((a) => a.status === 'BINDING')).toBe(true);
      for (const side of context.sides) {
        expect(context.agreements.at(-1)!.signatures.some((sig) => sig.sideId === side.id)).toBe(true);
      }
    }
  });

  it('every simple path through the court track to its end passes the phases in order, and a judgment ends the case (getSimplePaths)', () => {
    const paths = walkSimplePaths(
      { name: 'court track', input: { sides: two }, events: eventsOf(['FILE_SUIT', 'ADVANCE_LITIGATION', 'STAY_LITIGATION', 'LIFT_STAY', 'ENTER_JUDGMENT']) },
      (snapshot) => snapshot.context.closedAs !== null,
    );
    expect(paths.map((path) => path.steps.map((s) => viewOf(s.state).litigation).join(' > ')).sort()).toEqual([
      'notFiled > pleadings > discovery > experts > motions > judgment',
      'notFiled > pleadings > discovery > experts > motions > trialPrep > trial > judgment',
    ]);
    for (const path of paths) expect(viewOf(path.state)).toEqual({ resolution: 'resolved.judgment', litigation: 'judgment', done: true });
  });
});

function viewOf(snapshot: CaseSnapshot) {
  return describeState({ machineVersion: MACHINE_VERSION, snapshot: JSON.parse(JSON.stringify(caseMachine.getPersistedSnapshot(snapshot))) });
}
