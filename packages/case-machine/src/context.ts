import { CaseMachineError } from './errors.js';
import {
  AGREEMENT_STATUSES,
  CLOSURES,
  ISSUE_STATUSES,
  LITIGATION_PHASES,
  LITIGATION_STATES,
  PROPOSAL_ANSWERS,
  SESSION_NOT_HELD_REASONS,
  SIDE_STATUSES,
  SIGNING_RULES,
  STALL_REASONS,
  type AgreementStatus,
  type Closure,
  type IssueStatus,
  type LitigationPhase,
  type LitigationState,
  type ProposalAnswer,
  type SessionNotHeldReason,
  type SideStatus,
  type SigningRule,
  type StallReason,
} from './states.js';

/**
 * One side of the dispute. `partyIds` are the people who must sign for it: the api gives the
 * side's party participants here each time it opens a case, so the list is never stale.
 */
export interface CaseSide {
  id: string;
  label: string;
  status: SideStatus;
  partyIds: readonly string[];
}

export interface CaseIssue {
  id: string;
  label: string;
  status: IssueStatus;
}

export interface StallReasonRecord {
  reason: StallReason;
  /** True once the remedy that answers this reason is recorded. */
  remedied: boolean;
}

/** The post-impasse assessment; opened afresh each time the case enters `impasse`. */
export interface ImpasseAssessment {
  stallReasons: readonly StallReasonRecord[];
  outreach: { ownerId: string; touchpointDate: string } | null;
}

/** A party's signature of exact text: the digest of the text it binds. */
export interface Signature {
  sideId: string;
  /** The party bound. */
  partyId: string;
  /** Who signed: the party, or their counsel where the signing rule allows it. */
  signerId: string;
  /** SHA-256 over the canonical JSON of the covered issues and their terms, when signed. */
  digest: string;
}

/** The agreement's text as the api last recorded it: its digest, and whether every issue has terms. */
export interface AgreementText {
  digest: string;
  /** Every covered issue has written terms. */
  complete: boolean;
}

/**
 * A written agreement locking in agreed issues. At most one is pending (not binding) at a
 * time; newly agreed issues join it. Binding ones stay as they are. A signature counts only
 * while its digest is the text's: a change of the text voids every signature of the old one.
 */
export interface Agreement {
  id: string;
  issueIds: readonly string[];
  status: AgreementStatus;
  signatures: readonly Signature[];
  /** Null until the api records the text (and again when the covered issues change). */
  text: AgreementText | null;
}

/**
 * A mediator's proposal in progress. The answers are sealed: the api shows a side only its
 * own answer, and they are dropped from the snapshot when the proposal closes.
 */
export interface ProposalState {
  answers: readonly { sideId: string; answer: ProposalAnswer }[];
}

export interface ArbitrationState {
  binding: boolean;
  awardRendered: boolean;
  /** Sides that accepted a non-binding award. */
  acceptedBy: readonly string[];
}

/** What the machine needs to decide; never whole records (those live in the api's tables). */
export interface CaseContext {
  sides: readonly CaseSide[];
  issues: readonly CaseIssue[];
  /** True once a court ordered mediation or another ADR step in this case. */
  courtOrdered: boolean;
  /** An arbitration clause covering the dispute is on record. */
  arbitrationClause: boolean;
  /** Sides that stipulated to arbitrate; the stipulation holds once every active side is here. */
  arbitrationStipulatedBy: readonly string[];
  assessment: ImpasseAssessment;
  agreements: readonly Agreement[];
  proposal: ProposalState | null;
  arbitration: ArbitrationState | null;
  sessionNotHeldReason: SessionNotHeldReason | null;
  /** The litigation region's current state, kept by its entry actions so guards can read it. */
  litigation: LitigationState;
  /** The phase a stay interrupted; the stay lifts back into it. */
  stayedFrom: LitigationPhase | null;
  /** How the case ended, set on entering `resolved.*`; null while it is open. */
  closedAs: Closure | null;
  /** Who signs a written agreement (the program's rule when the case was opened). */
  signingRule: SigningRule;
}

/** What `createCase` takes. Only `sides` is required. */
export interface CaseInput {
  /**
   * Two or more sides, with the parties who sign for each. Without `parties`, a side signs as
   * one party whose id is the side's id (the api gives every case its party participants).
   */
  sides: readonly { id: string; label: string; parties?: readonly { id: string }[] }[];
  /** The disputed issues, all open at intake. Default: none. */
  issues?: readonly { id: string; label: string }[];
  /** The case was referred by a court. Default: false. */
  courtOrdered?: boolean;
  /** A contract clause sends the dispute to arbitration. Default: false. */
  arbitrationClause?: boolean;
  /** Where the court track stands at intake, when suit is already filed. Default: not filed. */
  litigationPhase?: LitigationPhase;
  /** Who signs written agreements. Default: `PARTIES`. */
  signingRule?: SigningRule;
}

const nonEmpty = (value: unknown): value is string => typeof value === 'string' && value.trim() !== '';

function duplicates<T>(ids: readonly T[]): T[] {
  return ids.filter((id, index) => ids.indexOf(id) !== index);
}

/** Checks `createCase` input and builds the initial context; throws INVALID_INPUT. */
export function initialContext(input: CaseInput): CaseContext {
  const problems: string[] = [];
  const sides = Array.isArray(input?.sides) ? input.sides : [];
  if (sides.length < 2) problems.push('a case needs at least two sides');
  for (const side of sides) {
    if (!nonEmpty(side?.id) || !nonEmpty(side?.label)) problems.push('every side needs an id and a label');
    if (side?.parties !== undefined && (!Array.isArray(side.parties) || !side.parties.every((p: { id: unknown }) => nonEmpty(p?.id)))) {
      problems.push(`side ${String(side?.id)} lists parties without ids`);
    }
  }
  const sideIds = sides.map((side) => side?.id);
  if (duplicates(sideIds).length) problems.push(`duplicate side ids: ${duplicates(sideIds).join(', ')}`);
  const issues = input?.issues ?? [];
  if (!Array.isArray(issues) || !issues.every((issue) => nonEmpty(issue?.id) && nonEmpty(issue?.label))) {
    problems.push('every issue needs an id and a label');
  } else if (duplicates(issues.map((issue) => issue.id)).length) {
    problems.push(`duplicate issue ids: ${duplicates(issues.map((issue) => issue.id)).join(', ')}`);
  }
  for (const side of sides) {
    const partyIds: unknown[] = (side?.parties ?? []).map((p: { id: unknown }) => p?.id);
    if (duplicates(partyIds).length) problems.push(`side ${String(side?.id)} lists a party twice`);
  }
  if (input?.courtOrdered !== undefined && typeof input.courtOrdered !== 'boolean') problems.push('courtOrdered must be true or false');
  if (input?.arbitrationClause !== undefined && typeof input.arbitrationClause !== 'boolean') {
    problems.push('arbitrationClause must be true or false');
  }
  if (input?.signingRule !== undefined && !SIGNING_RULES.includes(input.signingRule)) {
    problems.push(`signingRule must be one of ${SIGNING_RULES.join(', ')}`);
  }
  if (input?.litigationPhase !== undefined && !LITIGATION_PHASES.includes(input.litigationPhase)) {
    problems.push(`litigationPhase must be one of ${LITIGATION_PHASES.join(', ')}`);
  }
  if (problems.length) throw new CaseMachineError('INVALID_INPUT', `The case cannot be created: ${problems.join('; ')}.`);
  return {
    sides: sides.map((side) => ({
      id: side.id,
      label: side.label,
      status: 'ACTIVE',
      partyIds: side.parties ? side.parties.map((p: { id: string }) => p.id) : [side.id],
    })),
    issues: (issues as NonNullable<CaseInput['issues']>).map((issue) => ({ id: issue.id, label: issue.label, status: 'OPEN' })),
    courtOrdered: input.courtOrdered ?? false,
    arbitrationClause: input.arbitrationClause ?? false,
    arbitrationStipulatedBy: [],
    assessment: emptyAssessment(),
    agreements: [],
    proposal: null,
    arbitration: null,
    sessionNotHeldReason: null,
    litigation: 'notFiled',
    stayedFrom: null,
    closedAs: null,
    signingRule: input.signingRule ?? 'PARTIES',
  };
}

export const emptyAssessment = (): ImpasseAssessment => ({ stallReasons: [], outreach: null });

// ---- pure readings of the context, shared by guards, actions and tests ----

export const activeSides = (context: CaseContext): CaseSide[] => context.sides.filter((side) => side.status === 'ACTIVE');

export const isActiveSide = (context: CaseContext, sideId: unknown): boolean =>
  context.sides.some((side) => side.id === sideId && side.status === 'ACTIVE');

export const issuesWith = (context: CaseContext, status: IssueStatus): CaseIssue[] =>
  context.issues.filter((issue) => issue.status === status);

export const isOpenIssue = (context: CaseContext, issueId: unknown): boolean =>
  context.issues.some((issue) => issue.id === issueId && issue.status === 'OPEN');

/** The agreement still collecting signatures or formal documents, if any. */
export const pendingAgreement = (context: CaseContext): Agreement | undefined =>
  context.agreements.find((agreement) => agreement.status !== 'BINDING');

/**
 * True when `ids` is a list of distinct open issues (an absent list counts as empty). A
 * malformed list is never valid, so a guard reading it fails instead of throwing.
 */
export function areOpenIssues(context: CaseContext, ids: unknown): boolean {
  if (ids === undefined) return true;
  if (!Array.isArray(ids)) return false;
  return duplicates(ids).length === 0 && ids.every((id) => isOpenIssue(context, id));
}

/** How many issues would be open and agreed once `ids` are agreed. */
export function countsAfterAgreeing(context: CaseContext, ids: readonly string[] = []): { open: number; agreed: number } {
  const open = issuesWith(context, 'OPEN').filter((issue) => !ids.includes(issue.id)).length;
  const agreed = issuesWith(context, 'AGREED').length + ids.length;
  return { open, agreed };
}

/** The signatures that bind the agreement's current text: a signature of other text is void. */
export function validSignatures(agreement: Agreement): Signature[] {
  const text = agreement.text;
  return text ? agreement.signatures.filter((s) => s.digest === text.digest) : [];
}

/**
 * True when `agreement` binds: its text is recorded with terms for every covered issue, every
 * active side has at least one party, and every party of every active side has signed that
 * very text (in person, or by counsel where the signing rule allows).
 */
export function fullySigned(context: CaseContext, agreement: Agreement): boolean {
  if (!agreement.text?.complete) return false;
  const valid = validSignatures(agreement);
  return activeSides(context).every(
    (side) => side.partyIds.length > 0 && side.partyIds.every((partyId) => valid.some((s) => s.sideId === side.id && s.partyId === partyId)),
  );
}

/** A DRAFT agreement that every active party signed becomes BINDING; a term sheet stays as it is. */
export function settleAgreementStatuses(context: CaseContext): Agreement[] {
  return context.agreements.map((agreement) =>
    agreement.status === 'DRAFT' && fullySigned(context, agreement) ? { ...agreement, status: 'BINDING' } : agreement,
  );
}

/**
 * Marks `ids` agreed and puts them in the pending agreement (a new draft when none is
 * pending). Changing a pending agreement's terms voids its signatures and term-sheet status.
 * With `ensureAgreement`, a draft is created even without new issues: a settlement always
 * ends in a written agreement.
 */
export function agreeIssues(context: CaseContext, ids: readonly string[], ensureAgreement = false): Pick<CaseContext, 'issues' | 'agreements'> {
  const issues = context.issues.map((issue) => (ids.includes(issue.id) ? { ...issue, status: 'AGREED' as const } : issue));
  const pending = pendingAgreement(context);
  let agreements = [...context.agreements];
  if (pending && ids.length) {
    agreements = agreements.map((a) =>
      a === pending ? { ...a, issueIds: [...a.issueIds, ...ids], status: 'DRAFT' as const, signatures: [], text: null } : a,
    );
  } else if (!pending && (ids.length || ensureAgreement)) {
    agreements.push({ id: `agreement-${agreements.length + 1}`, issueIds: [...ids], status: 'DRAFT', signatures: [], text: null });
  }
  return { issues, agreements };
}

/** The litigation states in which the court track is live (filed, not ended). */
export const isLitigationPending = (context: CaseContext): boolean =>
  (LITIGATION_PHASES as readonly string[]).includes(context.litigation) || context.litigation === 'stayed';

const isString = (value: unknown): value is string => typeof value === 'string';
const isStringList = (value: unknown): boolean => Array.isArray(value) && value.every(isString);
const isObject = (value: unknown): value is Record<string, unknown> => !!value && typeof value === 'object' && !Array.isArray(value);
const oneOf = (values: readonly string[]) => (value: unknown) => isString(value) && values.includes(value);

/**
 * What is wrong with a stored context, one phrase each; empty when it has the shape this
 * machine version writes. Restoring refuses a snapshot with problems (SNAPSHOT_CORRUPTED)
 * rather than let a guard read garbage.
 */
export function contextProblems(candidate: unknown): string[] {
  if (!isObject(candidate)) return ['context is not an object'];
  const c = candidate;
  const problems: string[] = [];
  const check = (ok: boolean, problem: string) => {
    if (!ok) problems.push(problem);
  };
  check(
    Array.isArray(c.sides) &&
      c.sides.every(
        (s: unknown) =>
          isObject(s) && isString(s.id) && isString(s.label) && oneOf(SIDE_STATUSES)(s.status) && isStringList(s.partyIds),
      ),
    'sides',
  );
  check(
    Array.isArray(c.issues) &&
      c.issues.every((i: unknown) => isObject(i) && isString(i.id) && isString(i.label) && oneOf(ISSUE_STATUSES)(i.status)),
    'issues',
  );
  check(typeof c.courtOrdered === 'boolean', 'courtOrdered');
  check(typeof c.arbitrationClause === 'boolean', 'arbitrationClause');
  check(isStringList(c.arbitrationStipulatedBy), 'arbitrationStipulatedBy');
  const assessment = c.assessment;
  check(
    isObject(assessment) &&
      Array.isArray(assessment.stallReasons) &&
      assessment.stallReasons.every((r: unknown) => isObject(r) && oneOf(STALL_REASONS)(r.reason) && typeof r.remedied === 'boolean') &&
      (assessment.outreach === null ||
        (isObject(assessment.outreach) && isString(assessment.outreach.ownerId) && isString(assessment.outreach.touchpointDate))),
    'assessment',
  );
  check(
    Array.isArray(c.agreements) &&
      c.agreements.every(
        (a: unknown) =>
          isObject(a) &&
          isString(a.id) &&
          isStringList(a.issueIds) &&
          oneOf(AGREEMENT_STATUSES)(a.status) &&
          Array.isArray(a.signatures) &&
          a.signatures.every((s: unknown) => isObject(s) && isString(s.sideId) && isString(s.partyId) && isString(s.signerId) && isString(s.digest)) &&
          (a.text === null || (isObject(a.text) && isString(a.text.digest) && typeof a.text.complete === 'boolean')),
      ),
    'agreements',
  );
  check(
    c.proposal === null ||
      (isObject(c.proposal) &&
        Array.isArray(c.proposal.answers) &&
        c.proposal.answers.every((a: unknown) => isObject(a) && isString(a.sideId) && oneOf(PROPOSAL_ANSWERS)(a.answer))),
    'proposal',
  );
  check(
    c.arbitration === null ||
      (isObject(c.arbitration) &&
        typeof c.arbitration.binding === 'boolean' &&
        typeof c.arbitration.awardRendered === 'boolean' &&
        isStringList(c.arbitration.acceptedBy)),
    'arbitration',
  );
  check(c.sessionNotHeldReason === null || oneOf(SESSION_NOT_HELD_REASONS)(c.sessionNotHeldReason), 'sessionNotHeldReason');
  check(oneOf(LITIGATION_STATES)(c.litigation), 'litigation');
  check(c.stayedFrom === null || oneOf(LITIGATION_PHASES)(c.stayedFrom), 'stayedFrom');
  check(c.closedAs === null || oneOf(CLOSURES)(c.closedAs), 'closedAs');
  check(oneOf(SIGNING_RULES)(c.signingRule), 'signingRule');
  return problems;
}
