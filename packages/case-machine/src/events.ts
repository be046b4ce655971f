import {
  COURT_ORDERED_PROCESSES,
  MEDIATION_OUTCOMES,
  MEDIATOR_CHOICES,
  PROPOSAL_ANSWERS,
  REMEDIES,
  SESSION_NOT_HELD_REASONS,
  STALL_REASONS,
  type CourtOrderedProcess,
  type MediationOutcome,
  type MediatorChoice,
  type ProposalAnswer,
  type Remedy,
  type SessionNotHeldReason,
  type StallReason,
} from './states.js';

/** Event names, shared by the api and the web so that neither hard-codes them. */
export const EVENTS = {
  // mediation
  SCHEDULE_MEDIATION: 'SCHEDULE_MEDIATION',
  START_SESSION: 'START_SESSION',
  ADJOURN_SESSION: 'ADJOURN_SESSION',
  RESUME_SESSION: 'RESUME_SESSION',
  RECORD_OUTCOME: 'RECORD_OUTCOME',
  RECORD_SESSION_NOT_HELD: 'RECORD_SESSION_NOT_HELD',
  // issues
  ADD_ISSUE: 'ADD_ISSUE',
  AGREE_ISSUES: 'AGREE_ISSUES',
  WITHDRAW_ISSUE: 'WITHDRAW_ISSUE',
  DECIDE_ISSUE: 'DECIDE_ISSUE',
  // the post-impasse assessment
  RECORD_STALL_REASON: 'RECORD_STALL_REASON',
  RECORD_REMEDY: 'RECORD_REMEDY',
  ASSIGN_OUTREACH_OWNER: 'ASSIGN_OUTREACH_OWNER',
  // paths out of impasse
  START_NEGOTIATION: 'START_NEGOTIATION',
  REMEDIATE: 'REMEDIATE',
  SCHEDULE_SETTLEMENT_CONFERENCE: 'SCHEDULE_SETTLEMENT_CONFERENCE',
  SCHEDULE_EARLY_NEUTRAL_EVALUATION: 'SCHEDULE_EARLY_NEUTRAL_EVALUATION',
  ISSUE_MEDIATORS_PROPOSAL: 'ISSUE_MEDIATORS_PROPOSAL',
  START_ARBITRATION: 'START_ARBITRATION',
  PURSUE_LITIGATION: 'PURSUE_LITIGATION',
  ORDER_ADR: 'ORDER_ADR',
  // negotiation and ADR results
  RECORD_SETTLEMENT: 'RECORD_SETTLEMENT',
  END_NEGOTIATION: 'END_NEGOTIATION',
  RECORD_ADR_OUTCOME: 'RECORD_ADR_OUTCOME',
  ANSWER_PROPOSAL: 'ANSWER_PROPOSAL',
  CLOSE_PROPOSAL: 'CLOSE_PROPOSAL',
  RECORD_ARBITRATION_CLAUSE: 'RECORD_ARBITRATION_CLAUSE',
  STIPULATE_ARBITRATION: 'STIPULATE_ARBITRATION',
  RECORD_AWARD: 'RECORD_AWARD',
  ACCEPT_AWARD: 'ACCEPT_AWARD',
  REJECT_AWARD: 'REJECT_AWARD',
  // the written agreement
  SIGN_AGREEMENT: 'SIGN_AGREEMENT',
  SIGN_AGREEMENT_FOR_CLIENT: 'SIGN_AGREEMENT_FOR_CLIENT',
  RECORD_AGREEMENT_TEXT: 'RECORD_AGREEMENT_TEXT',
  MARK_SUBJECT_TO_FORMAL_DOCUMENTS: 'MARK_SUBJECT_TO_FORMAL_DOCUMENTS',
  ADOPT_FORMAL_DOCUMENTS: 'ADOPT_FORMAL_DOCUMENTS',
  ABANDON_AGREEMENT: 'ABANDON_AGREEMENT',
  // sides
  WITHDRAW_SIDE: 'WITHDRAW_SIDE',
  // the court track
  FILE_SUIT: 'FILE_SUIT',
  ADVANCE_LITIGATION: 'ADVANCE_LITIGATION',
  STAY_LITIGATION: 'STAY_LITIGATION',
  LIFT_STAY: 'LIFT_STAY',
  ENTER_JUDGMENT: 'ENTER_JUDGMENT',
  DISMISS_CASE: 'DISMISS_CASE',
} as const;

export type EventType = (typeof EVENTS)[keyof typeof EVENTS];

/** Every event type, in declaration order. */
export const EVENT_TYPES = Object.values(EVENTS) as readonly EventType[];

/**
 * What the machine accepts. Payloads are checked twice: their shape by `parseCaseEvent`
 * (against `EVENT_CATALOGUE`), their meaning by the machine's guards (an issue must exist
 * and be open, a side must be active, and so on). See `EVENT_CATALOGUE` for what each
 * event means and `EVENT_POLICY` for who may send it.
 */
export type CaseEvent =
  // ---- mediation ----
  /** Mediator or program admin. intake or mediation.notHeld → mediation.scheduled. */
  | { type: 'SCHEDULE_MEDIATION' }
  /** Mediator. mediation.scheduled → mediation.inSession. */
  | { type: 'START_SESSION' }
  /** Mediator. mediation.inSession → mediation.adjourned. */
  | { type: 'ADJOURN_SESSION' }
  /** Mediator. mediation.adjourned → mediation.inSession. */
  | { type: 'RESUME_SESSION' }
  /**
   * Mediator. mediation.inSession or .adjourned → `agreement` (SETTLED: no open issue may
   * be left once `agreedIssueIds` are agreed) or `impasse` (PARTIAL_AGREEMENT: at least one
   * agreed and one open issue; NO_AGREEMENT: `agreedIssueIds` must be empty). The listed
   * issues must be open; they become AGREED and join the pending written agreement.
   */
  | { type: 'RECORD_OUTCOME'; outcome: MediationOutcome; agreedIssueIds?: readonly string[] }
  /**
   * Mediator or program admin. intake or mediation.scheduled → `agreement` for
   * PRIOR_SETTLEMENT (every open issue becomes agreed), else → mediation.notHeld.
   */
  | { type: 'RECORD_SESSION_NOT_HELD'; reason: SessionNotHeldReason }
  // ---- issues ----
  /** Mediator or counsel. Any open state but `agreement`; `issueId` must be new. Confidential. */
  | { type: 'ADD_ISSUE'; issueId: string; label: string }
  /** Mediator or counsel. impasse or negotiation; agrees open issues, leaving at least one open. Confidential. */
  | { type: 'AGREE_ISSUES'; issueIds: readonly string[] }
  /** Mediator or counsel. Any open state; the issue must be open. Confidential. */
  | { type: 'WITHDRAW_ISSUE'; issueId: string }
  /** Counsel. Any open state while suit is pending; the issue must be open. */
  | { type: 'DECIDE_ISSUE'; issueId: string }
  // ---- the post-impasse assessment (impasse only) ----
  /** Mediator or counsel. Each reason once per assessment. Confidential. */
  | { type: 'RECORD_STALL_REASON'; reason: StallReason }
  /** Mediator or counsel. The remedy must answer a recorded reason without one (`REMEDY_FOR`). Confidential. */
  | { type: 'RECORD_REMEDY'; remedy: Remedy }
  /** Mediator or counsel. The one owner of the next outreach and the touchpoint date (YYYY-MM-DD); replaces an earlier one. */
  | { type: 'ASSIGN_OUTREACH_OWNER'; ownerId: string; touchpointDate: string }
  // ---- paths out of impasse (all need the assessment: a stall reason and an outreach owner) ----
  /** Counsel. impasse → negotiation; also litigating → negotiation (no assessment needed there). */
  | { type: 'START_NEGOTIATION' }
  /**
   * Mediator. impasse → mediation.scheduled, when a fixable stall reason
   * has its remedy recorded; a mediator-fit stall needs `mediator: 'NEW'`.
   */
  | { type: 'REMEDIATE'; mediator?: MediatorChoice }
  /** Mediator or counsel. impasse → adr.settlementConference. */
  | { type: 'SCHEDULE_SETTLEMENT_CONFERENCE' }
  /** Mediator or counsel. impasse → adr.earlyNeutralEvaluation. */
  | { type: 'SCHEDULE_EARLY_NEUTRAL_EVALUATION' }
  /** Mediator. impasse → adr.mediatorsProposal. */
  | { type: 'ISSUE_MEDIATORS_PROPOSAL' }
  /** Counsel. impasse → adr.arbitration, with an arbitration clause or every active side's stipulation on record. */
  | { type: 'START_ARBITRATION'; binding: boolean }
  /** Counsel. impasse or mediation.notHeld → litigating (the court track itself moves by FILE_SUIT). */
  | { type: 'PURSUE_LITIGATION' }
  /**
   * Counsel or program admin, recording the court's order. intake, mediation.notHeld,
   * impasse, negotiation or litigating → the ordered step, while suit is pending; the
   * litigation phase does not move and no assessment is needed.
   */
  | { type: 'ORDER_ADR'; process: CourtOrderedProcess }
  // ---- negotiation and ADR results ----
  /** Mediator or counsel. negotiation → agreement, when no open issue is left once `agreedIssueIds` are agreed. */
  | { type: 'RECORD_SETTLEMENT'; agreedIssueIds?: readonly string[] }
  /** Counsel. negotiation → impasse. */
  | { type: 'END_NEGOTIATION' }
  /** Mediator or counsel. adr.settlementConference or adr.earlyNeutralEvaluation → as RECORD_OUTCOME. */
  | { type: 'RECORD_ADR_OUTCOME'; outcome: MediationOutcome; agreedIssueIds?: readonly string[] }
  /**
   * Counsel or party of `sideId`, jointly. adr.mediatorsProposal; each active side once,
   * sealed. Every side accepts → agreement (every open issue agreed); every side answered
   * and one said no → impasse. Sealed: show a side only its own answer.
   */
  | { type: 'ANSWER_PROPOSAL'; sideId: string; answer: ProposalAnswer }
  /** Mediator (or the api's deadline job acting for the mediator). adr.mediatorsProposal → impasse: the deadline passed. */
  | { type: 'CLOSE_PROPOSAL' }
  /** Mediator or counsel. Any open state, once. */
  | { type: 'RECORD_ARBITRATION_CLAUSE' }
  /** Counsel of `sideId`, jointly: the stipulation holds once every active side has sent it. */
  | { type: 'STIPULATE_ARBITRATION'; sideId: string }
  /** Counsel or program admin. adr.arbitration: a binding award → resolved.award; a non-binding one awaits the sides. */
  | { type: 'RECORD_AWARD' }
  /** Counsel or party of `sideId`, jointly. A rendered non-binding award → resolved.award once every active side accepts. */
  | { type: 'ACCEPT_AWARD'; sideId: string }
  /** Counsel or party of `sideId`. A rendered non-binding award: adr.arbitration → impasse. */
  | { type: 'REJECT_AWARD'; sideId: string }
  // ---- the written agreement ----
  /**
   * A party of `sideId`, in person (`partyId` is the signer), jointly: signs the text of the
   * pending agreement whose digest is `digest`, which must be the text recorded now. It becomes
   * BINDING with the last signature of that text by every party of every active side (a term
   * sheet subject to formal documents never does); in `agreement` that settles the case.
   */
  | { type: 'SIGN_AGREEMENT'; sideId: string; partyId: string; digest: string }
  /** Counsel of `sideId`, where the signing rule is PARTIES_OR_COUNSEL: signs for the party `partyId`. */
  | { type: 'SIGN_AGREEMENT_FOR_CLIENT'; sideId: string; partyId: string; signerId: string; digest: string }
  /**
   * The api, never a person: the pending agreement's text is now the one with `digest`
   * (`complete` when every covered issue has terms). Signatures of other text are void.
   */
  | { type: 'RECORD_AGREEMENT_TEXT'; digest: string; complete: boolean }
  /** Mediator or counsel. The pending DRAFT becomes a term sheet SUBJECT_TO_FORMAL_DOCUMENTS: visibly not binding. */
  | { type: 'MARK_SUBJECT_TO_FORMAL_DOCUMENTS' }
  /** Mediator or counsel. Formal documents replace the term sheet: DRAFT again, signatures cleared. */
  | { type: 'ADOPT_FORMAL_DOCUMENTS' }
  /** Mediator or counsel. agreement → impasse: the pending agreement is dropped and its issues reopen. */
  | { type: 'ABANDON_AGREEMENT' }
  // ---- sides ----
  /**
   * Counsel or party of `sideId`. Any open state; the case continues for the others and
   * ends as resolved.withdrawn when fewer than two active sides remain.
   */
  | { type: 'WITHDRAW_SIDE'; sideId: string }
  // ---- the court track (litigation region) ----
  /** Counsel. notFiled → pleadings. */
  | { type: 'FILE_SUIT' }
  /** Counsel or program admin. pleadings → discovery → experts → motions → trialPrep → trial. */
  | { type: 'ADVANCE_LITIGATION' }
  /** Counsel or program admin. Any filed phase → stayed. */
  | { type: 'STAY_LITIGATION' }
  /** Counsel or program admin. stayed → the phase the stay interrupted. */
  | { type: 'LIFT_STAY' }
  /** Counsel or program admin. motions or trial → judgment, which ends the case (resolved.judgment). */
  | { type: 'ENTER_JUDGMENT' }
  /** Counsel or program admin. Any open state while suit is pending → resolved.dismissed. */
  | { type: 'DISMISS_CASE' };

/** The event of one type, e.g. `EventOf<'SIGN_AGREEMENT'>`. */
export type EventOf<T extends EventType> = Extract<CaseEvent, { type: T }>;

/** One payload field, machine-readable so that the api can generate typed inputs from it. */
export interface PayloadField {
  name: string;
  /** `DATE` is a calendar date written `YYYY-MM-DD`; `ENUM` lists its `values`. */
  kind: 'STRING' | 'STRING_LIST' | 'BOOLEAN' | 'DATE' | 'ENUM';
  values?: readonly string[];
  required: boolean;
  description: string;
  /** The longest text a `STRING` (or each item of a `STRING_LIST`) may be, in characters; `MAX_TEXT` when absent. */
  maxLength?: number;
}

/** The longest payload text without a `maxLength` of its own (identifiers are far shorter). */
export const MAX_TEXT = 200;

export interface EventDescription {
  /** One sentence a person can read on a button or in the timeline. */
  description: string;
  payload: readonly PayloadField[];
  /**
   * The payload is a mediation communication (UMA §4–6): show it to the case's mediator
   * and counsel and parties only, never to a program administrator or in a court report.
   */
  confidential: boolean;
  /**
   * The payload is sealed: only the sending side and the mediator may see it (a
   * mediator's proposal answer; a side that rejects never learns the others' answers).
   */
  sealed: boolean;
  /** Sent by the api itself from what its tables hold, never by a person (no role may send it). */
  internal?: boolean;
}

const field = (
  name: string,
  kind: PayloadField['kind'],
  description: string,
  options: { required?: boolean; values?: readonly string[]; maxLength?: number } = {},
): PayloadField => ({
  name,
  kind,
  description,
  required: options.required ?? true,
  ...(options.values ? { values: options.values } : {}),
  ...(options.maxLength ? { maxLength: options.maxLength } : {}),
});

const sideId = field('sideId', 'STRING', 'The side acting; counsel and parties may act only for their own side.');
const digest = field('digest', 'STRING', 'SHA-256 (hex) over the canonical JSON of the covered issues and their terms.');
const issueId = field('issueId', 'STRING', 'The disputed issue.');
const agreedIssueIds = field('agreedIssueIds', 'STRING_LIST', 'Open issues the sides agreed on in this step.', {
  required: false,
});
const outcome = field('outcome', 'ENUM', 'How it ended.', { values: MEDIATION_OUTCOMES });

const open = (description: string, payload: readonly PayloadField[] = []): EventDescription => ({
  description,
  payload,
  confidential: false,
  sealed: false,
});
const privileged = (description: string, payload: readonly PayloadField[] = []): EventDescription => ({
  description,
  payload,
  confidential: true,
  sealed: false,
});

/**
 * What each event means and what it carries. Who may send it is in `EVENT_POLICY`; where
 * in the lifecycle it is accepted is the statechart itself (`statechartMermaid()`).
 */
export const EVENT_CATALOGUE: Readonly<Record<EventType, EventDescription>> = {
  SCHEDULE_MEDIATION: open('Schedule the mediation session (again, after a session that was not held).'),
  START_SESSION: open('The mediation session has started.'),
  ADJOURN_SESSION: open('Adjourn the session; it resumes later.'),
  RESUME_SESSION: open('Resume an adjourned session.'),
  RECORD_OUTCOME: open(
    'Record how the mediation session ended. SETTLED needs no open issue left; PARTIAL_AGREEMENT needs at least one agreed and one open issue; NO_AGREEMENT agrees nothing.',
    [outcome, agreedIssueIds],
  ),
  RECORD_SESSION_NOT_HELD: open('The session was not held (NCSC categories); a prior settlement goes to the written agreement.', [
    field('reason', 'ENUM', 'Why the session was not held.', { values: SESSION_NOT_HELD_REASONS }),
  ]),
  ADD_ISSUE: privileged('Add a disputed issue (open).', [
    field('issueId', 'STRING', 'A new identifier for the issue.'),
    field('label', 'STRING', 'What the issue is about, e.g. "child support".', { maxLength: 200 }),
  ]),
  AGREE_ISSUES: privileged('Lock down a partial agreement: these open issues are agreed; at least one issue stays open.', [
    field('issueIds', 'STRING_LIST', 'The open issues now agreed.'),
  ]),
  WITHDRAW_ISSUE: privileged('A side drops an open issue.', [issueId]),
  DECIDE_ISSUE: open('The court decided an open issue while the case goes on (e.g. liability on summary judgment).', [issueId]),
  RECORD_STALL_REASON: privileged('Name why the session stalled.', [
    field('reason', 'ENUM', 'The stall reason.', { values: STALL_REASONS }),
  ]),
  RECORD_REMEDY: privileged('Record that the fix for a recorded stall reason is done.', [
    field('remedy', 'ENUM', 'The remedy; it must answer a recorded stall reason.', { values: REMEDIES }),
  ]),
  ASSIGN_OUTREACH_OWNER: open('Name the one person who owns the next outreach, with the date of the next touchpoint.', [
    field('ownerId', 'STRING', 'The participant who owns the next outreach.'),
    field('touchpointDate', 'DATE', 'The date of the next touchpoint.'),
  ]),
  START_NEGOTIATION: open('Counsel negotiate directly, outside mediation.'),
  REMEDIATE: open('Mediate again after a fixable stall whose remedy is recorded (a mediator-fit stall needs a new mediator).', [
    field('mediator', 'ENUM', 'The same mediator or a new one; SAME when absent.', { values: MEDIATOR_CHOICES, required: false }),
  ]),
  SCHEDULE_SETTLEMENT_CONFERENCE: open('Move to a settlement conference.'),
  SCHEDULE_EARLY_NEUTRAL_EVALUATION: open('Move to an early neutral evaluation.'),
  ISSUE_MEDIATORS_PROPOSAL: open('The mediator sets all terms; each side answers yes or no, sealed, before the deadline.'),
  START_ARBITRATION: open('Arbitrate under the contract clause or the sides\u2019 stipulation.', [
    field('binding', 'BOOLEAN', 'Whether the award binds the sides.'),
  ]),
  PURSUE_LITIGATION: open('Rest the case on the court track.'),
  ORDER_ADR: open('The court ordered an ADR step; the litigation phase does not change.', [
    field('process', 'ENUM', 'The ordered process.', { values: COURT_ORDERED_PROCESSES }),
  ]),
  RECORD_SETTLEMENT: open('The sides settled in negotiation; no open issue may be left.', [agreedIssueIds]),
  END_NEGOTIATION: open('Negotiation broke off; back to the impasse assessment.'),
  RECORD_ADR_OUTCOME: open('Record how the settlement conference or early neutral evaluation ended (same rules as a mediation outcome).', [
    outcome,
    agreedIssueIds,
  ]),
  ANSWER_PROPOSAL: {
    description: 'Answer the mediator\u2019s proposal for your side, sealed.',
    payload: [sideId, field('answer', 'ENUM', 'Yes or no to the whole proposal.', { values: PROPOSAL_ANSWERS })],
    confidential: true,
    sealed: true,
  },
  CLOSE_PROPOSAL: open('The proposal\u2019s deadline passed without every side accepting: no agreement.'),
  RECORD_ARBITRATION_CLAUSE: open('An arbitration clause covering the dispute is on record.'),
  STIPULATE_ARBITRATION: open('Your side stipulates to arbitrate; it takes effect once every active side has stipulated.', [sideId]),
  RECORD_AWARD: open('The arbitrator rendered the award; a binding award ends the case.'),
  ACCEPT_AWARD: open('Your side accepts the non-binding award; it ends the case once every active side accepts.', [sideId]),
  REJECT_AWARD: open('Your side rejects the non-binding award; back to the impasse assessment.', [sideId]),
  SIGN_AGREEMENT: open('A party signs the exact text of the pending written agreement.', [
    sideId,
    field('partyId', 'STRING', 'The signing party, one of the side\u2019s parties.'),
    digest,
  ]),
  SIGN_AGREEMENT_FOR_CLIENT: open('Counsel signs the pending written agreement for a party of their side (where the program allows it).', [
    sideId,
    field('partyId', 'STRING', 'The party counsel signs for, one of the side\u2019s parties.'),
    field('signerId', 'STRING', 'The counsel who signs.'),
    digest,
  ]),
  RECORD_AGREEMENT_TEXT: {
    ...open('The text of the pending agreement changed; signatures of the old text are void.', [
      digest,
      field('complete', 'BOOLEAN', 'Every covered issue has written terms.'),
    ]),
    internal: true,
  },
  MARK_SUBJECT_TO_FORMAL_DOCUMENTS: open('The pending agreement is a term sheet subject to formal documents: not binding, however signed.'),
  ADOPT_FORMAL_DOCUMENTS: open('Formal documents replace the term sheet; they need every signature again.'),
  ABANDON_AGREEMENT: open('The settlement fell through before it became binding; its issues reopen.'),
  WITHDRAW_SIDE: open('Your side withdraws; the case continues for the others while at least two sides remain.', [sideId]),
  FILE_SUIT: open('A side filed suit: pleadings begin.'),
  ADVANCE_LITIGATION: open('The court track moves to its next phase.'),
  STAY_LITIGATION: open('The court stayed the proceedings.'),
  LIFT_STAY: open('The stay was lifted; the court track resumes in the phase it left.'),
  ENTER_JUDGMENT: open('The court entered judgment (after motions or trial); it ends the case.'),
  DISMISS_CASE: open('The court dismissed the case.'),
};

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar date written `YYYY-MM-DD`. */
export function isIsoDate(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const match = ISO_DATE.exec(value);
  if (!match) return false;
  const [, y, m, d] = match.map(Number) as [number, number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/**
 * NUL (not storable as text), the bidirectional controls (U+202A–U+202E, U+2066–U+2069, U+200E,
 * U+200F, U+061C: they make a label read differently from what it says), and half a surrogate pair.
 */
const FORBIDDEN_TEXT = /[\u0000\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Why a payload text is refused, or null: characters, then length in characters (code points). */
function textProblem(spec: PayloadField, value: unknown): string | null {
  if (typeof value !== 'string' || value.trim() === '') return 'must be a non-empty string';
  if (FORBIDDEN_TEXT.test(value)) return 'must not contain NUL, bidirectional control or lone surrogate characters';
  const max = spec.maxLength ?? MAX_TEXT;
  let length = 0;
  for (const _ of value) length += 1;
  return length > max ? `must be at most ${max} characters` : null;
}

function fieldProblem(spec: PayloadField, value: unknown): string | null {
  switch (spec.kind) {
    case 'STRING':
      return textProblem(spec, value);
    case 'STRING_LIST': {
      if (!Array.isArray(value)) return 'must be a list of non-empty strings';
      for (const item of value) {
        const problem = textProblem(spec, item);
        if (problem) return problem === 'must be a non-empty string' ? 'must be a list of non-empty strings' : `items ${problem}`;
      }
      return null;
    }
    case 'BOOLEAN':
      return typeof value === 'boolean' ? null : 'must be true or false';
    case 'DATE':
      return isIsoDate(value) ? null : 'must be a date written YYYY-MM-DD';
    case 'ENUM':
      return typeof value === 'string' && (spec.values ?? []).includes(value)
        ? null
        : `must be one of ${(spec.values ?? []).join(', ')}`;
  }
}

/**
 * Problems with an event's shape, one sentence each; empty when the event is well formed.
 * The machine's guards then decide whether it makes sense in the case's current state.
 */
export function eventShapeProblems(candidate: unknown): string[] {
  if (!candidate || typeof candidate !== 'object' || Array.isArray(candidate)) return ['the event must be an object'];
  const record = candidate as Record<string, unknown>;
  const type = record.type;
  if (typeof type !== 'string' || !(EVENT_TYPES as readonly string[]).includes(type)) {
    return [`unknown event type ${JSON.stringify(type)}`];
  }
  const spec = EVENT_CATALOGUE[type as EventType].payload;
  const problems: string[] = [];
  for (const key of Object.keys(record)) {
    if (key !== 'type' && !spec.some((f) => f.name === key)) problems.push(`${type} has no field ${key}`);
  }
  for (const f of spec) {
    const value = record[f.name];
    if (value === undefined) {
      if (f.required) problems.push(`${type}.${f.name} is required`);
      continue;
    }
    const problem = fieldProblem(f, value);
    if (problem) problems.push(`${type}.${f.name} ${problem}`);
  }
  return problems;
}

/** True when `candidate` is a well-formed `CaseEvent`. */
export function isCaseEvent(candidate: unknown): candidate is CaseEvent {
  return eventShapeProblems(candidate).length === 0;
}
