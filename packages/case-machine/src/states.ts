/**
 * The case's vocabulary: state names, statuses and reasons, shared by the api and the web
 * so that neither hard-codes them. Words follow the domain brief (DOMAIN.md).
 */

/** The regions of the case statechart; each has one current state path at a time. */
/** The kinds of dispute (the NCSC caseload form's case types, split as mediators split them). */
export const DISPUTE_TYPES = [
  'FAMILY',
  'PERSONAL_INJURY',
  'CONTRACT',
  'EMPLOYMENT',
  'REAL_PROPERTY',
  'PROBATE_ESTATE',
  'BUSINESS',
  'OTHER_CIVIL',
] as const;
export type DisputeType = (typeof DISPUTE_TYPES)[number];

export const REGIONS = ['resolution', 'litigation'] as const;
export type Region = (typeof REGIONS)[number];

/**
 * Every state of the `resolution` region, as the dotted path `describeState` returns.
 * `adr.*` are the structured ADR steps after an impasse; `litigating` means the sides chose
 * the court path and the resolution track rests on the litigation region.
 */
export const RESOLUTION_STATES = {
  INTAKE: 'intake',
  MEDIATION_SCHEDULED: 'mediation.scheduled',
  MEDIATION_IN_SESSION: 'mediation.inSession',
  MEDIATION_ADJOURNED: 'mediation.adjourned',
  MEDIATION_NOT_HELD: 'mediation.notHeld',
  IMPASSE: 'impasse',
  NEGOTIATION: 'negotiation',
  ADR_SETTLEMENT_CONFERENCE: 'adr.settlementConference',
  ADR_EARLY_NEUTRAL_EVALUATION: 'adr.earlyNeutralEvaluation',
  ADR_MEDIATORS_PROPOSAL: 'adr.mediatorsProposal',
  ADR_ARBITRATION: 'adr.arbitration',
  LITIGATING: 'litigating',
  AGREEMENT: 'agreement',
  RESOLVED_SETTLED: 'resolved.settled',
  RESOLVED_AWARD: 'resolved.award',
  RESOLVED_JUDGMENT: 'resolved.judgment',
  RESOLVED_DISMISSED: 'resolved.dismissed',
  RESOLVED_WITHDRAWN: 'resolved.withdrawn',
} as const;
export type ResolutionState = (typeof RESOLUTION_STATES)[keyof typeof RESOLUTION_STATES];

/** The court track, in the order a case moves through it. */
export const LITIGATION_PHASES = ['pleadings', 'discovery', 'experts', 'motions', 'trialPrep', 'trial'] as const;
export type LitigationPhase = (typeof LITIGATION_PHASES)[number];

/**
 * Every state of the `litigation` region. `closed` means the court track ended because the
 * case was resolved another way (settlement, award, dismissal, withdrawal).
 */
export const LITIGATION_STATES = ['notFiled', ...LITIGATION_PHASES, 'stayed', 'judgment', 'closed'] as const;
export type LitigationState = (typeof LITIGATION_STATES)[number];

/** How a case ended: one per `resolved.*` state. */
export const CLOSURES = ['SETTLED', 'AWARD', 'JUDGMENT', 'DISMISSED', 'WITHDRAWN'] as const;
export type Closure = (typeof CLOSURES)[number];

export const MEDIATION_OUTCOMES = ['SETTLED', 'PARTIAL_AGREEMENT', 'NO_AGREEMENT'] as const;
export type MediationOutcome = (typeof MEDIATION_OUTCOMES)[number];

/** NCSC "sessions not held" categories. */
export const SESSION_NOT_HELD_REASONS = ['PRIOR_SETTLEMENT', 'INAPPROPRIATE_FOR_ADR', 'NO_RESPONSE', 'OTHER'] as const;
export type SessionNotHeldReason = (typeof SESSION_NOT_HELD_REASONS)[number];

export const SIDE_STATUSES = ['ACTIVE', 'WITHDRAWN', 'SETTLED'] as const;
export type SideStatus = (typeof SIDE_STATUSES)[number];

export const ISSUE_STATUSES = ['OPEN', 'AGREED', 'WITHDRAWN', 'DECIDED'] as const;
export type IssueStatus = (typeof ISSUE_STATUSES)[number];

/**
 * `SUBJECT_TO_FORMAL_DOCUMENTS` is a signed term sheet that is still not binding: it stays
 * so however many signatures it collects, until formal documents replace it.
 */
export const AGREEMENT_STATUSES = ['DRAFT', 'SUBJECT_TO_FORMAL_DOCUMENTS', 'BINDING'] as const;
export type AgreementStatus = (typeof AGREEMENT_STATUSES)[number];

/**
 * Who must sign a written agreement, a rule of the program (the jurisdiction): `PARTIES`, every
 * party of every active side in person (UMA §6(a)(1); Fla. R. Civ. P. 1.730(b)); or
 * `PARTIES_OR_COUNSEL`, where counsel may sign for a client (Cal. CCP 664.6).
 */
export const SIGNING_RULES = ['PARTIES', 'PARTIES_OR_COUNSEL'] as const;
export type SigningRule = (typeof SIGNING_RULES)[number];

/** Why a session stalled (the article's "Why did it stall?"). */
export const STALL_REASONS = [
  'LACKED_INFORMATION',
  'UNREALISTIC_EXPECTATIONS',
  'NO_AUTHORITY_PRESENT',
  'POSTURING',
  'MEDIATOR_FIT',
  'EMOTIONS',
  'TIMING',
  'OTHER',
] as const;
export type StallReason = (typeof STALL_REASONS)[number];

/** The fix for a failure mode (the article's "Fix the failure mode"). */
export const REMEDIES = [
  'INFORMATION_EXCHANGED',
  'RISK_CONVERSATION_HELD',
  'DECISION_MAKER_CONFIRMED',
  'FORMAT_CHANGED',
  'NEW_MEDIATOR',
] as const;
export type Remedy = (typeof REMEDIES)[number];

/** Which stall reason each remedy answers. Reasons absent here (posturing, timing, other) have no remedy. */
export const REMEDY_FOR: Readonly<Record<Remedy, StallReason>> = {
  INFORMATION_EXCHANGED: 'LACKED_INFORMATION',
  RISK_CONVERSATION_HELD: 'UNREALISTIC_EXPECTATIONS',
  DECISION_MAKER_CONFIRMED: 'NO_AUTHORITY_PRESENT',
  FORMAT_CHANGED: 'EMOTIONS',
  NEW_MEDIATOR: 'MEDIATOR_FIT',
};

/**
 * The reasons a second mediation can fix (the article's "A repeat session works when the
 * first one failed for fixable reasons"). Unrealistic expectations have a remedy (a risk
 * conversation) but are not on the article's list, so they alone do not justify re-mediation.
 */
export const REMEDIATION_FIXABLE_REASONS: readonly StallReason[] = [
  'LACKED_INFORMATION',
  'NO_AUTHORITY_PRESENT',
  'EMOTIONS',
  'MEDIATOR_FIT',
];

/** ADR processes a court may order from any litigation phase. */
export const COURT_ORDERED_PROCESSES = [
  'MEDIATION',
  'SETTLEMENT_CONFERENCE',
  'EARLY_NEUTRAL_EVALUATION',
  'NON_BINDING_ARBITRATION',
] as const;
export type CourtOrderedProcess = (typeof COURT_ORDERED_PROCESSES)[number];

/**
 * The processes whose sessions end in a report to the court when the case is court-ordered:
 * a mediation, a settlement conference, an early neutral evaluation. (A mediator's proposal is
 * an instrument of the mediation, answered in writing, not a session; an arbitration ends in an
 * award, which reaches the court by its own rules.)
 */
export const REPORTED_PROCESSES = ['MEDIATION', 'SETTLEMENT_CONFERENCE', 'EARLY_NEUTRAL_EVALUATION'] as const;
export type ReportedProcess = (typeof REPORTED_PROCESSES)[number];

export const PROPOSAL_ANSWERS = ['ACCEPT', 'REJECT'] as const;
export type ProposalAnswer = (typeof PROPOSAL_ANSWERS)[number];

export const MEDIATOR_CHOICES = ['SAME', 'NEW'] as const;
export type MediatorChoice = (typeof MEDIATOR_CHOICES)[number];
