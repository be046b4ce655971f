import { Field, Float, ID, InputType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { IsEnum, IsOptional, IsString, IsUUID, ValidateNested } from 'class-validator';
import { FitsNumeric, FitsText } from '../../common/limits.js';
import { HiddenIssueCategoryEnum, WorkspaceItemKindEnum } from '../workspace.model.js';

// Shapes and lengths are checked here; which fields a kind takes is checked in
// WorkspacesService. Messages name the field and never echo the value.

@InputType()
export class BatnaInput {
  @Field(() => String, { nullable: true }) @IsOptional() @FitsText('side_workspace_items.next_week') nextWeek?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @FitsText('side_workspace_items.three_months') threeMonths?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @FitsText('side_workspace_items.cost_to_decision') costToDecision?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @FitsText('side_workspace_items.who_decides') whoDecides?: string | null;
  @Field(() => Float, { nullable: true, description: '0 to 1.' })
  @IsOptional()
  @FitsNumeric('side_workspace_items.probability')
  probability?: number | null;
  @Field(() => Float, { nullable: true }) @IsOptional() @FitsNumeric('side_workspace_items.range_low') rangeLow?: number | null;
  @Field(() => Float, { nullable: true }) @IsOptional() @FitsNumeric('side_workspace_items.range_high') rangeHigh?: number | null;
}

@InputType()
export class WorkspaceItemFields {
  @Field(() => String, { nullable: true }) @IsOptional() @FitsText('side_workspace_items.body') body?: string | null;
  @Field(() => Float, { nullable: true })
  @IsOptional()
  @FitsNumeric('side_workspace_items.amount')
  amount?: number | null;
  @Field(() => String, { nullable: true, description: 'ISO 4217, e.g. USD.' })
  @IsOptional()
  @FitsText('side_workspace_items.currency', { message: 'currency: must be a three-letter ISO 4217 code such as USD' })
  currency?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @FitsText('side_workspace_items.non_money_terms') nonMoneyTerms?: string | null;
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
  @Field() @FitsText('mediator_notes.body') body!: string;
  @Field(() => ID, { nullable: true, description: 'The side whose caucus this note records.' })
  @IsOptional()
  @IsUUID('all', { message: 'caucusSideId must be an id' })
  caucusSideId?: string | null;
}

@InputType()
export class UpdateMediatorNoteInput {
  @Field(() => String, { nullable: true }) @IsOptional() @FitsText('mediator_notes.body') body?: string | null;
  @Field(() => ID, { nullable: true, description: 'Send null to unlink it from a caucus.' })
  @IsOptional()
  @IsUUID('all', { message: 'caucusSideId must be an id' })
  caucusSideId?: string | null;
}
