import { Field, InputType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsBoolean, IsEnum, IsOptional, IsString, IsUUID, ValidateNested } from 'class-validator';
import { FitsText } from '../../common/limits.js';
import { LocalDateScalar } from '../../common/date-scalars.js';
import { Field as GqlField, ID } from '@nestjs/graphql';
import { DisputeTypeEnum, ReferralSourceEnum, SideRoleEnum } from '../case.model.js';

@InputType()
export class SideInput {
  @Field()
  @IsString()
  @FitsText('sides.label')
  label!: string;

  @Field(() => SideRoleEnum)
  @IsEnum(SideRoleEnum)
  role!: SideRoleEnum;
}

@InputType()
export class IssueInput {
  @Field()
  @IsString()
  @FitsText('issues.label')
  label!: string;

  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @FitsText('issues.description')
  description?: string;
}

@InputType()
export class CreateCaseInput {
  @Field()
  @IsString()
  @FitsText('cases.caption')
  caption!: string;

  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @FitsText('cases.docket_number')
  docketNumber?: string;

  @Field(() => DisputeTypeEnum)
  @IsEnum(DisputeTypeEnum)
  disputeType!: DisputeTypeEnum;

  @Field({ defaultValue: false })
  @IsBoolean()
  courtOrdered!: boolean;

  @Field({ defaultValue: false, description: 'A contract clause sends the dispute to arbitration.' })
  @IsBoolean()
  arbitrationClause!: boolean;

  @GqlField(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID('all', { message: 'programId must be an id' })
  programId?: string;

  @Field(() => ReferralSourceEnum, { nullable: true })
  @IsOptional()
  @IsEnum(ReferralSourceEnum)
  referralSource?: ReferralSourceEnum;

  // The scalar refuses a date not on the calendar before the resolver runs.
  @Field(() => LocalDateScalar, { nullable: true })
  @IsOptional()
  @IsString()
  referralDate?: string;

  @Field(() => [IssueInput], { defaultValue: [] })
  @ArrayMaxSize(100, { message: 'issues: at most 100 issues' })
  @ValidateNested({ each: true })
  @Type(() => IssueInput)
  issues!: IssueInput[];

  @Field(() => [SideInput])
  @ArrayMinSize(2, { message: 'sides: a case needs at least two sides' })
  @ArrayMaxSize(20, { message: 'sides: a case may have at most 20 sides' })
  @ValidateNested({ each: true })
  @Type(() => SideInput)
  sides!: SideInput[];
}
