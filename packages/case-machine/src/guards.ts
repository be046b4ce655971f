import {
  activeSides,
  areOpenIssues,
  countsAfterAgreeing,
  fullySigned,
  isActiveSide,
  isLitigationPending,
  isOpenIssue,
  pendingAgreement,
  validSignatures,
  type CaseContext,
  type Signature,
} from './context.js';
import { isIsoDate, type CaseEvent } from './events.js';
import {
  COURT_ORDERED_PROCESSES,
  PROPOSAL_ANSWERS,
  REMEDIATION_FIXABLE_REASONS,
  REMEDIES,
  REMEDY_FOR,
  SESSION_NOT_HELD_REASONS,
  STALL_REASONS,
  type CourtOrderedProcess,
  type LitigationPhase,
  type Remedy,
} from './states.js';

/**
 * The machine's rules, as pure functions of the context and the event. The machine names
 * them (so `xstate/graph` tests can watch each one decide both ways) and the api can call
 * them to explain a refusal. None of them throws, whatever the payload.
 */
type Guard<P = undefined> = (context: CaseContext, event: CaseEvent, params: P) => boolean;

const list = (value: unknown): readonly string[] => (Array.isArray(value) ? (value as string[]) : []);
const nonEmpty = (value: unknown): value is string => typeof value === 'string' && value.trim() !== '';

/** The issues an outcome-like event agrees, if its list is valid. */
function outcomeCounts(context: CaseContext, event: CaseEvent): { open: number; agreed: number; newlyAgreed: number } | null {
  if (event.type !== 'RECORD_OUTCOME' && event.type !== 'RECORD_ADR_OUTCOME' && event.type !== 'RECORD_SETTLEMENT') return null;
  if (!areOpenIssues(context, event.agreedIssueIds)) return null;
  const ids = list(event.agreedIssueIds);
  return { ...countsAfterAgreeing(context, ids), newlyAgreed: ids.length };
}

const outcomeIs = (event: CaseEvent, outcome: string): boolean =>
  (event.type === 'RECORD_OUTCOME' || event.type === 'RECORD_ADR_OUTCOME') && event.outcome === outcome;

/**
 * A signature of the pending agreement's recorded, complete text (its digest), by or for a
 * party of an active side who has not signed that text yet. Counsel sign for a client only
 * where the signing rule is PARTIES_OR_COUNSEL.
 */
function signatureIsValid(context: CaseContext, event: CaseEvent): boolean {
  if (event.type !== 'SIGN_AGREEMENT' && event.type !== 'SIGN_AGREEMENT_FOR_CLIENT') return false;
  if (event.type === 'SIGN_AGREEMENT_FOR_CLIENT' && context.signingRule !== 'PARTIES_OR_COUNSEL') return false;
  const agreement = pendingAgreement(context);
  const side = context.sides.find((s) => s.id === event.sideId && s.status === 'ACTIVE');
  return (
    agreement !== undefined &&
    agreement.text !== null &&
    agreement.text.complete &&
    event.digest === agreement.text.digest &&
    side !== undefined &&
    side.partyIds.includes(event.partyId) &&
    !validSignatures(agreement).some((s) => s.sideId === event.sideId && s.partyId === event.partyId)
  );
}

/** The signature an event adds. */
export function signatureOf(event: CaseEvent): Signature | null {
  if (event.type === 'SIGN_AGREEMENT') return { sideId: event.sideId, partyId: event.partyId, signerId: event.partyId, digest: event.digest };
  if (event.type === 'SIGN_AGREEMENT_FOR_CLIENT') return { sideId: event.sideId, partyId: event.partyId, signerId: event.signerId, digest: event.digest };
  return null;
}

export const GUARDS = {
  // ---- outcomes (mediation session, settlement conference, early neutral evaluation) ----
  /** SETTLED: the listed issues are open and, once agreed, no open issue is left. */
  settlementReached: ((context, event) => {
    const counts = outcomeCounts(context, event);
    return outcomeIs(event, 'SETTLED') && counts !== null && counts.open === 0;
  }) as Guard,
  /** PARTIAL_AGREEMENT: once the listed issues are agreed, at least one is agreed and one still open. */
  partialAgreementReached: ((context, event) => {
    const counts = outcomeCounts(context, event);
    return outcomeIs(event, 'PARTIAL_AGREEMENT') && counts !== null && counts.agreed >= 1 && counts.open >= 1;
  }) as Guard,
  /** NO_AGREEMENT agrees nothing new. */
  noAgreementReached: ((context, event) => {
    const counts = outcomeCounts(context, event);
    return outcomeIs(event, 'NO_AGREEMENT') && counts !== null && counts.newlyAgreed === 0;
  }) as Guard,
  /** Negotiation ends in settlement only when no open issue is left. */
  negotiatedSettlementComplete: ((context, event) => {
    const counts = outcomeCounts(context, event);
    return event.type === 'RECORD_SETTLEMENT' && counts !== null && counts.open === 0;
  }) as Guard,
  /** A partial agreement outside a session: at least one open issue agreed, at least one left open. */
  partialAgreementLocked: ((context, event) => {
    if (event.type !== 'AGREE_ISSUES') return false;
    const ids = list(event.issueIds);
    return ids.length >= 1 && areOpenIssues(context, event.issueIds) && countsAfterAgreeing(context, ids).open >= 1;
  }) as Guard,

  // ---- sessions not held ----
  sessionNotHeldForPriorSettlement: ((_, event) =>
    event.type === 'RECORD_SESSION_NOT_HELD' && event.reason === 'PRIOR_SETTLEMENT') as Guard,
  sessionNotHeldForAnotherReason: ((_, event) =>
    event.type === 'RECORD_SESSION_NOT_HELD' &&
    event.reason !== 'PRIOR_SETTLEMENT' &&
    SESSION_NOT_HELD_REASONS.includes(event.reason)) as Guard,

  // ---- issues ----
  issueIsNew: ((context, event) =>
    event.type === 'ADD_ISSUE' &&
    nonEmpty(event.issueId) &&
    nonEmpty(event.label) &&
    !context.issues.some((issue) => issue.id === event.issueId)) as Guard,
  issueIsOpen: ((context, event) => event.type === 'WITHDRAW_ISSUE' && isOpenIssue(context, event.issueId)) as Guard,
  /** Only a court decides an issue: it must be open and suit filed and pending. */
  issueDecidableByCourt: ((context, event) =>
    event.type === 'DECIDE_ISSUE' && isOpenIssue(context, event.issueId) && isLitigationPending(context)) as Guard,

  // ---- the impasse assessment ----
  stallReasonIsNew: ((context, event) =>
    event.type === 'RECORD_STALL_REASON' &&
    STALL_REASONS.includes(event.reason) &&
    !context.assessment.stallReasons.some((r) => r.reason === event.reason)) as Guard,
  /** A remedy answers a recorded stall reason that has no remedy yet. */
  remedyAnswersStallReason: ((context, event) => {
    if (event.type !== 'RECORD_REMEDY' || !REMEDIES.includes(event.remedy)) return false;
    const reason = REMEDY_FOR[event.remedy as Remedy];
    return context.assessment.stallReasons.some((r) => r.reason === reason && !r.remedied);
  }) as Guard,
  outreachIsValid: ((_, event) =>
    event.type === 'ASSIGN_OUTREACH_OWNER' && nonEmpty(event.ownerId) && isIsoDate(event.touchpointDate)) as Guard,
  /** Leaving impasse: at least one stall reason named, and one owner of the next outreach with a date. */
  impasseAssessed: ((context) => context.assessment.stallReasons.length >= 1 && context.assessment.outreach !== null) as Guard,
  /**
   * Re-mediation: a recorded stall reason a second session can fix, with its remedy recorded.
   * When the only such reason is mediator fit, the new session needs a new mediator.
   */
  remediationJustified: ((context, event) => {
    if (event.type !== 'REMEDIATE') return false;
    const mediator = event.mediator ?? 'SAME';
    if (mediator !== 'SAME' && mediator !== 'NEW') return false;
    return context.assessment.stallReasons.some(
      (r) =>
        r.remedied && REMEDIATION_FIXABLE_REASONS.includes(r.reason) && (r.reason !== 'MEDIATOR_FIT' || mediator === 'NEW'),
    );
  }) as Guard,
  /** Arbitration needs a clause on record, or a stipulation from every active side. */
  arbitrationAgreed: ((context, event) =>
    event.type === 'START_ARBITRATION' &&
    typeof event.binding === 'boolean' &&
    (context.arbitrationClause || activeSides(context).every((side) => context.arbitrationStipulatedBy.includes(side.id)))) as Guard,
  arbitrationClauseMissing: ((context) => !context.arbitrationClause) as Guard,
  stipulationIsNew: ((context, event) =>
    event.type === 'STIPULATE_ARBITRATION' &&
    isActiveSide(context, event.sideId) &&
    !context.arbitrationStipulatedBy.includes(event.sideId)) as Guard,

  // ---- the court ----
  /** Suit is filed and neither ended nor decided (stayed counts). */
  litigationPending: ((context) => isLitigationPending(context)) as Guard,
  /** A court orders `process`; only a court with a pending suit can. */
  courtOrders: ((context, event, params: { process: CourtOrderedProcess }) =>
    event.type === 'ORDER_ADR' &&
    COURT_ORDERED_PROCESSES.includes(event.process) &&
    event.process === params.process &&
    isLitigationPending(context)) as Guard<{ process: CourtOrderedProcess }>,
  /** Lifting a stay returns to the phase the stay interrupted. */
  stayedFrom: ((context, _, params: { phase: LitigationPhase }) => context.stayedFrom === params.phase) as Guard<{
    phase: LitigationPhase;
  }>,
  /** The litigation region reached judgment while the case is still open. */
  judgmentEntered: ((context) => context.litigation === 'judgment' && context.closedAs === null) as Guard,
  /** The case ended another way while the court track is still open. */
  caseEndedOutsideCourt: ((context) =>
    context.closedAs !== null && context.litigation !== 'closed' && context.litigation !== 'judgment') as Guard,

  // ---- the mediator's proposal ----
  proposalAnswerIsValid: ((context, event) =>
    event.type === 'ANSWER_PROPOSAL' &&
    context.proposal !== null &&
    isActiveSide(context, event.sideId) &&
    PROPOSAL_ANSWERS.includes(event.answer) &&
    !context.proposal.answers.some((a) => a.sideId === event.sideId)) as Guard,
  /** Every active side accepted (answers stay sealed until this or a rejection is known). */
  proposalAcceptedByAll: ((context) =>
    context.proposal !== null &&
    activeSides(context).every((side) => context.proposal!.answers.some((a) => a.sideId === side.id && a.answer === 'ACCEPT'))) as Guard,
  /** Every active side answered, and at least one said no. */
  proposalRejected: ((context) => {
    const proposal = context.proposal;
    if (proposal === null) return false;
    const answers = activeSides(context).map((side) => proposal.answers.find((a) => a.sideId === side.id)?.answer);
    return answers.every((answer) => answer !== undefined) && answers.includes('REJECT');
  }) as Guard,

  // ---- arbitration awards ----
  awardBinds: ((context) => context.arbitration !== null && context.arbitration.binding && !context.arbitration.awardRendered) as Guard,
  awardAdvises: ((context) => context.arbitration !== null && !context.arbitration.binding && !context.arbitration.awardRendered) as Guard,
  /** A side answers a rendered non-binding award, once. */
  awardAnswerIsValid: ((context, event) =>
    (event.type === 'ACCEPT_AWARD' || event.type === 'REJECT_AWARD') &&
    context.arbitration !== null &&
    !context.arbitration.binding &&
    context.arbitration.awardRendered &&
    isActiveSide(context, event.sideId) &&
    !context.arbitration.acceptedBy.includes(event.sideId)) as Guard,
  awardAcceptedByAll: ((context) =>
    context.arbitration !== null &&
    context.arbitration.awardRendered &&
    activeSides(context).every((side) => context.arbitration!.acceptedBy.includes(side.id))) as Guard,

  // ---- the written agreement ----
  /** A party of an active side signs the pending agreement, once. */
  signatureIsValid: ((context, event) => signatureIsValid(context, event)) as Guard,
  /** This signature is the last one a DRAFT agreement needs: it becomes BINDING. */
  signatureMakesBinding: ((context, event) => {
    const signature = signatureOf(event);
    if (!signature || !signatureIsValid(context, event)) return false;
    const agreement = pendingAgreement(context)!;
    const signed = { ...agreement, signatures: [...validSignatures(agreement), signature] };
    return agreement.status === 'DRAFT' && fullySigned(context, signed);
  }) as Guard,
  /** The api records the text of a pending agreement. */
  agreementTextRecordable: ((context, event) =>
    event.type === 'RECORD_AGREEMENT_TEXT' && pendingAgreement(context) !== undefined && typeof event.digest === 'string' && event.digest !== '') as Guard,
  agreementIsDraft: ((context) => pendingAgreement(context)?.status === 'DRAFT') as Guard,
  agreementAwaitsFormalDocuments: ((context) => pendingAgreement(context)?.status === 'SUBJECT_TO_FORMAL_DOCUMENTS') as Guard,
  /** The settlement is done: every agreement binding, at least one, and no open issue. */
  settlementBinding: ((context) =>
    context.agreements.length > 0 &&
    context.agreements.every((a) => a.status === 'BINDING') &&
    context.issues.every((issue) => issue.status !== 'OPEN')) as Guard,

  // ---- sides ----
  sideIsActive: ((context, event) => event.type === 'WITHDRAW_SIDE' && isActiveSide(context, event.sideId)) as Guard,
  /** The case goes on without the side, whose absence completes a DRAFT agreement every remaining party signed. */
  withdrawalCompletesAgreement: ((context, event) => {
    if (event.type !== 'WITHDRAW_SIDE' || !isActiveSide(context, event.sideId) || activeSides(context).length - 1 < 2) return false;
    const agreement = pendingAgreement(context);
    const remaining: CaseContext = {
      ...context,
      sides: context.sides.map((side) => (side.id === event.sideId ? { ...side, status: 'WITHDRAWN' as const } : side)),
    };
    return agreement?.status === 'DRAFT' && fullySigned(remaining, agreement);
  }) as Guard,
  /** The withdrawal leaves fewer than two active sides: the case ends as withdrawn. */
  withdrawalEndsCase: ((context, event) =>
    event.type === 'WITHDRAW_SIDE' && isActiveSide(context, event.sideId) && activeSides(context).length - 1 < 2) as Guard,
};

export type GuardName = keyof typeof GUARDS;
export const GUARD_NAMES = Object.keys(GUARDS) as GuardName[];

/** A sentence per rule, for the message of a refused event. */
export const GUARD_DESCRIPTIONS: Readonly<Record<GuardName, string>> = {
  settlementReached: 'a settlement needs no open issue left (list the issues agreed in this step in agreedIssueIds)',
  partialAgreementReached: 'a partial agreement needs at least one agreed issue and at least one open issue',
  noAgreementReached: 'no agreement cannot agree issues',
  negotiatedSettlementComplete: 'a settlement needs no open issue left (list the issues agreed in this step in agreedIssueIds)',
  partialAgreementLocked: 'a partial agreement locks at least one open issue and leaves at least one open (settle to agree them all)',
  sessionNotHeldForPriorSettlement: 'the reason is not a prior settlement',
  sessionNotHeldForAnotherReason: 'the reason is a prior settlement',
  issueIsNew: 'the issue needs a new id and a label',
  issueIsOpen: 'only an open issue can be withdrawn',
  issueDecidableByCourt: 'only a court with a pending suit decides an open issue',
  stallReasonIsNew: 'that stall reason is already recorded',
  remedyAnswersStallReason: 'a remedy must answer a recorded stall reason that has none yet',
  outreachIsValid: 'the outreach needs an owner and a touchpoint date (YYYY-MM-DD)',
  impasseAssessed: 'leaving impasse needs at least one stall reason and an owner of the next outreach with a touchpoint date',
  remediationJustified:
    'mediating again needs a fixable stall reason (missing information, no authority present, emotions, mediator fit) whose remedy is recorded; a mediator-fit stall needs a new mediator',
  arbitrationAgreed: 'arbitration needs an arbitration clause or a stipulation from every active side',
  arbitrationClauseMissing: 'an arbitration clause is already on record',
  stipulationIsNew: 'only an active side that has not stipulated yet can stipulate',
  litigationPending: 'there is no pending suit',
  courtOrders: 'only a court with a pending suit orders ADR',
  stayedFrom: 'the stay did not interrupt that phase',
  judgmentEntered: 'no judgment was entered',
  caseEndedOutsideCourt: 'the case is still open',
  proposalAnswerIsValid: 'each active side answers the proposal once',
  proposalAcceptedByAll: 'not every side accepted the proposal',
  proposalRejected: 'not every side answered the proposal',
  awardBinds: 'the award is not binding or is already rendered',
  awardAdvises: 'the award is binding or is already rendered',
  awardAnswerIsValid: 'each active side answers a rendered non-binding award once',
  awardAcceptedByAll: 'not every side accepted the award',
  signatureIsValid:
    'a party of an active side signs the current text of the pending agreement once, after every issue in it has written terms (counsel sign for a client only where the program allows it)',
  signatureMakesBinding: 'other signatures are still missing, or the agreement is a term sheet',
  agreementTextRecordable: 'there is no pending agreement whose text could change',
  agreementIsDraft: 'there is no draft agreement',
  agreementAwaitsFormalDocuments: 'the pending agreement is not a term sheet subject to formal documents',
  settlementBinding: 'the settlement agreement is not binding yet',
  sideIsActive: 'that side is not an active side of this case',
  withdrawalEndsCase: 'at least two active sides remain',
  withdrawalCompletesAgreement: 'the withdrawal does not complete a draft agreement',
};

type ContextKey = keyof CaseContext;

/**
 * The parts of the context a court may hear (UMA §7) besides the state itself: the sides and
 * their status, whether a court ordered the process, the court track, how the case ended, why a
 * session was not held (NCSC's categories), and an arbitration in progress (an arbitration and
 * its award are not mediation communications). Everything else (issues, the impasse
 * assessment, agreements, the mediator's proposal and its sealed answers, stipulations, the
 * arbitration clause) is the mediation's working record: case-shared at least.
 */
export const COURT_REPORTABLE_CONTEXT: readonly ContextKey[] = [
  'sides',
  'courtOrdered',
  'litigation',
  'stayedFrom',
  'closedAs',
  'sessionNotHeldReason',
  'arbitration',
  // The program's rule of who signs: a rule of the court's program, not a fact of the mediation.
  'signingRule',
];

const ALL: readonly ContextKey[] = [
  'sides',
  'issues',
  'courtOrdered',
  'arbitrationClause',
  'arbitrationStipulatedBy',
  'assessment',
  'agreements',
  'proposal',
  'arbitration',
  'sessionNotHeldReason',
  'litigation',
  'stayedFrom',
  'closedAs',
  'signingRule',
];

/**
 * What each rule reads of the context: the dependency table behind "a viewer learns from a
 * refusal, or from which events are allowed, only what they may read". A test runs every rule
 * on the contexts of many walks through the chart and checks it reads nothing beyond its row.
 */
export const GUARD_READS: Readonly<Record<GuardName, readonly ContextKey[]>> = {
  settlementReached: ['issues'],
  partialAgreementReached: ['issues'],
  noAgreementReached: ['issues'],
  negotiatedSettlementComplete: ['issues'],
  partialAgreementLocked: ['issues'],
  sessionNotHeldForPriorSettlement: [],
  sessionNotHeldForAnotherReason: [],
  issueIsNew: ['issues'],
  issueIsOpen: ['issues'],
  issueDecidableByCourt: ['issues', 'litigation'],
  stallReasonIsNew: ['assessment'],
  remedyAnswersStallReason: ['assessment'],
  outreachIsValid: [],
  impasseAssessed: ['assessment'],
  remediationJustified: ['assessment'],
  arbitrationAgreed: ['arbitrationClause', 'sides', 'arbitrationStipulatedBy'],
  arbitrationClauseMissing: ['arbitrationClause'],
  stipulationIsNew: ['sides', 'arbitrationStipulatedBy'],
  litigationPending: ['litigation'],
  courtOrders: ['litigation'],
  stayedFrom: ['stayedFrom'],
  judgmentEntered: ['litigation', 'closedAs'],
  caseEndedOutsideCourt: ['closedAs', 'litigation'],
  proposalAnswerIsValid: ['proposal', 'sides'],
  proposalAcceptedByAll: ['proposal', 'sides'],
  proposalRejected: ['proposal', 'sides'],
  awardBinds: ['arbitration'],
  awardAdvises: ['arbitration'],
  awardAnswerIsValid: ['arbitration', 'sides'],
  awardAcceptedByAll: ['arbitration', 'sides'],
  signatureIsValid: ['agreements', 'sides', 'signingRule'],
  signatureMakesBinding: ['agreements', 'sides', 'signingRule'],
  agreementTextRecordable: ['agreements'],
  agreementIsDraft: ['agreements'],
  agreementAwaitsFormalDocuments: ['agreements'],
  settlementBinding: ['agreements', 'issues'],
  sideIsActive: ['sides'],
  // It copies the whole context to try the withdrawal on it.
  withdrawalCompletesAgreement: ALL,
  withdrawalEndsCase: ['sides'],
};

/** Whether every rule named reads only court-reportable context: a refusal by them may be explained to anyone on the case. */
export function readsOnlyCourtReportable(guards: readonly string[]): boolean {
  return guards.every((name) => (GUARD_READS[name as GuardName] ?? ALL).every((key) => COURT_REPORTABLE_CONTEXT.includes(key)));
}

