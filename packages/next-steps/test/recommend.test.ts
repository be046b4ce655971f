import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { EVENT_TYPES, LITIGATION_STATES, STALL_REASONS, type EventType } from '@impasse/case-machine';
import {
  DEADLINE_KINDS,
  DISPUTE_TYPES,
  NextStepsInputError,
  PATHS,
  PATH_EVENT_TYPES,
  STATECHART,
  arbitrationOnRecord,
  recommendNextPaths,
  remediationJustified,
  type NextStepsInput,
  type PathId,
} from '../src/index.js';
import { ALL_PATH_EVENTS, NOW, daysFromNow, newInput, offers } from './support.js';

/** Every fact in favour of every path at once, so that only the statechart can exclude one. */
const favourable = (allowedEvents: readonly EventType[]): NextStepsInput =>
  newInput({
    stallReasons: [
      { reason: 'LACKED_INFORMATION', remedied: true },
      { reason: 'UNREALISTIC_EXPECTATIONS', remedied: false },
      { reason: 'POSTURING', remedied: false },
    ],
    arbitration: { clause: true, stipulated: false },
    allowedEvents,
  });

const inputs: fc.Arbitrary<NextStepsInput> = fc.record({
  now: fc.constant(NOW),
  disputeType: fc.constantFrom(...DISPUTE_TYPES),
  stallReasons: fc.uniqueArray(fc.record({ reason: fc.constantFrom(...STALL_REASONS), remedied: fc.boolean() }), {
    selector: (record) => record.reason,
    maxLength: STALL_REASONS.length,
  }),
  courtOrdered: fc.boolean(),
  arbitration: fc.record({ clause: fc.boolean(), stipulated: fc.boolean(), binding: fc.option(fc.boolean(), { nil: undefined }) }),
  litigationPhase: fc.constantFrom(...LITIGATION_STATES),
  deadlines: fc.array(fc.record({ kind: fc.constantFrom(...DEADLINE_KINDS), due: fc.integer({ min: -60, max: 120 }).map((d) => daysFromNow(d)) }), {
    maxLength: 4,
  }),
  bestOffers: fc.option(
    fc.record({
      currency: fc.constant('EUR'),
      offers: fc.array(
        fc.record({
          sideId: fc.string({ minLength: 1, maxLength: 3 }),
          amount: fc.option(fc.integer({ min: 0, max: 1_000_000 }), { nil: null }),
          status: fc.constantFrom('ACTIVE' as const, 'WITHDRAWN' as const, 'SETTLED' as const),
        }),
        { maxLength: 4 },
      ),
    }),
    { nil: null },
  ),
  issues: fc.record({ open: fc.nat(5), agreed: fc.nat(5) }),
  allowedEvents: fc.subarray([...EVENT_TYPES]),
  triedPaths: fc.subarray([...PATHS]),
});

describe('never a path the statechart forbids', () => {
  it.each(PATHS.map((path) => [path]))('%s is excluded, naming the statechart, when its event is not allowed', (path: PathId) => {
    const allowed = ALL_PATH_EVENTS.filter((type) => type !== PATH_EVENT_TYPES[path]);
    const result = recommendNextPaths(favourable(allowed));
    expect(result.recommended.map((entry) => entry.path)).not.toContain(path);
    expect(result.excluded.find((entry) => entry.path === path)?.excludedBy).toContain(STATECHART);
    // and it is recommended when the event is allowed
    expect(recommendNextPaths(favourable(ALL_PATH_EVENTS)).recommended.map((entry) => entry.path)).toContain(path);
  });

  it('recommends nothing when the case allows nothing (a closed case)', () => {
    const result = recommendNextPaths(favourable([]));
    expect(result.recommended).toEqual([]);
    expect(result.excluded.map((entry) => entry.path)).toEqual([...PATHS]);
  });

  it('holds for any input (fast-check)', () => {
    fc.assert(
      fc.property(inputs, (input) => {
        const { recommended, excluded } = recommendNextPaths(input);
        for (const entry of recommended) {
          expect(input.allowedEvents).toContain(entry.event.type);
          expect(entry.event.type).toBe(PATH_EVENT_TYPES[entry.path]);
          if (entry.event.type === 'REMEDIATE') expect(remediationJustified(input, entry.event.mediator ?? 'SAME')).toBe(true);
          if (entry.path === 'ARBITRATION') expect(arbitrationOnRecord(input)).toBe(true);
        }
        // every path is either recommended or excluded, once, and each exclusion says why
        expect([...recommended, ...excluded].map((entry) => entry.path).sort()).toEqual([...PATHS].sort());
        for (const entry of excluded) {
          expect(entry.reasons.length).toBeGreaterThan(0);
          expect(entry.reasons.length).toBe(entry.excludedBy.length);
        }
      }),
      { numRuns: 500 },
    );
  });
});

describe('ranking', () => {
  it('is by score, ties kept in PATHS order, ranks 1..n (fast-check)', () => {
    fc.assert(
      fc.property(inputs, (input) => {
        const { recommended } = recommendNextPaths(input);
        expect(recommended.map((entry) => entry.rank)).toEqual(recommended.map((_entry, index) => index + 1));
        for (let i = 1; i < recommended.length; i += 1) {
          const [a, b] = [recommended[i - 1]!, recommended[i]!];
          expect(a.score > b.score || (a.score === b.score && PATHS.indexOf(a.path) < PATHS.indexOf(b.path))).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('is deterministic: the same input gives the same answer, whatever the order of allowed events', () => {
    fc.assert(
      fc.property(inputs, fc.infiniteStream(fc.nat()), (input, noise) => {
        const first = recommendNextPaths(input);
        expect(recommendNextPaths(structuredClone(input))).toEqual(first);
        const shuffled = [...input.allowedEvents].sort(() => (noise.next().value % 3) - 1);
        expect(recommendNextPaths({ ...input, allowedEvents: shuffled })).toEqual(first);
      }),
      { numRuns: 200 },
    );
  });

  it('without other rules, lists the allowed paths least escalated first after the one the clause lifts', () => {
    const result = recommendNextPaths(newInput({ arbitration: { clause: true, stipulated: false } }));
    // re-mediation is excluded: nothing fixable was recorded
    expect(result.recommended.map((entry) => [entry.path, entry.score])).toEqual([
      ['NEGOTIATE', 0],
      ['SETTLEMENT_CONFERENCE', 0],
      ['EARLY_NEUTRAL_EVALUATION', 0],
      ['MEDIATORS_PROPOSAL', 0],
      ['ARBITRATION', 3],
      ['LITIGATION', 0],
    ].sort((a, b) => (b[1] as number) - (a[1] as number)));
  });

  it('carries the event with its payload', () => {
    const result = recommendNextPaths(
      newInput({
        stallReasons: [{ reason: 'MEDIATOR_FIT', remedied: true }],
        arbitration: { clause: false, stipulated: true, binding: false },
      }),
    );
    const event = (path: PathId) => result.recommended.find((entry) => entry.path === path)?.event;
    expect(event('REMEDIATE_NEW')).toEqual({ type: 'REMEDIATE', mediator: 'NEW' });
    expect(event('ARBITRATION')).toEqual({ type: 'START_ARBITRATION', binding: false });
    expect(event('NEGOTIATE')).toEqual({ type: 'START_NEGOTIATION' });
    // mediator fit: never the same mediator, by the rule and by the statechart's guard
    expect(result.excluded.find((entry) => entry.path === 'REMEDIATE_SAME')).toMatchObject({
      excludedBy: ['mediator-fit', STATECHART],
      reasons: [expect.stringMatching(/new mediator/), 'The only remedy recorded is a change of mediator: a second session needs a new mediator.'],
    });
  });

  it('explains a missing clause in words', () => {
    const result = recommendNextPaths(newInput());
    expect(result.excluded.find((entry) => entry.path === 'ARBITRATION')?.reasons).toEqual([
      'Arbitration needs an arbitration clause or a stipulation on record.',
    ]);
  });
});

describe('input', () => {
  it('is checked, every problem named', () => {
    const bad = newInput({
      now: 'yesterday',
      disputeType: 'TORT' as never,
      stallReasons: [
        { reason: 'BAD_LUCK' as never, remedied: false },
        { reason: 'TIMING', remedied: false },
        { reason: 'TIMING', remedied: true },
      ],
      deadlines: [{ kind: 'COURT_DATE', due: '31/12/2026' }],
      bestOffers: offers(-5, 10),
      issues: { open: 1.5, agreed: 0 },
      allowedEvents: ['FLY' as never],
    });
    expect(() => recommendNextPaths(bad)).toThrow(NextStepsInputError);
    try {
      recommendNextPaths(bad);
    } catch (error) {
      expect((error as NextStepsInputError).problems).toEqual([
        'now must be an ISO 8601 instant or a Date',
        'disputeType must be one of FAMILY, PERSONAL_INJURY, CONTRACT, EMPLOYMENT, REAL_PROPERTY, PROBATE_ESTATE, BUSINESS, OTHER_CIVIL',
        'stall reason BAD_LUCK is unknown',
        'stall reason TIMING is listed twice',
        'deadline due date 31/12/2026 is not a date',
        'the best offer of side side-1 must be a non-negative amount or null',
        'issue counts must be whole numbers, zero or more',
        'allowed event FLY is unknown',
      ]);
    }
  });

  it('reads the clock only from `now`', () => {
    const court = { courtOrdered: true, deadlines: [{ kind: 'COURT_DATE' as const, due: '2030-06-15' }] };
    const early = recommendNextPaths(newInput({ ...court, now: '2030-04-01T09:00:00Z' }));
    const late = recommendNextPaths(newInput({ ...court, now: new Date('2030-06-01T09:00:00Z') }));
    expect(early.firedRules).not.toContain('trial-near');
    expect(late.firedRules).toContain('trial-near');
  });
});
