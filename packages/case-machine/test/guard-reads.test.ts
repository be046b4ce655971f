import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import {
  COURT_REPORTABLE_CONTEXT,
  EVENT_POLICY,
  EVENT_TYPES,
  GUARD_NAMES,
  GUARD_READS,
  GUARDS,
  candidateEvents,
  createCase,
  openCase,
  type CaseContext,
  type CaseEvent,
  type EventType,
  type GuardName,
  type OpenCase,
} from '../src/index.js';
import { machineParts } from './model.support.js';

/**
 * "What a viewer can infer": whether an event is allowed, accepted or refused is a function
 * of what its rules read. The dependency table (`GUARD_READS`) says what each rule reads; these
 * tests keep it true, and hold every event a program administrator may send to rules that
 * read only the court-reportable context.
 */

/** The rule names a transition's guard refers to (`and([...])` included). */
function guardNames(guard: unknown): string[] {
  if (!guard) return [];
  if (typeof guard === 'string') return [guard];
  const composed = (guard as { guards?: unknown }).guards;
  if (typeof guard === 'function' && Array.isArray(composed)) return composed.flatMap(guardNames);
  if (typeof guard === 'object' && 'type' in (guard as object)) return [(guard as { type: string }).type];
  throw new Error(`A guard the test cannot name: ${String(guard)}`);
}

/** Every rule on a transition the machine takes for `type`, in any state. */
function rulesOf(type: EventType): Set<string> {
  const names = new Set<string>();
  for (const { label, definition } of machineParts().transitions) {
    if (label.split(' ')[1]?.startsWith(`${type}#`)) for (const name of guardNames((definition as { guard?: unknown }).guard)) names.add(name);
  }
  return names;
}

/** The top-level context keys `read` touches, through a proxy that records them. */
function keysRead(context: CaseContext, read: (context: CaseContext) => unknown): Set<string> {
  const keys = new Set<string>();
  const proxy = new Proxy(context, {
    get(target, key, receiver) {
      if (typeof key === 'string') keys.add(key);
      return Reflect.get(target, key, receiver);
    },
    ownKeys(target) {
      for (const key of Reflect.ownKeys(target)) if (typeof key === 'string') keys.add(key);
      return Reflect.ownKeys(target);
    },
  });
  read(proxy);
  return keys;
}

const sides = [
  { id: 'a', label: 'A', parties: [{ id: 'a1' }] },
  { id: 'b', label: 'B', parties: [{ id: 'b1' }, { id: 'b2' }] },
];

/** A random walk through the chart: each step one of the events the case accepts now. */
const walk = fc.record({
  courtOrdered: fc.boolean(),
  arbitrationClause: fc.boolean(),
  choices: fc.array(fc.nat(), { minLength: 1, maxLength: 20 }),
});

function visit(input: { courtOrdered: boolean; arbitrationClause: boolean; choices: number[] }, each: (open: OpenCase) => void): void {
  let open = openCase(
    createCase({ sides, issues: [{ id: 'i1', label: 'Price' }, { id: 'i2', label: 'Delivery' }], courtOrdered: input.courtOrdered, arbitrationClause: input.arbitrationClause })
      .persisted,
  );
  for (const choice of input.choices) {
    each(open);
    const accepted = candidateEvents(open.context).filter((event) => {
      try {
        open.step(event);
        return true;
      } catch {
        return false;
      }
    });
    if (accepted.length === 0) return;
    open = open.step(accepted[choice % accepted.length]!).next;
  }
}

describe('the dependency table of the rules', () => {
  it('names every rule, and only context keys', () => {
    expect(Object.keys(GUARD_READS).sort()).toEqual([...GUARD_NAMES].sort());
    const keys = Object.keys(openCase(createCase({ sides }).persisted).context);
    for (const name of GUARD_NAMES) for (const key of GUARD_READS[name]) expect(keys).toContain(key);
    for (const key of COURT_REPORTABLE_CONTEXT) expect(keys).toContain(key);
  });

  it('is true: on the contexts of random walks, each rule reads nothing beyond its row', () => {
    const beyond = new Set<string>();
    fc.assert(
      fc.property(walk, (input) => {
        visit(input, (open) => {
          const events: CaseEvent[] = candidateEvents(open.context);
          for (const name of GUARD_NAMES) {
            const guard = GUARDS[name] as (c: CaseContext, e: CaseEvent, p: unknown) => boolean;
            const params = name === 'courtOrders' ? { process: 'MEDIATION' } : name === 'stayedFrom' ? { phase: 'discovery' } : undefined;
            const declared = GUARD_READS[name] as readonly string[];
            for (const event of events) {
              for (const key of keysRead(open.context, (c) => guard(c, event, params))) if (!declared.includes(key)) beyond.add(`${name} reads ${key}`);
            }
          }
        });
      }),
      { numRuns: 40, seed: 7 },
    );
    expect([...beyond]).toEqual([]);
  });
});

describe('a program administrator learns nothing above the court-reportable tier from the events it may send', () => {
  const theirs = EVENT_TYPES.filter((type) => EVENT_POLICY[type].roles.includes('PROGRAM_ADMIN'));

  it.each(theirs)('%s: its rules read only court-reportable context', (type) => {
    const above = [...rulesOf(type)].flatMap((rule) =>
      GUARD_READS[rule as GuardName].filter((key) => !COURT_REPORTABLE_CONTEXT.includes(key)).map((key) => `${rule} reads ${key}`),
    );
    expect(above).toEqual([]);
  });

  it('the paths out of impasse, which read the assessment, are not theirs', () => {
    for (const type of ['REMEDIATE', 'SCHEDULE_SETTLEMENT_CONFERENCE', 'SCHEDULE_EARLY_NEUTRAL_EVALUATION'] as const) {
      expect(rulesOf(type)).toContain('impasseAssessed');
      expect(EVENT_POLICY[type].roles).not.toContain('PROGRAM_ADMIN');
    }
  });
});
