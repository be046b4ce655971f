import { Field, Float, ID, InputType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { IsEnum, IsNumber, IsOptional, IsString, IsUUID, Length, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { HiddenIssueCategoryEnum, WorkspaceItemKindEnum } from '../workspace.model.js';

// Shapes and lengths are checked here; which fields a kind takes is checked in
// WorkspacesService. Messages name the field and never echo the value.

@InputType()
export class BatnaInput {
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @MaxLength(2000) nextWeek?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @MaxLength(2000) threeMonths?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @MaxLength(2000) costToDecision?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @MaxLength(500) whoDecides?: string | null;
  @Field(() => Float, { nullable: true, description: '0 to 1.' })
  @IsOptional()
  @IsNumber({}, { message: 'batna.probability must be a number' })
  @Min(0, { message: 'batna.probability must be between 0 and 1' })
  @Max(1, { message: 'batna.probability must be between 0 and 1' })
  probability?: number | null;
  @Field(() => Float, { nullable: true }) @IsOptional() @IsNumber() rangeLow?: number | null;
  @Field(() => Float, { nullable: true }) @IsOptional() @IsNumber() rangeHigh?: number | null;
}

@InputType()
export class WorkspaceItemFields {
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @MaxLength(10000) body?: string | null;
  @Field(() => Float, { nullable: true })
  @IsOptional()
  @IsNumber({ maxDecimalPlaces: 2 }, { message: 'amount must be a number with at most 2 decimals' })
  @Min(0, { message: 'amount must not be negative' })
  @Max(99_999_999_999_999, { message: 'amount is too large' })
  amount?: number | null;
  @Field(() => String, { nullable: true, description: 'ISO 4217, e.g. USD.' })
  @IsOptional()
  @IsString()
  @Length(3, 3, { message: 'currency must be a three-letter ISO 4217 code' })
  currency?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @MaxLength(5000) nonMoneyTerms?: string | null;
  @Field(() => HiddenIssueCategoryEnum, { nullable: true }) @IsOptional() @IsEnum(HiddenIssueCategoryEnum) category?: HiddenIssueCategoryEnum | null;
  @Field(() => BatnaInput, { nullable: true }) @IsOptional() @ValidateNested() @Type(() => BatnaInput) batna?: BatnaInput | null;
}

@InputType()
export class WorkspaceItemInput extends WorkspaceItemFields {
  @Field(() => WorkspaceItemKindEnum) @IsEnum(WorkspaceItemKindEnum) kind!: WorkspaceItemKindEnum;
}

/** The fields to replace; the kind of an item never changes. Omitted fields stay as they are. */
@InputType()
export class UpdateWorkspaceItemInput extends WorkspaceItemFields {}

@InputType()
export class MediatorNoteInput {
  @Field() @IsString() @Length(1, 10000, { message: 'body must be between 1 and 10000 characters' }) body!: string;
  @Field(() => ID, { nullable: true, description: 'The side whose caucus this note records.' })
  @IsOptional()
  @IsUUID('all', { message: 'caucusSideId must be an id' })
  caucusSideId?: string | null;
}

@InputType()
export class UpdateMediatorNoteInput {
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @Length(1, 10000, { message: 'body must be between 1 and 10000 characters' }) body?: string | null;
  @Field(() => ID, { nullable: true, description: 'Send null to unlink it from a caucus.' })
  @IsOptional()
  @IsUUID('all', { message: 'caucusSideId must be an id' })
  caucusSideId?: string | null;
}
