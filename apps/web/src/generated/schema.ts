// Generated from the api's schema.gql by scripts/generate-schema-types.mjs: do not edit.
// Run `pnpm gen` in apps/web after the schema changes; a test fails while this file is stale.

export const AGREEMENT_STATUSES = ['BINDING', 'DRAFT', 'SUBJECT_TO_FORMAL_DOCUMENTS'] as const;
export type AgreementStatus = (typeof AGREEMENT_STATUSES)[number];

/** Why a case is in "needs attention". */
export const ATTENTION_REASONS = ['DEADLINE_WITHIN_7_DAYS', 'DEBRIEF_OVERDUE', 'IMPASSE_WITHOUT_OWNER', 'OVERDUE_TOUCHPOINT'] as const;
export type AttentionReason = (typeof ATTENTION_REASONS)[number];

/** A kind of edit of a case besides its transitions: RECORDS (issue details, deadlines, agreement terms), SESSIONS (sessions and attendance), INVITE, PROPOSE_MEDIATOR, PLAYBOOK (ticking the process checklist), STRATEGY (ticking your side's strategy checklist), MEDIATOR_NOTES (one's own), COURT_REPORTS (filing the due reports to the court). */
export const CASE_EDITS = ['COURT_REPORTS', 'INVITE', 'MEDIATOR_NOTES', 'PLAYBOOK', 'PROPOSE_MEDIATOR', 'RECORDS', 'SESSIONS', 'STRATEGY'] as const;
export type CaseEdit = (typeof CASE_EDITS)[number];

/** An event the case statechart accepts. */
export const CASE_EVENT_TYPES = ['ABANDON_AGREEMENT', 'ACCEPT_AWARD', 'ADD_ISSUE', 'ADJOURN_SESSION', 'ADOPT_FORMAL_DOCUMENTS', 'ADVANCE_LITIGATION', 'AGREE_ISSUES', 'ANSWER_PROPOSAL', 'ASSIGN_OUTREACH_OWNER', 'CLOSE_PROPOSAL', 'DECIDE_ISSUE', 'DISMISS_CASE', 'END_NEGOTIATION', 'ENTER_JUDGMENT', 'FILE_SUIT', 'ISSUE_MEDIATORS_PROPOSAL', 'LIFT_STAY', 'MARK_SUBJECT_TO_FORMAL_DOCUMENTS', 'ORDER_ADR', 'PURSUE_LITIGATION', 'RECORD_ADR_OUTCOME', 'RECORD_AGREEMENT_TEXT', 'RECORD_ARBITRATION_CLAUSE', 'RECORD_AWARD', 'RECORD_OUTCOME', 'RECORD_REMEDY', 'RECORD_SESSION_NOT_HELD', 'RECORD_SETTLEMENT', 'RECORD_STALL_REASON', 'REJECT_AWARD', 'REMEDIATE', 'RESUME_SESSION', 'SCHEDULE_EARLY_NEUTRAL_EVALUATION', 'SCHEDULE_MEDIATION', 'SCHEDULE_SETTLEMENT_CONFERENCE', 'SIGN_AGREEMENT', 'SIGN_AGREEMENT_FOR_CLIENT', 'START_ARBITRATION', 'START_NEGOTIATION', 'START_SESSION', 'STAY_LITIGATION', 'STIPULATE_ARBITRATION', 'WITHDRAW_ISSUE', 'WITHDRAW_SIDE'] as const;
export type CaseEventType = (typeof CASE_EVENT_TYPES)[number];

/** A row of the NCSC ADR caseload form: a case type, or the total. */
export const CASELOAD_CASE_TYPES = ['CONTRACT', 'FAMILY', 'JUVENILE', 'OTHER_CIVIL', 'PROBATE_ESTATE', 'REAL_PROPERTY', 'TORT', 'TOTAL'] as const;
export type CaseloadCaseType = (typeof CASELOAD_CASE_TYPES)[number];

/** A column of the NCSC ADR caseload form. */
export const CASELOAD_COLUMNS = ['BEGIN_PENDING', 'END_PENDING', 'HELD', 'HELD_OTHER', 'NOT_HELD', 'NOT_HELD_INAPPROPRIATE_FOR_ADR', 'NOT_HELD_NO_RESPONSE', 'NOT_HELD_OTHER', 'NOT_HELD_PRIOR_SETTLEMENT', 'NOT_SETTLED', 'REFERRED', 'RETURNED_TO_DOCKET', 'SETTLED', 'SETTLED_IN_PART'] as const;
export type CaseloadColumn = (typeof CASELOAD_COLUMNS)[number];

export const CASE_ROLES = ['COUNSEL', 'MEDIATOR', 'PARTY', 'PROGRAM_ADMIN'] as const;
export type CaseRole = (typeof CASE_ROLES)[number];

/** PERSON: someone on a side of this case was on another case with the mediator. SIDE: a side of this case was a side in another case of the mediator. */
export const CONFLICT_FINDING_KINDS = ['PERSON', 'SIDE'] as const;
export type ConflictFindingKind = (typeof CONFLICT_FINDING_KINDS)[number];

export const COURT_ORDERED_PROCESSES = ['EARLY_NEUTRAL_EVALUATION', 'MEDIATION', 'NON_BINDING_ARBITRATION', 'SETTLEMENT_CONFERENCE'] as const;
export type CourtOrderedProcess = (typeof COURT_ORDERED_PROCESSES)[number];

/** DUE until the mediator files it; FILED for good. */
export const COURT_REPORT_STATUSES = ['DUE', 'FILED'] as const;
export type CourtReportStatus = (typeof COURT_REPORT_STATUSES)[number];

export const DEADLINE_KINDS = ['COURT_DATE', 'DISCOVERY_CUTOFF', 'EXPERT_DISCLOSURE', 'FILING_DEADLINE', 'MEDIATOR_REPORT', 'NEXT_TOUCHPOINT', 'OTHER', 'PROPOSAL_DEADLINE'] as const;
export type DeadlineKind = (typeof DEADLINE_KINDS)[number];

export const DEADLINE_SOURCES = ['AGREEMENT', 'COUNSEL', 'COURT_ORDER', 'MEDIATOR', 'RULE', 'SYSTEM'] as const;
export type DeadlineSource = (typeof DEADLINE_SOURCES)[number];

export const DISPUTE_TYPES = ['BUSINESS', 'CONTRACT', 'EMPLOYMENT', 'FAMILY', 'OTHER_CIVIL', 'PERSONAL_INJURY', 'PROBATE_ESTATE', 'REAL_PROPERTY'] as const;
export type DisputeType = (typeof DISPUTE_TYPES)[number];

/** What a figure is: a count of referrals, a rate from 0 to 1, or days. */
export const FIGURE_KINDS = ['COUNT', 'DAYS', 'RATE'] as const;
export type FigureKind = (typeof FIGURE_KINDS)[number];

export const HIDDEN_ISSUE_CATEGORIES = ['CASH_FLOW', 'CONTROL', 'EGO', 'FEAR', 'REPUTATION'] as const;
export type HiddenIssueCategory = (typeof HIDDEN_ISSUE_CATEGORIES)[number];

/** Why an inbox item was sent. */
export const INBOX_ITEM_KINDS = ['DEADLINE_IN_1_DAY', 'DEADLINE_IN_7_DAYS', 'TOUCHPOINT_OVERDUE'] as const;
export type InboxItemKind = (typeof INBOX_ITEM_KINDS)[number];

/** The case role an invitation grants, on one side. */
export const INVITATION_ROLES = ['COUNSEL', 'PARTY'] as const;
export type InvitationRole = (typeof INVITATION_ROLES)[number];

export const ISSUE_STATUSES = ['AGREED', 'DECIDED', 'OPEN', 'WITHDRAWN'] as const;
export type IssueStatus = (typeof ISSUE_STATUSES)[number];

/** What a mail is about. */
export const MAIL_KINDS = ['AGREEMENT_BINDING', 'AGREEMENT_READY', 'DIGEST', 'EMAIL_CHANGED', 'INVITATION', 'PASSWORD_CHANGED', 'PASSWORD_RESET', 'REMINDER'] as const;
export type MailKind = (typeof MAIL_KINDS)[number];

/** PENDING: waiting to be sent (or retried); SENT: the mail server took it; REFUSED: the mail server refused it for good (5xx); FAILED: it could not be sent after every retry; KEPT: no mail server is set, the mail is in the Outbox. */
export const MAIL_STATUSES = ['FAILED', 'KEPT', 'PENDING', 'REFUSED', 'SENT'] as const;
export type MailStatus = (typeof MAIL_STATUSES)[number];

export const MEDIATION_OUTCOMES = ['NO_AGREEMENT', 'PARTIAL_AGREEMENT', 'SETTLED'] as const;
export type MediationOutcome = (typeof MEDIATION_OUTCOMES)[number];

/** DISCLOSED: the conflict inquiry found something; every active side must acknowledge it. ACCEPTED: the mediator is on the case. WITHDRAWN: replaced by a later proposal. */
export const MEDIATOR_ASSIGNMENT_STATUSES = ['ACCEPTED', 'DISCLOSED', 'PROPOSED', 'WITHDRAWN'] as const;
export type MediatorAssignmentStatus = (typeof MEDIATOR_ASSIGNMENT_STATUSES)[number];

export const MEDIATOR_CHOICES = ['NEW', 'SAME'] as const;
export type MediatorChoice = (typeof MEDIATOR_CHOICES)[number];

/** A way out of impasse (the post-impasse toolkit). */
export const NEXT_PATHS = ['ARBITRATION', 'EARLY_NEUTRAL_EVALUATION', 'LITIGATION', 'MEDIATORS_PROPOSAL', 'NEGOTIATE', 'REMEDIATE_NEW', 'REMEDIATE_SAME', 'SETTLEMENT_CONFERENCE'] as const;
export type NextPath = (typeof NEXT_PATHS)[number];

/** What a person does in the organisation; case roles come from participation in a case instead. */
export const ORG_ROLES = ['MEDIATOR', 'MEMBER', 'ORG_ADMIN', 'PROGRAM_ADMIN'] as const;
export type OrgRole = (typeof ORG_ROLES)[number];

/** PROCESS: the neutral process checklist, case-shared. STRATEGY: a side's litigation or negotiation strategy, that side's only. */
export const PLAYBOOK_ITEM_KINDS = ['PROCESS', 'STRATEGY'] as const;
export type PlaybookItemKind = (typeof PLAYBOOK_ITEM_KINDS)[number];

export const PROPOSAL_ANSWERS = ['ACCEPT', 'REJECT'] as const;
export type ProposalAnswer = (typeof PROPOSAL_ANSWERS)[number];

export const REFERRAL_SOURCES = ['AGENCY', 'ATTORNEY', 'COURT_ORDER', 'JUDGE_REFERRAL', 'OTHER', 'SELF'] as const;
export type ReferralSource = (typeof REFERRAL_SOURCES)[number];

export const REMEDIES = ['DECISION_MAKER_CONFIRMED', 'FORMAT_CHANGED', 'INFORMATION_EXCHANGED', 'NEW_MEDIATOR', 'RISK_CONVERSATION_HELD'] as const;
export type Remedy = (typeof REMEDIES)[number];

/** Deadline reminders by e-mail: each as it comes, one digest a day, or none (the inbox always has them). */
export const REMINDER_MAILS = ['DAILY_DIGEST', 'EACH', 'OFF'] as const;
export type ReminderMail = (typeof REMINDER_MAILS)[number];

/** Whether the session reached a settlement, in full, in part or not (UMA §7). */
export const REPORT_SETTLEMENTS = ['FULL', 'NONE', 'PARTIAL'] as const;
export type ReportSettlement = (typeof REPORT_SETTLEMENTS)[number];

export const SESSION_FORMATS = ['CAUCUS', 'JOINT', 'ONLINE', 'SHUTTLE'] as const;
export type SessionFormat = (typeof SESSION_FORMATS)[number];

export const SESSION_NOT_HELD_REASONS = ['INAPPROPRIATE_FOR_ADR', 'NO_RESPONSE', 'OTHER', 'PRIOR_SETTLEMENT'] as const;
export type SessionNotHeldReason = (typeof SESSION_NOT_HELD_REASONS)[number];

export const SESSION_OUTCOMES = ['NOT_HELD', 'NO_AGREEMENT', 'PARTIAL_AGREEMENT', 'SETTLED'] as const;
export type SessionOutcome = (typeof SESSION_OUTCOMES)[number];

/** The ADR process a session belongs to: a mediation, a settlement conference or an early neutral evaluation. */
export const SESSION_PROCESSES = ['EARLY_NEUTRAL_EVALUATION', 'MEDIATION', 'SETTLEMENT_CONFERENCE'] as const;
export type SessionProcess = (typeof SESSION_PROCESSES)[number];

/** Whether the mediation reached a settlement (UMA §7). */
export const SETTLEMENTS = ['FULL', 'NONE', 'PARTIAL', 'PENDING'] as const;
export type Settlement = (typeof SETTLEMENTS)[number];

export const SIDE_ROLES = ['CLAIMANT', 'DEFENDANT', 'INSURER', 'INTERVENOR', 'OTHER', 'PETITIONER', 'PLAINTIFF', 'RESPONDENT'] as const;
export type SideRole = (typeof SIDE_ROLES)[number];

/** Who signs a written agreement, the program's rule: every party in person, or a party or their counsel. */
export const SIGNING_RULES = ['PARTIES', 'PARTIES_OR_COUNSEL'] as const;
export type SigningRule = (typeof SIGNING_RULES)[number];

/** Whether the stall table shows a quarter: only a calendar quarter that has ended and lies wholly inside the period is shown. */
export const STALL_QUARTER_STATUSES = ['NOT_ENDED', 'PARTLY_OUTSIDE_PERIOD', 'SHOWN'] as const;
export type StallQuarterStatus = (typeof STALL_QUARTER_STATUSES)[number];

export const STALL_REASONS = ['EMOTIONS', 'LACKED_INFORMATION', 'MEDIATOR_FIT', 'NO_AUTHORITY_PRESENT', 'OTHER', 'POSTURING', 'TIMING', 'UNREALISTIC_EXPECTATIONS'] as const;
export type StallReason = (typeof STALL_REASONS)[number];

/** Why a timeline is not intact. */
export const TIMELINE_BREAKS = ['LINK_BROKEN', 'ROWS_MISSING', 'ROW_ALTERED', 'SEAL_MISMATCH', 'UNSEALED', 'VERSION_MISMATCH'] as const;
export type TimelineBreak = (typeof TIMELINE_BREAKS)[number];

export const WORKSPACE_ITEM_KINDS = ['BATNA', 'BEST_OFFER', 'DEALBREAKER', 'DRAFT', 'FLEXIBILITY_SIGNAL', 'HIDDEN_ISSUE', 'MISSING_INFORMATION', 'NOTE'] as const;
export type WorkspaceItemKind = (typeof WORKSPACE_ITEM_KINDS)[number];

/** Your side accepts the non-binding award; it ends the case once every active side accepts. */
export interface AcceptAwardInput {
  /** The side acting; counsel and parties may act only for their own side. */
  sideId: string;
}

/** Add a disputed issue (open). */
export interface AddIssueInput {
  /** What the issue is about, e.g. "child support". */
  label: string;
}

/** Lock down a partial agreement: these open issues are agreed; at least one issue stays open. */
export interface AgreeIssuesInput {
  /** The open issues now agreed. */
  issueIds: readonly string[];
}

export interface AgreementTermsInput {
  issueId: string;
  terms: string;
}

/** Answer the mediator’s proposal for your side, sealed. */
export interface AnswerProposalInput {
  /** Yes or no to the whole proposal. */
  answer: ProposalAnswer;
  /** The side acting; counsel and parties may act only for their own side. */
  sideId: string;
}

/** Name the one person who owns the next outreach, with the date of the next touchpoint. */
export interface AssignOutreachOwnerInput {
  /** The participant who owns the next outreach. */
  ownerId: string;
  /** The date of the next touchpoint. */
  touchpointDate: string;
}

export interface AttendanceInput {
  attended: boolean;
  /** This person could settle on the spot (or the decision-maker was present). */
  authorityToSettle: boolean;
  participantId: string;
}

export interface BatnaInput {
  costToDecision?: string | null;
  nextWeek?: string | null;
  /** 0 to 1. */
  probability?: number | null;
  rangeHigh?: number | null;
  rangeLow?: number | null;
  threeMonths?: string | null;
  whoDecides?: string | null;
}

/** Set exactly one field: the statechart event to send, with its payload. */
export interface CaseEventInput {
  /** The settlement fell through before it became binding; its issues reopen. (send true) */
  abandonAgreement?: boolean | null;
  /** Your side accepts the non-binding award; it ends the case once every active side accepts. */
  acceptAward?: AcceptAwardInput | null;
  /** Add a disputed issue (open). */
  addIssue?: AddIssueInput | null;
  /** Adjourn the session; it resumes later. (send true) */
  adjournSession?: boolean | null;
  /** Formal documents replace the term sheet; they need every signature again. (send true) */
  adoptFormalDocuments?: boolean | null;
  /** The court track moves to its next phase. (send true) */
  advanceLitigation?: boolean | null;
  /** Lock down a partial agreement: these open issues are agreed; at least one issue stays open. */
  agreeIssues?: AgreeIssuesInput | null;
  /** Answer the mediator’s proposal for your side, sealed. */
  answerProposal?: AnswerProposalInput | null;
  /** Name the one person who owns the next outreach, with the date of the next touchpoint. */
  assignOutreachOwner?: AssignOutreachOwnerInput | null;
  /** The proposal’s deadline passed without every side accepting: no agreement. (send true) */
  closeProposal?: boolean | null;
  /** The court decided an open issue while the case goes on (e.g. liability on summary judgment). */
  decideIssue?: DecideIssueInput | null;
  /** The court dismissed the case. (send true) */
  dismissCase?: boolean | null;
  /** Negotiation broke off; back to the impasse assessment. (send true) */
  endNegotiation?: boolean | null;
  /** The court entered judgment (after motions or trial); it ends the case. (send true) */
  enterJudgment?: boolean | null;
  /** A side filed suit: pleadings begin. (send true) */
  fileSuit?: boolean | null;
  /** The mediator sets all terms; each side answers yes or no, sealed, before the deadline. (send true) */
  issueMediatorsProposal?: boolean | null;
  /** The stay was lifted; the court track resumes in the phase it left. (send true) */
  liftStay?: boolean | null;
  /** The pending agreement is a term sheet subject to formal documents: not binding, however signed. (send true) */
  markSubjectToFormalDocuments?: boolean | null;
  /** The court ordered an ADR step; the litigation phase does not change. */
  orderAdr?: OrderAdrInput | null;
  /** Rest the case on the court track. (send true) */
  pursueLitigation?: boolean | null;
  /** Record how the settlement conference or early neutral evaluation ended (same rules as a mediation outcome). */
  recordAdrOutcome?: RecordAdrOutcomeInput | null;
  /** An arbitration clause covering the dispute is on record. (send true) */
  recordArbitrationClause?: boolean | null;
  /** The arbitrator rendered the award; a binding award ends the case. (send true) */
  recordAward?: boolean | null;
  /** Record how the mediation session ended. SETTLED needs no open issue left; PARTIAL_AGREEMENT needs at least one agreed and one open issue; NO_AGREEMENT agrees nothing. */
  recordOutcome?: RecordOutcomeInput | null;
  /** Record that the fix for a recorded stall reason is done. */
  recordRemedy?: RecordRemedyInput | null;
  /** The session was not held (NCSC categories); a prior settlement goes to the written agreement. */
  recordSessionNotHeld?: RecordSessionNotHeldInput | null;
  /** The sides settled in negotiation; no open issue may be left. */
  recordSettlement?: RecordSettlementInput | null;
  /** Name why the session stalled. */
  recordStallReason?: RecordStallReasonInput | null;
  /** Your side rejects the non-binding award; back to the impasse assessment. */
  rejectAward?: RejectAwardInput | null;
  /** Mediate again after a fixable stall whose remedy is recorded (a mediator-fit stall needs a new mediator). */
  remediate?: RemediateInput | null;
  /** Resume an adjourned session. (send true) */
  resumeSession?: boolean | null;
  /** Move to an early neutral evaluation. (send true) */
  scheduleEarlyNeutralEvaluation?: boolean | null;
  /** Schedule the mediation session (again, after a session that was not held). (send true) */
  scheduleMediation?: boolean | null;
  /** Move to a settlement conference. (send true) */
  scheduleSettlementConference?: boolean | null;
  /** Arbitrate under the contract clause or the sides’ stipulation. */
  startArbitration?: StartArbitrationInput | null;
  /** Counsel negotiate directly, outside mediation. (send true) */
  startNegotiation?: boolean | null;
  /** The mediation session has started. (send true) */
  startSession?: boolean | null;
  /** The court stayed the proceedings. (send true) */
  stayLitigation?: boolean | null;
  /** Your side stipulates to arbitrate; it takes effect once every active side has stipulated. */
  stipulateArbitration?: StipulateArbitrationInput | null;
  /** A side drops an open issue. */
  withdrawIssue?: WithdrawIssueInput | null;
  /** Your side withdraws; the case continues for the others while at least two sides remain. */
  withdrawSide?: WithdrawSideInput | null;
}

/** Every field narrows the list; leave a field out to not filter on it. */
export interface CaseFilterInput {
  disputeTypes?: readonly DisputeType[] | null;
  /** A litigation state, e.g. "discovery". */
  litigation?: string | null;
  /** true: only cases that need attention; false: only those that do not. */
  needsAttention?: boolean | null;
  programId?: string | null;
  /** A resolution state or stage, e.g. "impasse" or "mediation" (matches mediation.*). */
  resolution?: string | null;
}

export interface CreateCaseInput {
  /** A contract clause sends the dispute to arbitration. */
  arbitrationClause: boolean;
  caption: string;
  courtOrdered: boolean;
  disputeType: DisputeType;
  docketNumber?: string | null;
  issues: readonly IssueInput[];
  programId?: string | null;
  referralDate?: string | null;
  referralSource?: ReferralSource | null;
  sides: readonly SideInput[];
}

export interface CreateUserInput {
  displayName: string;
  email: string;
  orgRole: OrgRole;
  /** The initial password (at least 10 characters); give it to the person, who signs in with it. */
  password: string;
}

export interface DeadlineInput {
  /** When it is due (an ISO 8601 date-time with its offset). */
  dueAt: string;
  kind: DeadlineKind;
  /** The participant who owns it. */
  ownerParticipantId?: string | null;
  source: DeadlineSource;
  title: string;
}

/** The court decided an open issue while the case goes on (e.g. liability on summary judgment). */
export interface DecideIssueInput {
  /** The disputed issue. */
  issueId: string;
}

export interface InviteToCaseInput {
  displayName: string;
  email: string;
  role: InvitationRole;
  /** A side of the same case. */
  sideId: string;
}

export interface IssueInput {
  description?: string | null;
  label: string;
}

export interface MailPreferencesInput {
  agreements?: boolean | null;
  reminders?: ReminderMail | null;
}

export interface MediatorNoteInput {
  body: string;
  /** The side whose caucus this note records. */
  caucusSideId?: string | null;
}

/** The court ordered an ADR step; the litigation phase does not change. */
export interface OrderAdrInput {
  /** The ordered process. */
  process: CourtOrderedProcess;
}

/** Record how the settlement conference or early neutral evaluation ended (same rules as a mediation outcome). */
export interface RecordAdrOutcomeInput {
  /** Open issues the sides agreed on in this step. */
  agreedIssueIds?: readonly string[] | null;
  /** How it ended. */
  outcome: MediationOutcome;
}

export interface RecordAttendanceInput {
  attendance: readonly AttendanceInput[];
}

/** Record how the mediation session ended. SETTLED needs no open issue left; PARTIAL_AGREEMENT needs at least one agreed and one open issue; NO_AGREEMENT agrees nothing. */
export interface RecordOutcomeInput {
  /** Open issues the sides agreed on in this step. */
  agreedIssueIds?: readonly string[] | null;
  /** How it ended. */
  outcome: MediationOutcome;
}

/** Record that the fix for a recorded stall reason is done. */
export interface RecordRemedyInput {
  /** The remedy; it must answer a recorded stall reason. */
  remedy: Remedy;
}

/** The session was not held (NCSC categories); a prior settlement goes to the written agreement. */
export interface RecordSessionNotHeldInput {
  /** Why the session was not held. */
  reason: SessionNotHeldReason;
}

/** The sides settled in negotiation; no open issue may be left. */
export interface RecordSettlementInput {
  /** Open issues the sides agreed on in this step. */
  agreedIssueIds?: readonly string[] | null;
}

/** Name why the session stalled. */
export interface RecordStallReasonInput {
  /** The stall reason. */
  reason: StallReason;
}

/** Your side rejects the non-binding award; back to the impasse assessment. */
export interface RejectAwardInput {
  /** The side acting; counsel and parties may act only for their own side. */
  sideId: string;
}

/** Mediate again after a fixable stall whose remedy is recorded (a mediator-fit stall needs a new mediator). */
export interface RemediateInput {
  /** The same mediator or a new one; SAME when absent. */
  mediator?: MediatorChoice | null;
}

/** A program and a period, both days included, in the program’s time zone. */
export interface ReportPeriodInput {
  /** The first day of the period. */
  from: string;
  programId: string;
  /** The last day of the period. */
  to: string;
}

export interface SessionInput {
  format: SessionFormat;
  /** When the session starts (an ISO 8601 date-time with its offset). */
  startsAt: string;
}

export interface SideInput {
  label: string;
  role: SideRole;
}

/** A signature of the pending written agreement: the text read, and the password again. */
export interface SignAgreementInput {
  /** Agreement.digest of the text you read: a text changed since is refused. */
  digest: string;
  /** Counsel only, where the program allows it: the participant id of the party of your side you sign for. */
  forPartyId?: string | null;
  /** Your sign-in password, typed again: a signature binds you. */
  password: string;
}

export interface SignInInput {
  email: string;
  password: string;
}

/** Arbitrate under the contract clause or the sides’ stipulation. */
export interface StartArbitrationInput {
  /** Whether the award binds the sides. */
  binding: boolean;
}

/** Your side stipulates to arbitrate; it takes effect once every active side has stipulated. */
export interface StipulateArbitrationInput {
  /** The side acting; counsel and parties may act only for their own side. */
  sideId: string;
}

export interface UpdateDeadlineInput {
  /** true marks it done; false reopens it. */
  done?: boolean | null;
  dueAt?: string | null;
  ownerParticipantId?: string | null;
  title?: string | null;
}

export interface UpdateIssueInput {
  /** Send an empty string to clear it. */
  description?: string | null;
  label?: string | null;
}

export interface UpdateMediatorNoteInput {
  body?: string | null;
  /** Send null to unlink it from a caucus. */
  caucusSideId?: string | null;
}

export interface UpdateSessionInput {
  format?: SessionFormat | null;
  startsAt?: string | null;
}

export interface UpdateWorkspaceItemInput {
  amount?: number | null;
  batna?: BatnaInput | null;
  body?: string | null;
  category?: HiddenIssueCategory | null;
  /** ISO 4217, e.g. USD. */
  currency?: string | null;
  nonMoneyTerms?: string | null;
}

/** A side drops an open issue. */
export interface WithdrawIssueInput {
  /** The disputed issue. */
  issueId: string;
}

/** Your side withdraws; the case continues for the others while at least two sides remain. */
export interface WithdrawSideInput {
  /** The side acting; counsel and parties may act only for their own side. */
  sideId: string;
}

export interface WorkspaceItemInput {
  amount?: number | null;
  batna?: BatnaInput | null;
  body?: string | null;
  category?: HiddenIssueCategory | null;
  /** ISO 4217, e.g. USD. */
  currency?: string | null;
  kind: WorkspaceItemKind;
  nonMoneyTerms?: string | null;
}

/** One payload field of an event: what the event form asks for, read from the schema. */
export interface EventPayloadField {
  readonly name: string;
  /** DATE is a calendar date (YYYY-MM-DD); ENUM and ENUM_LIST take `values`; OTHER cannot be asked for. */
  readonly kind: 'STRING' | 'STRING_LIST' | 'BOOLEAN' | 'NUMBER' | 'DATE' | 'ENUM' | 'ENUM_LIST' | 'OTHER';
  readonly required: boolean;
  readonly values?: readonly string[];
  readonly description: string | null;
}

/** A field of CaseEventInput: `BOOLEAN` events are sent as `true`; `INPUT` events take the named payload. */
export type CaseEventInputField =
  | { readonly kind: 'BOOLEAN'; readonly description: string | null }
  | { readonly kind: 'INPUT'; readonly type: string; readonly description: string | null; readonly fields: readonly EventPayloadField[] };

/**
 * The fields of CaseEventInput, one per event the api accepts, with each payload's fields in
 * the schema's order.
 */
export const CASE_EVENT_INPUT_FIELDS: Readonly<Record<keyof CaseEventInput, CaseEventInputField>> = {
  abandonAgreement: { kind: 'BOOLEAN', description: "The settlement fell through before it became binding; its issues reopen." },
  acceptAward: {
    kind: 'INPUT',
    type: 'AcceptAwardInput',
    description: "Your side accepts the non-binding award; it ends the case once every active side accepts.",
    fields: [
      { name: 'sideId', kind: 'STRING', required: true, description: "The side acting; counsel and parties may act only for their own side." },
    ],
  },
  addIssue: {
    kind: 'INPUT',
    type: 'AddIssueInput',
    description: "Add a disputed issue (open).",
    fields: [
      { name: 'label', kind: 'STRING', required: true, description: "What the issue is about, e.g. \"child support\"." },
    ],
  },
  adjournSession: { kind: 'BOOLEAN', description: "Adjourn the session; it resumes later." },
  adoptFormalDocuments: { kind: 'BOOLEAN', description: "Formal documents replace the term sheet; they need every signature again." },
  advanceLitigation: { kind: 'BOOLEAN', description: "The court track moves to its next phase." },
  agreeIssues: {
    kind: 'INPUT',
    type: 'AgreeIssuesInput',
    description: "Lock down a partial agreement: these open issues are agreed; at least one issue stays open.",
    fields: [
      { name: 'issueIds', kind: 'STRING_LIST', required: true, description: "The open issues now agreed." },
    ],
  },
  answerProposal: {
    kind: 'INPUT',
    type: 'AnswerProposalInput',
    description: "Answer the mediator’s proposal for your side, sealed.",
    fields: [
      { name: 'answer', kind: 'ENUM', required: true, values: PROPOSAL_ANSWERS, description: "Yes or no to the whole proposal." },
      { name: 'sideId', kind: 'STRING', required: true, description: "The side acting; counsel and parties may act only for their own side." },
    ],
  },
  assignOutreachOwner: {
    kind: 'INPUT',
    type: 'AssignOutreachOwnerInput',
    description: "Name the one person who owns the next outreach, with the date of the next touchpoint.",
    fields: [
      { name: 'ownerId', kind: 'STRING', required: true, description: "The participant who owns the next outreach." },
      { name: 'touchpointDate', kind: 'DATE', required: true, description: "The date of the next touchpoint." },
    ],
  },
  closeProposal: { kind: 'BOOLEAN', description: "The proposal’s deadline passed without every side accepting: no agreement." },
  decideIssue: {
    kind: 'INPUT',
    type: 'DecideIssueInput',
    description: "The court decided an open issue while the case goes on (e.g. liability on summary judgment).",
    fields: [
      { name: 'issueId', kind: 'STRING', required: true, description: "The disputed issue." },
    ],
  },
  dismissCase: { kind: 'BOOLEAN', description: "The court dismissed the case." },
  endNegotiation: { kind: 'BOOLEAN', description: "Negotiation broke off; back to the impasse assessment." },
  enterJudgment: { kind: 'BOOLEAN', description: "The court entered judgment (after motions or trial); it ends the case." },
  fileSuit: { kind: 'BOOLEAN', description: "A side filed suit: pleadings begin." },
  issueMediatorsProposal: { kind: 'BOOLEAN', description: "The mediator sets all terms; each side answers yes or no, sealed, before the deadline." },
  liftStay: { kind: 'BOOLEAN', description: "The stay was lifted; the court track resumes in the phase it left." },
  markSubjectToFormalDocuments: { kind: 'BOOLEAN', description: "The pending agreement is a term sheet subject to formal documents: not binding, however signed." },
  orderAdr: {
    kind: 'INPUT',
    type: 'OrderAdrInput',
    description: "The court ordered an ADR step; the litigation phase does not change.",
    fields: [
      { name: 'process', kind: 'ENUM', required: true, values: COURT_ORDERED_PROCESSES, description: "The ordered process." },
    ],
  },
  pursueLitigation: { kind: 'BOOLEAN', description: "Rest the case on the court track." },
  recordAdrOutcome: {
    kind: 'INPUT',
    type: 'RecordAdrOutcomeInput',
    description: "Record how the settlement conference or early neutral evaluation ended (same rules as a mediation outcome).",
    fields: [
      { name: 'agreedIssueIds', kind: 'STRING_LIST', required: false, description: "Open issues the sides agreed on in this step." },
      { name: 'outcome', kind: 'ENUM', required: true, values: MEDIATION_OUTCOMES, description: "How it ended." },
    ],
  },
  recordArbitrationClause: { kind: 'BOOLEAN', description: "An arbitration clause covering the dispute is on record." },
  recordAward: { kind: 'BOOLEAN', description: "The arbitrator rendered the award; a binding award ends the case." },
  recordOutcome: {
    kind: 'INPUT',
    type: 'RecordOutcomeInput',
    description: "Record how the mediation session ended. SETTLED needs no open issue left; PARTIAL_AGREEMENT needs at least one agreed and one open issue; NO_AGREEMENT agrees nothing.",
    fields: [
      { name: 'agreedIssueIds', kind: 'STRING_LIST', required: false, description: "Open issues the sides agreed on in this step." },
      { name: 'outcome', kind: 'ENUM', required: true, values: MEDIATION_OUTCOMES, description: "How it ended." },
    ],
  },
  recordRemedy: {
    kind: 'INPUT',
    type: 'RecordRemedyInput',
    description: "Record that the fix for a recorded stall reason is done.",
    fields: [
      { name: 'remedy', kind: 'ENUM', required: true, values: REMEDIES, description: "The remedy; it must answer a recorded stall reason." },
    ],
  },
  recordSessionNotHeld: {
    kind: 'INPUT',
    type: 'RecordSessionNotHeldInput',
    description: "The session was not held (NCSC categories); a prior settlement goes to the written agreement.",
    fields: [
      { name: 'reason', kind: 'ENUM', required: true, values: SESSION_NOT_HELD_REASONS, description: "Why the session was not held." },
    ],
  },
  recordSettlement: {
    kind: 'INPUT',
    type: 'RecordSettlementInput',
    description: "The sides settled in negotiation; no open issue may be left.",
    fields: [
      { name: 'agreedIssueIds', kind: 'STRING_LIST', required: false, description: "Open issues the sides agreed on in this step." },
    ],
  },
  recordStallReason: {
    kind: 'INPUT',
    type: 'RecordStallReasonInput',
    description: "Name why the session stalled.",
    fields: [
      { name: 'reason', kind: 'ENUM', required: true, values: STALL_REASONS, description: "The stall reason." },
    ],
  },
  rejectAward: {
    kind: 'INPUT',
    type: 'RejectAwardInput',
    description: "Your side rejects the non-binding award; back to the impasse assessment.",
    fields: [
      { name: 'sideId', kind: 'STRING', required: true, description: "The side acting; counsel and parties may act only for their own side." },
    ],
  },
  remediate: {
    kind: 'INPUT',
    type: 'RemediateInput',
    description: "Mediate again after a fixable stall whose remedy is recorded (a mediator-fit stall needs a new mediator).",
    fields: [
      { name: 'mediator', kind: 'ENUM', required: false, values: MEDIATOR_CHOICES, description: "The same mediator or a new one; SAME when absent." },
    ],
  },
  resumeSession: { kind: 'BOOLEAN', description: "Resume an adjourned session." },
  scheduleEarlyNeutralEvaluation: { kind: 'BOOLEAN', description: "Move to an early neutral evaluation." },
  scheduleMediation: { kind: 'BOOLEAN', description: "Schedule the mediation session (again, after a session that was not held)." },
  scheduleSettlementConference: { kind: 'BOOLEAN', description: "Move to a settlement conference." },
  startArbitration: {
    kind: 'INPUT',
    type: 'StartArbitrationInput',
    description: "Arbitrate under the contract clause or the sides’ stipulation.",
    fields: [
      { name: 'binding', kind: 'BOOLEAN', required: true, description: "Whether the award binds the sides." },
    ],
  },
  startNegotiation: { kind: 'BOOLEAN', description: "Counsel negotiate directly, outside mediation." },
  startSession: { kind: 'BOOLEAN', description: "The mediation session has started." },
  stayLitigation: { kind: 'BOOLEAN', description: "The court stayed the proceedings." },
  stipulateArbitration: {
    kind: 'INPUT',
    type: 'StipulateArbitrationInput',
    description: "Your side stipulates to arbitrate; it takes effect once every active side has stipulated.",
    fields: [
      { name: 'sideId', kind: 'STRING', required: true, description: "The side acting; counsel and parties may act only for their own side." },
    ],
  },
  withdrawIssue: {
    kind: 'INPUT',
    type: 'WithdrawIssueInput',
    description: "A side drops an open issue.",
    fields: [
      { name: 'issueId', kind: 'STRING', required: true, description: "The disputed issue." },
    ],
  },
  withdrawSide: {
    kind: 'INPUT',
    type: 'WithdrawSideInput',
    description: "Your side withdraws; the case continues for the others while at least two sides remain.",
    fields: [
      { name: 'sideId', kind: 'STRING', required: true, description: "The side acting; counsel and parties may act only for their own side." },
    ],
  },
};
