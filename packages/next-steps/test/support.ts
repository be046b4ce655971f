import {
  activeSides,
  caseContext,
  createCase,
  describeState,
  enabledEvents,
  step,
  type CaseEvent,
  type CaseInput,
  type LitigationState,
  type PersistedCase,
} from '@impasse/case-machine';
import { PATHS, PATH_EVENT_TYPES, type NextStepsInput } from '../src/index.js';

export const NOW = '2026-02-02T15:00:00Z';

/** `NOW` plus `days`, as a calendar date or an instant. */
export function daysFromNow(days: number, asDate = false): string {
  const iso = new Date(Date.parse(NOW) + days * 24 * 60 * 60 * 1000).toISOString();
  return asDate ? iso.slice(0, 10) : iso;
}

/** Every event a path can send: the case allows all of them. */
export const ALL_PATH_EVENTS = [...new Set(PATHS.map((path) => PATH_EVENT_TYPES[path]))];

/** A neutral case at impasse: no rule fires on it. Overrides replace whole fields. */
export function newInput(overrides: Partial<NextStepsInput> = {}): NextStepsInput {
  return {
    now: NOW,
    disputeType: 'OTHER_CIVIL',
    stallReasons: [{ reason: 'OTHER', remedied: false }],
    courtOrdered: false,
    arbitration: { clause: false, stipulated: false },
    litigationPhase: 'notFiled',
    deadlines: [],
    bestOffers: null,
    issues: { open: 2, agreed: 0 },
    allowedEvents: ALL_PATH_EVENTS,
    ...overrides,
  };
}

/** Two sides' best offers in USD. */
export const offers = (...amounts: (number | null)[]): NextStepsInput['bestOffers'] => ({
  currency: 'USD',
  offers: amounts.map((amount, index) => ({ sideId: `side-${index + 1}`, amount })),
});

export function run(stored: PersistedCase, events: readonly CaseEvent[]): PersistedCase {
  return events.reduce((current, event) => step(JSON.parse(JSON.stringify(current)), event).persisted, stored);
}

export function newCase(input: CaseInput, events: readonly CaseEvent[]): PersistedCase {
  return run(createCase(input).persisted, events);
}

/**
 * The input as the api would assemble it from a stored case: the machine's facts from the
 * snapshot, the rest (dispute type, deadlines, offers) from its tables.
 */
export function inputFromCase(
  stored: PersistedCase,
  rest: Pick<NextStepsInput, 'disputeType'> & Partial<NextStepsInput>,
): NextStepsInput {
  const context = caseContext(stored);
  const count = (status: string) => context.issues.filter((issue) => issue.status === status).length;
  return {
    now: NOW,
    stallReasons: context.assessment.stallReasons,
    courtOrdered: context.courtOrdered,
    arbitration: {
      clause: context.arbitrationClause,
      stipulated: activeSides(context).every((side) => context.arbitrationStipulatedBy.includes(side.id)),
    },
    litigationPhase: describeState(stored).litigation as LitigationState,
    deadlines: [],
    bestOffers: null,
    issues: { open: count('OPEN'), agreed: count('AGREED') },
    allowedEvents: enabledEvents(stored),
    ...rest,
  };
}
