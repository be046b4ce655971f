import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { AGREEMENT_STATUSES, DISPUTE_TYPES, EVENT_TYPES, ISSUE_STATUSES, type AgreementStatus, type DisputeType, type EventType, type IssueStatus } from '@impasse/case-machine';
import { graphqlEnum } from '../common/graphql-enum.js';
import { CASE_EDITS, type CaseEdit } from '../policy/policy.js';
import { LocalDateScalar } from '../common/date-scalars.js';
import { REPORTED_PROCESSES, type ReportedProcess } from '@impasse/case-machine';

/** GraphQL enums of the statechart package's vocabulary, derived so they can never drift. */
export const DisputeTypeEnum = graphqlEnum('DisputeType', DISPUTE_TYPES);
export type DisputeTypeEnum = DisputeType;

export enum SideRoleEnum {
  CLAIMANT = 'CLAIMANT',
  RESPONDENT = 'RESPONDENT',
  PETITIONER = 'PETITIONER',
  PLAINTIFF = 'PLAINTIFF',
  DEFENDANT = 'DEFENDANT',
  INSURER = 'INSURER',
  INTERVENOR = 'INTERVENOR',
  OTHER = 'OTHER',
}
registerEnumType(SideRoleEnum, { name: 'SideRole' });

/** The machine's event names. */
export const CaseEventTypeEnum = graphqlEnum('CaseEventType', EVENT_TYPES, 'An event the case statechart accepts.');
export type CaseEventTypeEnum = EventType;
export const CaseEditEnum = graphqlEnum(
  'CaseEdit',
  Object.keys(CASE_EDITS) as CaseEdit[],
  'A kind of edit of a case besides its transitions: RECORDS (issue details, deadlines, agreement terms), SESSIONS (sessions and attendance), INVITE, PROPOSE_MEDIATOR, PLAYBOOK (ticking the process checklist), STRATEGY (ticking your side\'s strategy checklist), MEDIATOR_NOTES (one\'s own), COURT_REPORTS (filing the due reports to the court).',
);

export enum CaseRoleEnum {
  MEDIATOR = 'MEDIATOR',
  COUNSEL = 'COUNSEL',
  PARTY = 'PARTY',
  PROGRAM_ADMIN = 'PROGRAM_ADMIN',
}
registerEnumType(CaseRoleEnum, { name: 'CaseRole' });

@ObjectType('CaseState', { description: 'The current state of each region of the case statechart.' })
export class CaseStateModel {
  @Field({ description: 'How the dispute is being resolved, e.g. "mediation.scheduled".' }) resolution!: string;
  @Field({ description: 'The court track, e.g. "discovery".' }) litigation!: string;
  @Field({ description: 'True once the case has reached a final outcome.' }) done!: boolean;
}

@ObjectType('Side')
export class SideModel {
  @Field(() => ID) id!: string;
  @Field() label!: string;
  @Field(() => SideRoleEnum) role!: SideRoleEnum;
  @Field({ description: 'ACTIVE, WITHDRAWN or SETTLED, from the statechart.' }) status!: string;
}

@ObjectType('MyCaseRole')
export class MyCaseRoleModel {
  @Field(() => CaseRoleEnum) role!: CaseRoleEnum;
  @Field(() => ID, { nullable: true }) sideId?: string | null;
}

@ObjectType('TimelineEntry', { description: 'One transition on the append-only timeline.' })
export class TimelineEntryModel {
  @Field(() => ID) id!: string;
  @Field(() => Int) seq!: number;
  @Field() type!: string;
  @Field(() => String, { nullable: true }) actorName?: string | null;
  @Field(() => CaseStateModel, { nullable: true }) fromState?: CaseStateModel | null;
  @Field(() => CaseStateModel) toState!: CaseStateModel;
  @Field({ description: 'A short, non-confidential summary of what the event carried.' }) summary!: string;
  @Field() at!: Date;
}

@ObjectType('Case')
export class CaseModel {
  @Field(() => ID) id!: string;
  @Field() caption!: string;
  @Field(() => String, { nullable: true }) docketNumber?: string | null;
  @Field(() => DisputeTypeEnum) disputeType!: DisputeTypeEnum;
  @Field() courtOrdered!: boolean;
  @Field(() => CaseStateModel) state!: CaseStateModel;
  @Field(() => Int, { description: 'Pass it back as expectedVersion when you transition the case.' })
  version!: number;
  @Field() updatedAt!: Date;
  @Field(() => [MyCaseRoleModel], { description: 'Your roles in this case.' }) myRoles!: MyCaseRoleModel[];
  @Field(() => ID, { nullable: true }) programId?: string | null;
  @Field(() => ReferralSourceEnum, { nullable: true }) referralSource?: ReferralSourceEnum | null;
  @Field(() => LocalDateScalar, { nullable: true }) referralDate?: string | null;
  @Field(() => Date, { nullable: true, description: 'The earliest open deadline. Null for a program administrator.' })
  nextDeadlineAt?: Date | null;
  @Field(() => [AttentionReasonEnum], {
    description: 'Why the case needs attention now; empty when it does not (and always for a program administrator).',
  })
  needsAttention!: AttentionReasonEnum[];
}

export const SessionProcessEnum = graphqlEnum(
  'SessionProcess',
  REPORTED_PROCESSES,
  'The ADR process a session belongs to: a mediation, a settlement conference or an early neutral evaluation.',
);
export type SessionProcessEnum = ReportedProcess;

export const IssueStatusEnum = graphqlEnum('IssueStatus', ISSUE_STATUSES);
export type IssueStatusEnum = IssueStatus;

export enum SessionFormatEnum {
  JOINT = 'JOINT',
  CAUCUS = 'CAUCUS',
  SHUTTLE = 'SHUTTLE',
  ONLINE = 'ONLINE',
}
registerEnumType(SessionFormatEnum, { name: 'SessionFormat' });

export enum SessionOutcomeEnum {
  SETTLED = 'SETTLED',
  PARTIAL_AGREEMENT = 'PARTIAL_AGREEMENT',
  NO_AGREEMENT = 'NO_AGREEMENT',
  NOT_HELD = 'NOT_HELD',
}
registerEnumType(SessionOutcomeEnum, { name: 'SessionOutcome' });

export enum DeadlineKindEnum {
  COURT_DATE = 'COURT_DATE',
  FILING_DEADLINE = 'FILING_DEADLINE',
  DISCOVERY_CUTOFF = 'DISCOVERY_CUTOFF',
  EXPERT_DISCLOSURE = 'EXPERT_DISCLOSURE',
  MEDIATOR_REPORT = 'MEDIATOR_REPORT',
  PROPOSAL_DEADLINE = 'PROPOSAL_DEADLINE',
  NEXT_TOUCHPOINT = 'NEXT_TOUCHPOINT',
  OTHER = 'OTHER',
}
registerEnumType(DeadlineKindEnum, { name: 'DeadlineKind' });

export enum DeadlineSourceEnum {
  COURT_ORDER = 'COURT_ORDER',
  RULE = 'RULE',
  AGREEMENT = 'AGREEMENT',
  MEDIATOR = 'MEDIATOR',
  COUNSEL = 'COUNSEL',
  SYSTEM = 'SYSTEM',
}
registerEnumType(DeadlineSourceEnum, { name: 'DeadlineSource' });

export enum ReferralSourceEnum {
  COURT_ORDER = 'COURT_ORDER',
  JUDGE_REFERRAL = 'JUDGE_REFERRAL',
  ATTORNEY = 'ATTORNEY',
  SELF = 'SELF',
  AGENCY = 'AGENCY',
  OTHER = 'OTHER',
}
registerEnumType(ReferralSourceEnum, { name: 'ReferralSource' });

export const AgreementStatusEnum = graphqlEnum('AgreementStatus', AGREEMENT_STATUSES);
export type AgreementStatusEnum = AgreementStatus;

export enum AttentionReasonEnum {
  OVERDUE_TOUCHPOINT = 'OVERDUE_TOUCHPOINT',
  DEADLINE_WITHIN_7_DAYS = 'DEADLINE_WITHIN_7_DAYS',
  IMPASSE_WITHOUT_OWNER = 'IMPASSE_WITHOUT_OWNER',
  DEBRIEF_OVERDUE = 'DEBRIEF_OVERDUE',
}
registerEnumType(AttentionReasonEnum, { name: 'AttentionReason', description: 'Why a case is in "needs attention".' });

@ObjectType('Issue')
export class IssueModel {
  @Field(() => ID) id!: string;
  @Field() label!: string;
  @Field(() => String, { nullable: true }) description?: string | null;
  @Field(() => IssueStatusEnum, { description: 'From the statechart.' }) status!: IssueStatusEnum;
}

@ObjectType('Attendance')
export class AttendanceModel {
  @Field(() => ID) participantId!: string;
  @Field() name!: string;
  @Field() attended!: boolean;
  @Field() authorityToSettle!: boolean;
}

@ObjectType('MediationSession')
export class MediationSessionModel {
  @Field(() => ID) id!: string;
  @Field() startsAt!: Date;
  @Field(() => SessionFormatEnum) format!: SessionFormatEnum;
  @Field(() => SessionProcessEnum, {
    description: 'The process the session belongs to: a settlement conference or evaluation when scheduled while the case was in one, else a mediation.',
  })
  process!: SessionProcessEnum;
  @Field(() => SessionOutcomeEnum, { nullable: true }) outcome?: SessionOutcomeEnum | null;
  @Field(() => [AttendanceModel]) attendance!: AttendanceModel[];
}

@ObjectType('Deadline')
export class DeadlineModel {
  @Field(() => ID) id!: string;
  @Field(() => DeadlineKindEnum) kind!: DeadlineKindEnum;
  @Field() title!: string;
  @Field() dueAt!: Date;
  @Field(() => DeadlineSourceEnum) source!: DeadlineSourceEnum;
  @Field(() => ID, { nullable: true }) ownerParticipantId?: string | null;
  @Field(() => String, { nullable: true }) ownerName?: string | null;
  @Field(() => Date, { nullable: true }) doneAt?: Date | null;
}

@ObjectType('Signature')
export class SignatureModel {
  @Field(() => ID) sideId!: string;
  @Field(() => ID, { description: 'The party bound (a participant id).' }) partyId!: string;
  @Field({ description: 'The party bound, by name.' }) partyName!: string;
  @Field(() => ID, { description: 'Who signed: the party, or their counsel where the program allows it.' }) signerId!: string;
  @Field() signerName!: string;
}

@ObjectType('AgreementSignatory', { description: 'A party who must sign the agreement and has not signed its current text.' })
export class AgreementSignatoryModel {
  @Field(() => ID, { description: 'Their participant id.' }) participantId!: string;
  @Field() name!: string;
  @Field(() => ID) sideId!: string;
}

@ObjectType('AgreementTerm')
export class AgreementTermModel {
  @Field(() => ID) issueId!: string;
  @Field() issueLabel!: string;
  @Field(() => String, { nullable: true, description: 'The issue\'s description, part of the text signed.' }) issueDescription?: string | null;
  @Field(() => String, { nullable: true }) terms?: string | null;
}

export enum SigningRuleEnum {
  PARTIES = 'PARTIES',
  PARTIES_OR_COUNSEL = 'PARTIES_OR_COUNSEL',
}
registerEnumType(SigningRuleEnum, {
  name: 'SigningRule',
  description: "Who signs a written agreement, the program's rule: every party in person, or a party or their counsel.",
});

@ObjectType('Agreement', { description: 'A written agreement; BINDING only once every party of every active side signed its current text.' })
export class AgreementModel {
  @Field(() => ID) id!: string;
  @Field(() => AgreementStatusEnum) status!: AgreementStatusEnum;
  @Field({ description: 'False for DRAFT and SUBJECT_TO_FORMAL_DOCUMENTS: show it loudly.' }) binding!: boolean;
  @Field(() => [AgreementTermModel], { description: 'The text: each covered issue with its terms, in order.' }) terms!: AgreementTermModel[];
  @Field(() => String, {
    nullable: true,
    description: 'SHA-256 (hex) over the canonical JSON of the text: what a signature binds (signAgreement takes it). Null until recorded.',
  })
  digest!: string | null;
  @Field(() => [ID], { description: 'Covered issues without written terms: nobody can sign until each has them.' }) missingTerms!: string[];
  @Field(() => [SignatureModel], { description: 'Signatures of the current text (a signature of an older text is void and not listed).' })
  signatures!: SignatureModel[];
  @Field(() => [AgreementSignatoryModel], { description: 'Parties who still have to sign the current text.' }) awaitingSignatures!: AgreementSignatoryModel[];
  @Field(() => [ID], { description: 'Active sides with no party on the case yet: the agreement cannot bind until one joins.' })
  sidesWithoutParty!: string[];
  @Field(() => [ID], { description: 'Sides whose signatures are still missing (or that have no party yet).' }) awaitingSides!: string[];
  @Field(() => SigningRuleEnum) signingRule!: SigningRuleEnum;
}

@ObjectType('Participant')
export class ParticipantModel {
  @Field(() => ID) id!: string;
  @Field() name!: string;
  @Field(() => CaseRoleEnum) role!: CaseRoleEnum;
  @Field(() => ID, { nullable: true }) sideId?: string | null;
}

@ObjectType('PageInfo')
export class PageInfoModel {
  @Field() hasNextPage!: boolean;
  @Field(() => String, { nullable: true }) endCursor?: string | null;
}

@ObjectType('CaseEdge')
export class CaseEdgeModel {
  @Field() cursor!: string;
  @Field(() => CaseModel) node!: CaseModel;
}

@ObjectType('CaseConnection')
export class CaseConnectionModel {
  @Field(() => [CaseEdgeModel]) edges!: CaseEdgeModel[];
  @Field(() => PageInfoModel) pageInfo!: PageInfoModel;
}

export enum TimelineBreakEnum {
  ROW_ALTERED = 'ROW_ALTERED',
  LINK_BROKEN = 'LINK_BROKEN',
  ROWS_MISSING = 'ROWS_MISSING',
  UNSEALED = 'UNSEALED',
  SEAL_MISMATCH = 'SEAL_MISMATCH',
  VERSION_MISMATCH = 'VERSION_MISMATCH',
}
registerEnumType(TimelineBreakEnum, {
  name: 'TimelineBreak',
  description: 'Why a timeline is not intact.',
  valuesMap: {
    ROW_ALTERED: { description: "A row's content no longer matches its hash." },
    LINK_BROKEN: { description: 'A row does not carry the hash of the row before it.' },
    ROWS_MISSING: { description: 'A row number is missing, or rows after the sealed head are gone.' },
    UNSEALED: { description: "The case's timeline head has no seal." },
    SEAL_MISMATCH: { description: 'The last row is not the sealed head, or the seal was not made with the audit key.' },
    VERSION_MISMATCH: { description: "The rows that moved the case do not account for the case's version." },
  },
});

@ObjectType('TimelineIntegrity', {
  description: "Whether the timeline is complete and untouched: every row matches its hash and link, and the last row is the case's sealed head.",
})
export class TimelineIntegrityModel {
  @Field() intact!: boolean;
  @Field(() => Int, { nullable: true, description: 'The first row that does not match, or the first missing row.' }) brokenAtSeq?: number | null;
  @Field(() => Int) rows!: number;
  @Field(() => TimelineBreakEnum, { nullable: true, description: 'Why the timeline is not intact; null when it is.' }) reason?: TimelineBreakEnum | null;
}

export enum SettlementEnum {
  FULL = 'FULL',
  PARTIAL = 'PARTIAL',
  NONE = 'NONE',
  PENDING = 'PENDING',
}
registerEnumType(SettlementEnum, { name: 'Settlement', description: 'Whether the mediation reached a settlement (UMA §7).' });

@ObjectType('CourtAttendance')
export class CourtAttendanceModel {
  @Field() participantName!: string;
  @Field(() => CaseRoleEnum) role!: CaseRoleEnum;
  @Field({ description: 'Attended at least one session that was held.' }) attended!: boolean;
}

@ObjectType('CourtReport', {
  description:
    'What UMA §7 lets a mediator report to a court, and all a program administrator sees of a case: whether mediation occurred or terminated, whether it settled, attendance. No notes, offers, stall reasons or terms.',
})
export class CourtReportModel {
  @Field() mediationOccurred!: boolean;
  @Field() terminated!: boolean;
  @Field(() => SettlementEnum) settlement!: SettlementEnum;
  @Field(() => Int) sessionsHeld!: number;
  @Field(() => [CourtAttendanceModel]) attendance!: CourtAttendanceModel[];
}
