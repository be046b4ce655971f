import {
  EVENT_TYPES,
  LITIGATION_STATES,
  REMEDIATION_FIXABLE_REASONS,
  SIDE_STATUSES,
  STALL_REASONS,
  type EventType,
  type LitigationState,
  type SideStatus,
  DISPUTE_TYPES,
  type DisputeType,
  type StallReason,
} from '@impasse/case-machine';

/** The case types of the NCSC caseload form: the statechart package's, re-exported. */
export { DISPUTE_TYPES, type DisputeType };

/** Deadline kinds, as the api stores them. */
export const DEADLINE_KINDS = [
  'COURT_DATE',
  'FILING_DEADLINE',
  'DISCOVERY_CUTOFF',
  'EXPERT_DISCLOSURE',
  'MEDIATOR_REPORT',
  'PROPOSAL_DEADLINE',
  'NEXT_TOUCHPOINT',
  'OTHER',
] as const;
export type DeadlineKind = (typeof DEADLINE_KINDS)[number];

/** The ways out of `impasse`, least escalated first; ties in score keep this order. */
export const PATHS = [
  'NEGOTIATE',
  'REMEDIATE_SAME',
  'REMEDIATE_NEW',
  'SETTLEMENT_CONFERENCE',
  'EARLY_NEUTRAL_EVALUATION',
  'MEDIATORS_PROPOSAL',
  'ARBITRATION',
  'LITIGATION',
] as const;
export type PathId = (typeof PATHS)[number];

export const PATH_LABELS: Readonly<Record<PathId, string>> = {
  NEGOTIATE: 'Negotiate directly, counsel to counsel',
  REMEDIATE_SAME: 'Mediate again with the same mediator',
  REMEDIATE_NEW: 'Mediate again with a new mediator',
  SETTLEMENT_CONFERENCE: 'Settlement conference',
  EARLY_NEUTRAL_EVALUATION: 'Early neutral evaluation',
  MEDIATORS_PROPOSAL: "Mediator's proposal",
  ARBITRATION: 'Arbitration',
  LITIGATION: 'Litigation (start or continue)',
};

/** The statechart event each path sends; `REMEDIATE` and `START_ARBITRATION` carry a payload. */
export const PATH_EVENT_TYPES = {
  NEGOTIATE: 'START_NEGOTIATION',
  REMEDIATE_SAME: 'REMEDIATE',
  REMEDIATE_NEW: 'REMEDIATE',
  SETTLEMENT_CONFERENCE: 'SCHEDULE_SETTLEMENT_CONFERENCE',
  EARLY_NEUTRAL_EVALUATION: 'SCHEDULE_EARLY_NEUTRAL_EVALUATION',
  MEDIATORS_PROPOSAL: 'ISSUE_MEDIATORS_PROPOSAL',
  ARBITRATION: 'START_ARBITRATION',
  LITIGATION: 'PURSUE_LITIGATION',
} as const satisfies Readonly<Record<PathId, EventType>>;

export interface StallReasonInput {
  reason: StallReason;
  /** True once the remedy answering this reason is recorded (the machine's `StallReasonRecord`). */
  remedied: boolean;
}

export interface DeadlineInput {
  kind: DeadlineKind;
  /** `YYYY-MM-DD` (read as midnight UTC) or an ISO 8601 instant. */
  due: string;
}

export interface OfferInput {
  sideId: string;
  /** The side's best figure on the table, in `currency`; null when the side named none. */
  amount: number | null;
  /** Only ACTIVE sides count towards the gap (default ACTIVE). */
  status?: SideStatus;
}

/**
 * Everything the recommendation reads: plain data the api assembles from the case's
 * snapshot (`caseContext`, `allowedEvents`) and its tables. Nothing here is read from a
 * clock or a database.
 */
export interface NextStepsInput {
  /** The moment to judge deadlines against (an ISO 8601 instant or a `Date`). */
  now: string | Date;
  disputeType: DisputeType;
  /** The impasse assessment's stall reasons (`caseContext(stored).assessment.stallReasons`). */
  stallReasons: readonly StallReasonInput[];
  courtOrdered: boolean;
  /** An arbitration clause, or every active side's stipulation, on record; `binding` defaults to true. */
  arbitration: { clause: boolean; stipulated: boolean; binding?: boolean };
  /** The litigation region's state (`describeState(stored).litigation`). */
  litigationPhase: LitigationState;
  deadlines: readonly DeadlineInput[];
  /** Each side's best offer in one currency, or null when no figures were captured. */
  bestOffers: { currency: string; offers: readonly OfferInput[] } | null;
  issues: { open: number; agreed: number };
  /**
   * The events the statechart allows now: `enabledEvents(stored)` for the case, or
   * `allowedEvents(stored, viewer)` for what this viewer may start. A path whose event is
   * not here is never recommended.
   */
  allowedEvents: readonly EventType[];
  /** Paths already tried since mediation that ended without settlement (optional). */
  triedPaths?: readonly PathId[];
}

/** Thresholds on the relative gap between the highest and lowest active best offer. */
export const GAP_THRESHOLDS = {
  /** At or below this share of the higher figure, the sides are close. */
  small: 0.15,
  /** At or above this share, the numbers do not meet. */
  large: 0.5,
} as const;

export interface OfferGap {
  currency: string;
  low: number;
  high: number;
  amount: number;
  /** `amount / high` (0 when both are 0). */
  relative: number;
}

const DAY_MS = 24 * 60 * 60 * 1000;

export class NextStepsInputError extends Error {
  readonly code = 'INVALID_INPUT';
  constructor(readonly problems: readonly string[]) {
    super(`The next-steps input is not valid: ${problems.join('; ')}.`);
    this.name = 'NextStepsInputError';
  }
}

export function parseInstant(value: string | Date): number {
  if (value instanceof Date) return value.getTime();
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return Date.parse(`${value}T00:00:00Z`);
  return /^\d{4}-\d{2}-\d{2}T/.test(value) ? Date.parse(value) : Number.NaN;
}

const oneOf = (values: readonly string[]) => (value: unknown) => typeof value === 'string' && values.includes(value);

/** Every problem with the input, in words; empty when it is valid. */
export function inputProblems(input: NextStepsInput): string[] {
  const problems: string[] = [];
  if (Number.isNaN(parseInstant(input.now))) problems.push('now must be an ISO 8601 instant or a Date');
  if (!oneOf(DISPUTE_TYPES)(input.disputeType)) problems.push(`disputeType must be one of ${DISPUTE_TYPES.join(', ')}`);
  if (!oneOf(LITIGATION_STATES)(input.litigationPhase)) {
    problems.push(`litigationPhase must be one of ${LITIGATION_STATES.join(', ')}`);
  }
  const seen = new Set<string>();
  for (const record of input.stallReasons) {
    if (!oneOf(STALL_REASONS)(record.reason)) problems.push(`stall reason ${String(record.reason)} is unknown`);
    else if (seen.has(record.reason)) problems.push(`stall reason ${record.reason} is listed twice`);
    seen.add(record.reason);
  }
  for (const deadline of input.deadlines) {
    if (!oneOf(DEADLINE_KINDS)(deadline.kind)) problems.push(`deadline kind ${String(deadline.kind)} is unknown`);
    if (Number.isNaN(parseInstant(deadline.due))) problems.push(`deadline due date ${String(deadline.due)} is not a date`);
  }
  for (const offer of input.bestOffers?.offers ?? []) {
    if (offer.amount !== null && !(Number.isFinite(offer.amount) && offer.amount >= 0)) {
      problems.push(`the best offer of side ${offer.sideId} must be a non-negative amount or null`);
    }
    if (offer.status !== undefined && !oneOf(SIDE_STATUSES)(offer.status)) problems.push(`side status ${String(offer.status)} is unknown`);
  }
  for (const count of [input.issues.open, input.issues.agreed]) {
    if (!Number.isInteger(count) || count < 0) problems.push('issue counts must be whole numbers, zero or more');
  }
  for (const type of input.allowedEvents) {
    if (!oneOf(EVENT_TYPES)(type)) problems.push(`allowed event ${String(type)} is unknown`);
  }
  for (const path of input.triedPaths ?? []) {
    if (!oneOf(PATHS)(path)) problems.push(`tried path ${String(path)} is unknown`);
  }
  return problems;
}

/** The spread between the highest and lowest best offer of the active sides, or null with fewer than two figures. */
export function offerGap(bestOffers: NextStepsInput['bestOffers']): OfferGap | null {
  if (bestOffers === null) return null;
  const amounts = bestOffers.offers
    .filter((offer) => (offer.status ?? 'ACTIVE') === 'ACTIVE' && offer.amount !== null)
    .map((offer) => offer.amount as number);
  if (amounts.length < 2) return null;
  const low = Math.min(...amounts);
  const high = Math.max(...amounts);
  const amount = high - low;
  return { currency: bestOffers.currency, low, high, amount, relative: high === 0 ? 0 : amount / high };
}

/** Throws `NextStepsInputError` listing every problem of an invalid input. */
export function assertValidInput(input: NextStepsInput): void {
  const problems = inputProblems(input);
  if (problems.length) throw new NextStepsInputError(problems);
}

/** Days from `now` to the nearest court date not yet passed, or null when none is ahead. */
export function daysToCourtDate(input: NextStepsInput): number | null {
  const nowMs = parseInstant(input.now);
  const ahead = input.deadlines
    .filter((deadline) => deadline.kind === 'COURT_DATE')
    .map((deadline) => (parseInstant(deadline.due) - nowMs) / DAY_MS)
    .filter((days) => days >= 0);
  return ahead.length ? Math.min(...ahead) : null;
}

/** True when a deadline of `kind` fell due at or before `now`. */
export function deadlinePassed(input: NextStepsInput, kind: DeadlineKind): boolean {
  const nowMs = parseInstant(input.now);
  return input.deadlines.some((deadline) => deadline.kind === kind && parseInstant(deadline.due) <= nowMs);
}

/** True when `reason` was recorded; with `remedied`, also whether its remedy is (or is not) recorded. */
export function stalledFor(input: NextStepsInput, reason: StallReason, remedied?: boolean): boolean {
  const record = input.stallReasons.find((r) => r.reason === reason);
  return record !== undefined && (remedied === undefined || record.remedied === remedied);
}

/** Mirrors the machine's `remediationJustified` guard for a mediator choice. */
export function remediationJustified(input: NextStepsInput, mediator: 'SAME' | 'NEW'): boolean {
  return REMEDIATION_FIXABLE_REASONS.some(
    (reason) => stalledFor(input, reason, true) && (reason !== 'MEDIATOR_FIT' || mediator === 'NEW'),
  );
}

export function arbitrationOnRecord(input: NextStepsInput): boolean {
  return input.arbitration.clause || input.arbitration.stipulated;
}
