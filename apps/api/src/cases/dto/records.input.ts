import { Field, ID, InputType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsBoolean, IsDate, IsEnum, IsOptional, IsString, IsUUID, ValidateNested } from 'class-validator';
import { FitsText } from '../../common/limits.js';
import { DeadlineKindEnum, DeadlineSourceEnum, SessionFormatEnum } from '../case.model.js';

@InputType()
export class UpdateIssueInput {
  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @FitsText('issues.label')
  label?: string;

  @Field(() => String, { nullable: true, description: 'Send an empty string to clear it.' })
  @IsOptional()
  @IsString()
  @FitsText('issues.description')
  description?: string;
}

@InputType()
export class SessionInput {
  @Field({ description: 'When the session starts (an ISO 8601 date-time with its offset).' })
  @Type(() => Date)
  @IsDate({ message: 'startsAt must be a date-time' })
  startsAt!: Date;

  @Field(() => SessionFormatEnum)
  @IsEnum(SessionFormatEnum)
  format!: SessionFormatEnum;
}

@InputType()
export class UpdateSessionInput {
  @Field({ nullable: true })
  @IsOptional()
  @Type(() => Date)
  @IsDate({ message: 'startsAt must be a date-time' })
  startsAt?: Date;

  @Field(() => SessionFormatEnum, { nullable: true })
  @IsOptional()
  @IsEnum(SessionFormatEnum)
  format?: SessionFormatEnum;
}

@InputType()
export class AttendanceInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'participantId must be an id' })
  participantId!: string;

  @Field()
  @IsBoolean()
  attended!: boolean;

  @Field({ defaultValue: false, description: 'This person could settle on the spot (or the decision-maker was present).' })
  @IsBoolean()
  authorityToSettle!: boolean;
}

@InputType()
export class RecordAttendanceInput {
  @Field(() => [AttendanceInput])
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => AttendanceInput)
  attendance!: AttendanceInput[];
}

@InputType()
export class DeadlineInput {
  @Field(() => DeadlineKindEnum)
  @IsEnum(DeadlineKindEnum)
  kind!: DeadlineKindEnum;

  @Field()
  @IsString()
  @FitsText('deadlines.title')
  title!: string;

  @Field({ description: 'When it is due (an ISO 8601 date-time with its offset).' })
  @Type(() => Date)
  @IsDate({ message: 'dueAt must be a date-time' })
  dueAt!: Date;

  @Field(() => DeadlineSourceEnum)
  @IsEnum(DeadlineSourceEnum)
  source!: DeadlineSourceEnum;

  @Field(() => ID, { nullable: true, description: 'The participant who owns it.' })
  @IsOptional()
  @IsUUID('all', { message: 'ownerParticipantId must be an id' })
  ownerParticipantId?: string;
}

@InputType()
export class UpdateDeadlineInput {
  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @FitsText('deadlines.title')
  title?: string;

  @Field({ nullable: true })
  @IsOptional()
  @Type(() => Date)
  @IsDate({ message: 'dueAt must be a date-time' })
  dueAt?: Date;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID('all', { message: 'ownerParticipantId must be an id' })
  ownerParticipantId?: string;

  @Field({ nullable: true, description: 'true marks it done; false reopens it.' })
  @IsOptional()
  @IsBoolean()
  done?: boolean;
}

@InputType()
export class AgreementTermsInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'issueId must be an id' })
  issueId!: string;

  @Field()
  @IsString()
  @FitsText('agreement_terms.terms')
  terms!: string;
}
