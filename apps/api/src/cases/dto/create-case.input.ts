import { Field, InputType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsBoolean, IsEnum, IsOptional, IsString, Length, ValidateNested } from 'class-validator';
import { DisputeTypeEnum, SideRoleEnum } from '../case.model.js';

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

  @Field(() => [SideInput])
  @ArrayMinSize(2, { message: 'sides: a case needs at least two sides' })
  @ArrayMaxSize(20, { message: 'sides: a case may have at most 20 sides' })
  @ValidateNested({ each: true })
  @Type(() => SideInput)
  sides!: SideInput[];
}
