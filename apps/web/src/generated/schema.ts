// Generated from the api's schema.gql by scripts/generate-schema-types.mjs: do not edit.
// Run `pnpm gen` in apps/web after the schema changes; a test fails while this file is stale.

/** An event the case statechart accepts. */
export const CASE_EVENT_TYPES = ['ABANDON_AGREEMENT', 'ACCEPT_AWARD', 'ADD_ISSUE', 'ADJOURN_SESSION', 'ADOPT_FORMAL_DOCUMENTS', 'ADVANCE_LITIGATION', 'AGREE_ISSUES', 'ANSWER_PROPOSAL', 'ASSIGN_OUTREACH_OWNER', 'CLOSE_PROPOSAL', 'DECIDE_ISSUE', 'DISMISS_CASE', 'END_NEGOTIATION', 'ENTER_JUDGMENT', 'FILE_SUIT', 'ISSUE_MEDIATORS_PROPOSAL', 'LIFT_STAY', 'MARK_SUBJECT_TO_FORMAL_DOCUMENTS', 'ORDER_ADR', 'PURSUE_LITIGATION', 'RECORD_ADR_OUTCOME', 'RECORD_ARBITRATION_CLAUSE', 'RECORD_AWARD', 'RECORD_OUTCOME', 'RECORD_REMEDY', 'RECORD_SESSION_NOT_HELD', 'RECORD_SETTLEMENT', 'RECORD_STALL_REASON', 'REJECT_AWARD', 'REMEDIATE', 'RESUME_SESSION', 'SCHEDULE_EARLY_NEUTRAL_EVALUATION', 'SCHEDULE_MEDIATION', 'SCHEDULE_SETTLEMENT_CONFERENCE', 'SIGN_AGREEMENT', 'START_ARBITRATION', 'START_NEGOTIATION', 'START_SESSION', 'STAY_LITIGATION', 'STIPULATE_ARBITRATION', 'WITHDRAW_ISSUE', 'WITHDRAW_SIDE'] as const;
export type CaseEventType = (typeof CASE_EVENT_TYPES)[number];

export const CASE_ROLES = ['COUNSEL', 'MEDIATOR', 'PARTY', 'PROGRAM_ADMIN'] as const;
export type CaseRole = (typeof CASE_ROLES)[number];

export const DISPUTE_TYPES = ['BUSINESS', 'CONTRACT', 'EMPLOYMENT', 'FAMILY', 'OTHER_CIVIL', 'PERSONAL_INJURY', 'PROBATE_ESTATE', 'REAL_PROPERTY'] as const;
export type DisputeType = (typeof DISPUTE_TYPES)[number];

export const MEDIATION_OUTCOMES = ['NO_AGREEMENT', 'PARTIAL_AGREEMENT', 'SETTLED'] as const;
export type MediationOutcome = (typeof MEDIATION_OUTCOMES)[number];

export const SIDE_ROLES = ['CLAIMANT', 'DEFENDANT', 'INSURER', 'INTERVENOR', 'OTHER', 'PETITIONER', 'PLAINTIFF', 'RESPONDENT'] as const;
export type SideRole = (typeof SIDE_ROLES)[number];

/** Set exactly one field: the event to send. */
export interface CaseEventInput {
  /** Record how the session ended. */
  recordOutcome?: RecordOutcomeInput | null;
  /** Schedule the mediation session (send true). */
  scheduleMediation?: boolean | null;
  /** The mediation session has started (send true). */
  startSession?: boolean | null;
}

export interface CreateCaseInput {
  caption: string;
  courtOrdered: boolean;
  disputeType: DisputeType;
  docketNumber?: string | null;
  sides: readonly SideInput[];
}

export interface RecordOutcomeInput {
  outcome: MediationOutcome;
}

export interface SideInput {
  label: string;
  role: SideRole;
}

export interface SignInInput {
  email: string;
  password: string;
}

/**
 * The fields of CaseEventInput, one per event the api accepts: `BOOLEAN` fields are sent as
 * `true`; `INPUT` fields need the named input object as their payload.
 */
export const CASE_EVENT_INPUT_FIELDS: Readonly<
  Record<keyof CaseEventInput, { kind: 'BOOLEAN' } | { kind: 'INPUT'; type: string }>
> = {
  recordOutcome: { kind: 'INPUT', type: 'RecordOutcomeInput' },
  scheduleMediation: { kind: 'BOOLEAN' },
  startSession: { kind: 'BOOLEAN' },
};
