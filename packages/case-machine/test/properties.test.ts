/**
 * Property-based tests: random but state-aware event sequences (each step picks one of the
 * events that could make sense now, or one that must be refused) never break the case's
 * invariants. Runs are bounded so the suite stays fast.
 */
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { transition } from 'xstate';
import {
  CaseMachineError,
  EFFECTS,
  caseMachine,
  REMEDIATION_FIXABLE_REASONS,
  allowedEvents,
  candidateEvents,
  createCase,
  describeState,
  enabledEvents,
  openCase,
  restoreCase,
  step,
  type CaseContext,
  type CaseEvent,
  type CaseInput,
  type CaseSnapshot,
  type CaseStateView,
  type PersistedCase,
  type StepResult,
} from '../src/index.js';
import { viewers } from './support.js';

const caseInput: fc.Arbitrary<CaseInput> = fc
  .record({
    sides: fc.integer({ min: 2, max: 3 }),
    parties: fc.array(fc.integer({ min: 1, max: 2 }), { minLength: 3, maxLength: 3 }),
    issues: fc.integer({ min: 0, max: 3 }),
    courtOrdered: fc.boolean(),
    arbitrationClause: fc.boolean(),
    litigationPhase: fc.option(fc.constantFrom('pleadings', 'discovery', 'trial' as const), { nil: undefined, freq: 2 }),
  })
  .map(({ sides, parties, issues, courtOrdered, arbitrationClause, litigationPhase }) => ({
    sides: Array.from({ length: sides }, (_, s) => ({
      id: `side-${s}`,
      label: `Side ${s}`,
      parties: Array.from({ length: parties[s]! }, (_, p) => ({ id: `side-${s}-party-${p}` })),
    })),
    issues: Array.from({ length: issues }, (_, i) => ({ id: `issue-${i}`, label: `Issue ${i}` })),
    courtOrdered,
    arbitrationClause,
    ...(litigationPhase ? { litigationPhase } : {}),
  }));

/**
 * Events that must be refused in most states: settlements that leave issues open, partial
 * agreements that agree everything, stale ids, wrong payloads, unknown types.
 */
function refusable(context: CaseContext): CaseEvent[] {
  const open = context.issues.filter((issue) => issue.status === 'OPEN').map((issue) => issue.id);
  return [
    { type: 'RECORD_OUTCOME', outcome: 'SETTLED' },
    { type: 'RECORD_ADR_OUTCOME', outcome: 'SETTLED', agreedIssueIds: open.slice(1) },
    { type: 'RECORD_OUTCOME', outcome: 'PARTIAL_AGREEMENT', agreedIssueIds: open },
    { type: 'RECORD_OUTCOME', outcome: 'NO_AGREEMENT', agreedIssueIds: open.slice(0, 1) },
    { type: 'AGREE_ISSUES', issueIds: open },
    { type: 'RECORD_SETTLEMENT' },
    { type: 'SIGN_AGREEMENT', sideId: 'nobody', partyId: 'nobody', digest: 'text' },
    { type: 'SIGN_AGREEMENT', sideId: context.sides[0]!.id, partyId: context.sides[0]!.partyIds[0]!, digest: 'other text' },
    { type: 'SIGN_AGREEMENT_FOR_CLIENT', sideId: context.sides[0]!.id, partyId: context.sides[0]!.partyIds[0]!, signerId: 'counsel', digest: 'text' },
    { type: 'RECORD_AGREEMENT_TEXT', digest: 'text', complete: false },
    { type: 'WITHDRAW_SIDE', sideId: context.sides[0]!.id },
    { type: 'RECORD_OUTCOME', outcome: 'SETTLED', agreedIssueIds: ['no-such-issue'] },
    { type: 'ASSIGN_OUTREACH_OWNER', ownerId: '', touchpointDate: '2026-13-01' },
    { type: 'TELEPORT' } as never,
  ];
}

interface Played {
  view: CaseStateView;
  context: CaseContext;
  stored: PersistedCase;
}

function assertInvariants({ view, context }: Played): void {
  const closed = context.closedAs !== null;
  const open = context.issues.filter((issue) => issue.status === 'OPEN');
  const active = context.sides.filter((side) => side.status === 'ACTIVE');
  // Closed means resolved, in both regions.
  expect(view.done).toBe(closed);
  expect(view.resolution.startsWith('resolved.')).toBe(closed);
  if (closed) {
    expect(['closed', 'judgment']).toContain(view.litigation);
    expect(open).toEqual([]);
  }
  expect(view.litigation === 'judgment').toBe(view.resolution === 'resolved.judgment');
  expect(view.litigation).toBe(context.litigation);
  // A settlement: nothing open, every agreement binding and signed by every party of every remaining side.
  if (view.resolution === 'resolved.settled') {
    expect(context.agreements.length).toBeGreaterThan(0);
    for (const agreement of context.agreements) {
      expect(agreement.status).toBe('BINDING');
    }
    const settled = context.sides.filter((side) => side.status === 'SETTLED');
    expect(settled.length).toBeGreaterThanOrEqual(2);
    const last = context.agreements.at(-1)!;
    for (const side of settled) {
      // Of the text it binds, and that text complete.
      expect(last.text?.complete).toBe(true);
      for (const partyId of side.partyIds) expect(last.signatures).toContainEqual(expect.objectContaining({ sideId: side.id, partyId, digest: last.text!.digest }));
    }
  }
  // Sides: an open case has at least two active sides; withdrawal ends it below that.
  if (!closed) expect(active.length).toBeGreaterThanOrEqual(2);
  if (view.resolution === 'resolved.withdrawn') expect(active.length).toBeLessThan(2);
  // Agreements: at most one pending; each agreed issue sits in exactly one agreement, and only agreed issues do.
  expect(context.agreements.filter((a) => a.status !== 'BINDING').length).toBeLessThanOrEqual(1);
  for (const issue of context.issues) {
    const holders = context.agreements.filter((a) => a.issueIds.includes(issue.id));
    expect(holders.length).toBe(issue.status === 'AGREED' ? 1 : 0);
  }
  for (const agreement of context.agreements.filter((a) => a.status === 'BINDING')) {
    for (const side of context.sides.filter((s) => s.status !== 'WITHDRAWN')) {
      for (const partyId of side.partyIds) expect(agreement.signatures).toContainEqual(expect.objectContaining({ sideId: side.id, partyId, digest: agreement.text!.digest }));
    }
  }
  // Sealed and per-step records live only in their state.
  expect(context.proposal !== null).toBe(view.resolution === 'adr.mediatorsProposal');
  expect(context.arbitration !== null).toBe(view.resolution === 'adr.arbitration');
  expect(context.stayedFrom !== null).toBe(view.litigation === 'stayed');
  // A settlement being signed has no open issue left.
  if (view.resolution === 'agreement') expect(open).toEqual([]);
}

/** Where each reported process runs: a report names the process of the state the session ended in. */
const PROCESS_OF_STATE: Record<string, string> = {
  'mediation.scheduled': 'MEDIATION',
  'mediation.inSession': 'MEDIATION',
  'mediation.adjourned': 'MEDIATION',
  intake: 'MEDIATION',
  'adr.settlementConference': 'SETTLEMENT_CONFERENCE',
  'adr.earlyNeutralEvaluation': 'EARLY_NEUTRAL_EVALUATION',
};

/**
 * The report to the court: due exactly when a session of a court-ordered case ends (an outcome
 * of a mediation, settlement conference or evaluation, or a mediation session not held), once,
 * naming the process it ended.
 */
function assertReportRule(before: Played, event: CaseEvent, effects: readonly { type: string; params?: unknown }[]): void {
  const reports = effects.filter((effect) => effect.type === 'MEDIATOR_REPORT_DUE');
  const ended = ['RECORD_OUTCOME', 'RECORD_ADR_OUTCOME', 'RECORD_SESSION_NOT_HELD'].includes(event.type);
  expect(reports.length).toBe(ended && before.context.courtOrdered ? 1 : 0);
  for (const report of reports) {
    expect(report.params).toEqual({ result: expect.any(String), process: PROCESS_OF_STATE[before.view.resolution] });
  }
}

function assertStepRules(before: Played, event: CaseEvent, after: Played): void {
  const left = before.view.resolution === 'impasse' && after.view.resolution !== 'impasse';
  // Leaving impasse by the sides' choice needs the assessment; a court order, a withdrawal, a dismissal or a judgment do not.
  if (left && !['ORDER_ADR', 'WITHDRAW_SIDE', 'DISMISS_CASE', 'ENTER_JUDGMENT'].includes(event.type)) {
    expect(before.context.assessment.stallReasons.length).toBeGreaterThan(0);
    expect(before.context.assessment.outreach).not.toBeNull();
  }
  if (event.type === 'REMEDIATE') {
    expect(before.context.assessment.stallReasons.some((r) => r.remedied && REMEDIATION_FIXABLE_REASONS.includes(r.reason))).toBe(true);
  }
  if (event.type === 'START_ARBITRATION') {
    expect(before.context.arbitrationClause || before.context.sides.every((s) => s.status !== 'ACTIVE' || before.context.arbitrationStipulatedBy.includes(s.id))).toBe(true);
  }
  // A term sheet never becomes binding except through formal documents.
  const termSheet = before.context.agreements.find((a) => a.status === 'SUBJECT_TO_FORMAL_DOCUMENTS');
  if (termSheet && event.type !== 'ADOPT_FORMAL_DOCUMENTS') {
    expect(after.context.agreements.find((a) => a.id === termSheet.id)?.status).not.toBe('BINDING');
  }
  // A mediator's proposal settles only if every active side accepted.
  if (before.view.resolution === 'adr.mediatorsProposal' && after.view.resolution === 'agreement') {
    const answers = [...before.context.proposal!.answers, ...(event.type === 'ANSWER_PROPOSAL' ? [{ sideId: event.sideId, answer: event.answer }] : [])];
    for (const side of after.context.sides.filter((s) => s.status === 'ACTIVE')) {
      expect(answers).toContainEqual({ sideId: side.id, answer: 'ACCEPT' });
    }
  }
}

/** Up to `max` choices of next event; large numbers, so that the picks spread evenly. */
const choices = (max: number) => fc.array(fc.nat({ max: 1_000_000 }), { minLength: Math.min(10, max), maxLength: max });

/** Reached resolution states, to check that the walks go deep enough to mean something. */
const reached = new Map<string, number>();

/** Wrong variants of an event the case accepts now: the payloads a careless client would send. */
function nearMisses(event: CaseEvent, context: CaseContext): CaseEvent[] {
  const open = context.issues.filter((issue) => issue.status === 'OPEN').map((issue) => issue.id);
  switch (event.type) {
    case 'RECORD_OUTCOME':
    case 'RECORD_ADR_OUTCOME':
      return [
        { type: event.type, outcome: event.outcome },
        { type: event.type, outcome: event.outcome, agreedIssueIds: open.slice(1) },
        { type: event.type, outcome: event.outcome, agreedIssueIds: open },
        { type: event.type, outcome: 'NO_AGREEMENT', agreedIssueIds: open.slice(0, 1) },
      ];
    case 'RECORD_SETTLEMENT':
      return [{ type: event.type, agreedIssueIds: open.slice(1) }];
    case 'AGREE_ISSUES':
      return [{ type: event.type, issueIds: open }, { type: event.type, issueIds: [...event.issueIds, ...event.issueIds] }];
    case 'SIGN_AGREEMENT':
      return context.sides.filter((side) => side.id !== event.sideId).map((side) => ({ ...event, partyId: side.partyIds[0]! }));
    case 'REMEDIATE':
      return [{ type: event.type, mediator: 'SAME' }];
    case 'START_ARBITRATION':
      return [{ type: event.type, binding: !event.binding }];
    default:
      return [];
  }
}

/** Joint steps that complete an agreement, a proposal or an award once every side has sent them. */
const JOINT: readonly CaseEvent['type'][] = ['SIGN_AGREEMENT', 'RECORD_AGREEMENT_TEXT', 'ANSWER_PROPOSAL', 'ACCEPT_AWARD'];
/** Steps back, which a walk that wants to go deep takes less often. */
const BACK: readonly CaseEvent['type'][] = ['ABANDON_AGREEMENT', 'END_NEGOTIATION', 'REJECT_AWARD', 'CLOSE_PROPOSAL'];

/** Event types that move the resolution track forward from here: the current state's own events and the joint steps. */
function progressTypes(snapshot: CaseSnapshot): Set<string> {
  const types = new Set<string>(JOINT);
  for (const node of snapshot._nodes) {
    if (!node.id.startsWith('case.resolution.')) continue;
    for (const type of node.transitions.keys()) if (!BACK.includes(type as CaseEvent['type'])) types.add(type);
  }
  return types;
}

/** Events that end a case from almost anywhere; picked less often so that walks go deep. */
const SHORTCUTS: readonly CaseEvent['type'][] = ['WITHDRAW_SIDE', 'DISMISS_CASE'];

/**
 * Plays `choices` from a new case: a random walk on the chart. Most choices pick an event
 * the machine accepts now, often one that moves to another state and rarely one that ends
 * the case outright; one in five picks a near miss or a refusable event, which the machine
 * must refuse or handle without breaking an invariant.
 */
function play(
  input: CaseInput,
  choices: readonly number[],
  check: (before: Played, event: CaseEvent, after: Played, effects: StepResult['effects']) => void,
) {
  let stored = createCase(input).persisted;
  let played: Played = { stored, view: describeState(stored), context: restoreCase(stored).context };
  assertInvariants(played);
  for (const choice of choices) {
    const snapshot = restoreCase(stored);
    const candidates = candidateEvents(played.context);
    const accepted = played.view.done ? [] : candidates.filter((event) => snapshot.can(event));
    const onward = accepted.filter((event) => !SHORTCUTS.includes(event.type));
    const progress = progressTypes(snapshot);
    const moving = onward.filter((event) => progress.has(event.type));
    const kind = choice % 10;
    const options =
      kind < 2 || accepted.length === 0
        ? [...accepted.flatMap((event) => nearMisses(event, played.context)), ...refusable(played.context)]
        : kind === 2 || onward.length === 0
          ? accepted
          : kind < 7 && moving.length > 0
            ? moving
            : onward;
    const event = options[Math.floor(choice / 10) % options.length]!;
    let result: StepResult;
    try {
      result = step(JSON.parse(JSON.stringify(stored)), event);
    } catch (error) {
      expect(error).toBeInstanceOf(CaseMachineError);
      expect(['INVALID_TRANSITION', 'INVALID_EVENT']).toContain((error as CaseMachineError).code);
      if (played.view.done) expect((error as CaseMachineError).code === 'INVALID_EVENT' || (error as Error).message.includes('closed')).toBe(true);
      continue;
    }
    expect(played.view.done).toBe(false);
    stored = result.persisted;
    const next: Played = { stored, view: result.state, context: restoreCase(stored).context };
    assertInvariants(next);
    check(played, event, next, result.effects);
    reached.set(next.view.resolution, (reached.get(next.view.resolution) ?? 0) + 1);
    played = next;
  }
  return played;
}

describe('properties of random event sequences', () => {
  it('never break the invariants, and every transition obeys its rule', () => {
    fc.assert(
      fc.property(caseInput, choices(40), (input, choices) => {
        play(input, choices, (before, event, after, effects) => {
          assertStepRules(before, event, after);
          assertReportRule(before, event, effects);
        });
      }),
      { numRuns: 100 },
    );
  });

  it('the walks go deep: with a fixed seed they end the case in every way', () => {
    reached.clear();
    fc.assert(
      fc.property(caseInput, choices(40), (input, choices) => {
        play(input, choices, assertStepRules);
      }),
      { numRuns: 100, seed: 20260121 },
    );
    for (const closure of ['resolved.settled', 'resolved.award', 'resolved.judgment', 'resolved.dismissed', 'resolved.withdrawn', 'negotiation', 'litigating']) {
      expect({ closure, reached: (reached.get(closure) ?? 0) > 0 }).toEqual({ closure, reached: true });
    }
  });

  it('offers every type the machine accepts now: no event of a type left out of enabledEvents steps', () => {
    fc.assert(
      fc.property(caseInput, choices(25), (input, choices) => {
        const { stored, context } = play(input, choices, () => {});
        const enabled = new Set(enabledEvents(stored));
        for (const event of candidateEvents(context).filter((e) => !enabled.has(e.type))) {
          let stepped = true;
          try {
            step(stored, event);
          } catch {
            stepped = false;
          }
          expect({ type: event.type, stepped }).toEqual({ type: event.type, stepped: false });
        }
      }),
      { numRuns: 60 },
    );
  });

  it('what the web is offered is what the machine accepts: every allowed event has a payload that steps', () => {
    fc.assert(
      fc.property(caseInput, choices(25), (input, choices) => {
        const { stored, context } = play(input, choices, () => {});
        const enabled = enabledEvents(stored);
        for (const viewer of [viewers.mediator, viewers.admin, viewers.counselFor(context.sides[0]!.id), viewers.partyFor(context.sides[1]!.id)]) {
          const allowed = allowedEvents(stored, viewer);
          for (const type of allowed) {
            expect(enabled).toContain(type);
            const accepted = candidateEvents(context, [type]).some((event) => {
              try {
                step(stored, event);
                return true;
              } catch {
                return false;
              }
            });
            expect(accepted).toBe(true);
          }
        }
      }),
      { numRuns: 60 },
    );
  });

  it('step is pure: the same stored case and event give the same result', () => {
    fc.assert(
      fc.property(caseInput, choices(15), fc.nat(), (input, choices, last) => {
        const { stored, context } = play(input, choices, () => {});
        const options = candidateEvents(context);
        const event = options[last % options.length]!;
        const attempt = () => {
          try {
            return step(stored, event);
          } catch (error) {
            return (error as CaseMachineError).code;
          }
        };
        expect(JSON.stringify(attempt())).toBe(JSON.stringify(attempt()));
      }),
      { numRuns: 60 },
    );
  });

  it("step's transition agrees with XState's own transition(), snapshot and effects", () => {
    const effectTypes = Object.values(EFFECTS) as string[];
    fc.assert(
      fc.property(caseInput, choices(30), (input, choices) => {
        play(input, choices, (before, event, after) => {
          const [next, actions] = transition(caseMachine, restoreCase(before.stored), event);
          expect(JSON.parse(JSON.stringify(caseMachine.getPersistedSnapshot(next)))).toEqual(after.stored.snapshot);
          const effects = step(before.stored, event).effects;
          expect(effects.map((effect) => effect.type)).toEqual(actions.map((action) => action.type).filter((type) => effectTypes.includes(type)));
        });
      }),
      { numRuns: 60 },
    );
  });

  it('a case opened once answers as the stored snapshot does, step after step', () => {
    fc.assert(
      fc.property(caseInput, choices(30), (input, choices) => {
        const events: CaseEvent[] = [];
        play(input, choices, (_before, event) => events.push(event));
        let stored = createCase(input).persisted;
        let open = openCase(stored);
        for (const event of [...events, ...refusable(open.context)]) {
          expect(open.state).toEqual(describeState(stored));
          expect(open.context).toEqual(restoreCase(stored).context);
          expect(open.enabledEvents()).toEqual(enabledEvents(stored));
          for (const viewer of [viewers.mediator, viewers.admin, viewers.counselFor(open.context.sides[0]!.id)]) {
            expect(open.allowedEvents(viewer)).toEqual(allowedEvents(stored, viewer));
          }
          const viaStored = attempt(() => step(stored, event));
          const viaOpen = attempt(() => open.step(event));
          if (typeof viaStored === 'string' || typeof viaOpen === 'string') {
            expect(viaOpen).toEqual(viaStored);
            continue;
          }
          const { next, ...result } = viaOpen;
          expect(result).toEqual(viaStored);
          stored = viaStored.persisted;
          open = next;
        }
      }),
      { numRuns: 60 },
    );
  });
});

/** A step's result, or the message of the CaseMachineError it threw. */
function attempt<T>(run: () => T): T | string {
  try {
    return run();
  } catch (error) {
    expect(error).toBeInstanceOf(CaseMachineError);
    return `${(error as CaseMachineError).code}: ${(error as Error).message}`;
  }
}
