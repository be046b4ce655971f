import { Field, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import { LocalDateScalar } from '../common/date-scalars.js';
import { CaseRoleEnum, SessionProcessEnum } from './case.model.js';


export enum CourtReportStatusEnum {
  DUE = 'DUE',
  FILED = 'FILED',
}
registerEnumType(CourtReportStatusEnum, { name: 'CourtReportStatus', description: 'DUE until the mediator files it; FILED for good.' });

export enum ReportSettlementEnum {
  FULL = 'FULL',
  PARTIAL = 'PARTIAL',
  NONE = 'NONE',
}
registerEnumType(ReportSettlementEnum, { name: 'ReportSettlement', description: 'Whether the session reached a settlement, in full, in part or not (UMA §7).' });

@ObjectType('ReportAttendance')
export class ReportAttendanceModel {
  @Field() name!: string;
  @Field(() => CaseRoleEnum) role!: CaseRoleEnum;
  @Field() attended!: boolean;
}

@ObjectType('CourtReportContent', {
  description:
    "What a report to the court says (UMA §7): the case's docket facts, the session's process and day, whether it occurred or terminated, whether it settled, and attendance. Nothing else: no notes, offers, stall reasons or terms.",
})
export class CourtReportContentModel {
  @Field() caption!: string;
  @Field(() => String, { nullable: true }) docketNumber!: string | null;
  @Field(() => String, { nullable: true, description: "The court program's name; null for a case outside a program." }) programName!: string | null;
  @Field(() => SessionProcessEnum) process!: SessionProcessEnum;
  @Field(() => LocalDateScalar, { description: "The session's day in the court's time zone." }) sessionOn!: string;
  @Field({ description: 'A session was held.' }) occurred!: boolean;
  @Field({ description: 'The session ended (held, or not held): always true, a report is due only then.' }) terminated!: boolean;
  @Field(() => ReportSettlementEnum) settlement!: ReportSettlementEnum;
  @Field(() => [ReportAttendanceModel], { description: 'Who was recorded as attending the session, or not.' }) attendance!: ReportAttendanceModel[];
  @Field(() => String, { nullable: true, description: 'The mediator who reports.' }) mediatorName!: string | null;
}

@ObjectType('CourtReportFiling', {
  description:
    'The report to the court of one ended session of a court-ordered case: due 10 calendar days after the session at 17:00 in the court’s time zone, filed once by the case’s mediator, then never changed.',
})
export class CourtReportFilingModel {
  @Field(() => ID) id!: string;
  @Field(() => SessionProcessEnum) process!: SessionProcessEnum;
  @Field(() => LocalDateScalar, { description: "The session's day in the court's time zone." }) sessionOn!: string;
  @Field() dueAt!: Date;
  @Field(() => ID, {
    nullable: true,
    description: 'The MEDIATOR_REPORT deadline it answers (done once filed); null for a viewer who does not read the deadlines (a program administrator).',
  })
  deadlineId!: string | null;
  @Field(() => CourtReportStatusEnum) status!: CourtReportStatusEnum;
  @Field(() => Date, { nullable: true }) filedAt!: Date | null;
  @Field(() => LocalDateScalar, { nullable: true, description: "The filing's day in the court's time zone." }) filedOn!: string | null;
  @Field(() => String, { nullable: true }) filedByName!: string | null;
  @Field({ description: "The court's time zone (the program's)." }) timeZone!: string;
  @Field(() => CourtReportContentModel, {
    description: 'Filed: exactly what was filed, whatever changed since. Due: what it would say if filed now (for the mediator to review).',
  })
  content!: CourtReportContentModel;
}
