import { Field, ID, InputType } from '@nestjs/graphql';
import { IsBoolean, IsEnum, IsOptional, IsString, IsUUID, Length } from 'class-validator';
import { DisputeTypeEnum } from '../case.model.js';

@InputType({ description: 'Every field narrows the list; leave a field out to not filter on it.' })
export class CaseFilterInput {
  @Field({ nullable: true, description: 'A resolution state or stage, e.g. "impasse" or "mediation" (matches mediation.*).' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  resolution?: string;

  @Field({ nullable: true, description: 'A litigation state, e.g. "discovery".' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  litigation?: string;

  @Field(() => [DisputeTypeEnum], { nullable: true })
  @IsOptional()
  @IsEnum(DisputeTypeEnum, { each: true })
  disputeTypes?: DisputeTypeEnum[];

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID('all', { message: 'programId must be an id' })
  programId?: string;

  @Field({ nullable: true, description: 'true: only cases that need attention; false: only those that do not.' })
  @IsOptional()
  @IsBoolean()
  needsAttention?: boolean;
}
