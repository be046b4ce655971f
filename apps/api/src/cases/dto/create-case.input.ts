import { Field, InputType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsBoolean, IsEnum, IsISO8601, IsOptional, IsString, IsUUID, Length, ValidateNested } from 'class-validator';
import { Field as GqlField, ID } from '@nestjs/graphql';
import { DisputeTypeEnum, ReferralSourceEnum, SideRoleEnum } from '../case.model.js';

@InputType()
export class SideInput {
  @Field()
  @IsString()
  @Length(1, 200, { message: 'side label must be between 1 and 200 characters' })
  label!: string;

  @Field(() => SideRoleEnum)
  @IsEnum(SideRoleEnum)
  role!: SideRoleEnum;
}

@InputType()
export class IssueInput {
  @Field()
  @IsString()
  @Length(1, 200, { message: 'issue label must be between 1 and 200 characters' })
  label!: string;

  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @Length(0, 2000, { message: 'issue description must be at most 2000 characters' })
  description?: string;
}

@InputType()
export class CreateCaseInput {
  @Field()
  @IsString()
  @Length(1, 300, { message: 'caption must be between 1 and 300 characters' })
  caption!: string;

  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @Length(1, 100, { message: 'docketNumber must be between 1 and 100 characters' })
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

  @Field({ nullable: true, description: 'YYYY-MM-DD' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'referralDate must be a date written YYYY-MM-DD' })
  @Length(10, 10, { message: 'referralDate must be a date written YYYY-MM-DD' })
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
