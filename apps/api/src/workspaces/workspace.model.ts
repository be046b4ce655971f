import { Field, Float, ID, ObjectType, registerEnumType } from '@nestjs/graphql';

export enum WorkspaceItemKindEnum {
  NOTE = 'NOTE',
  BEST_OFFER = 'BEST_OFFER',
  DEALBREAKER = 'DEALBREAKER',
  HIDDEN_ISSUE = 'HIDDEN_ISSUE',
  BATNA = 'BATNA',
  DRAFT = 'DRAFT',
  /** Information the side still needs before it can settle (debrief). */
  MISSING_INFORMATION = 'MISSING_INFORMATION',
  /** Words in the session that signalled flexibility (debrief). */
  FLEXIBILITY_SIGNAL = 'FLEXIBILITY_SIGNAL',
}
registerEnumType(WorkspaceItemKindEnum, { name: 'WorkspaceItemKind' });

export enum HiddenIssueCategoryEnum {
  EGO = 'EGO',
  FEAR = 'FEAR',
  REPUTATION = 'REPUTATION',
  CASH_FLOW = 'CASH_FLOW',
  CONTROL = 'CONTROL',
}
registerEnumType(HiddenIssueCategoryEnum, { name: 'HiddenIssueCategory' });

@ObjectType('Batna', { description: 'The BATNA sheet: what happens without an agreement.' })
export class BatnaModel {
  @Field(() => String, { nullable: true, description: 'What happens next week without a deal.' }) nextWeek?: string | null;
  @Field(() => String, { nullable: true, description: 'What happens in three months.' }) threeMonths?: string | null;
  @Field(() => String, { nullable: true, description: 'What it costs to get to a decision.' }) costToDecision?: string | null;
  @Field(() => String, { nullable: true }) whoDecides?: string | null;
  @Field(() => Float, { nullable: true, description: 'Chance of winning, 0 to 1.' }) probability?: number | null;
  @Field(() => Float, { nullable: true }) rangeLow?: number | null;
  @Field(() => Float, { nullable: true }) rangeHigh?: number | null;
}

@ObjectType('WorkspaceItem', { description: "One item of a side's private workspace. Visible to that side only (and the mediator once shared)." })
export class WorkspaceItemModel {
  @Field(() => ID) id!: string;
  @Field(() => ID) sideId!: string;
  @Field(() => WorkspaceItemKindEnum) kind!: WorkspaceItemKindEnum;
  @Field(() => String, { nullable: true, description: 'The text of a note, dealbreaker, hidden issue or draft.' }) body?: string | null;
  @Field(() => Float, { nullable: true, description: 'BEST_OFFER: the amount.' }) amount?: number | null;
  @Field(() => String, { nullable: true, description: 'BEST_OFFER: ISO 4217 currency code.' }) currency?: string | null;
  @Field(() => String, { nullable: true, description: 'BEST_OFFER: terms other than money.' }) nonMoneyTerms?: string | null;
  @Field(() => HiddenIssueCategoryEnum, { nullable: true, description: 'HIDDEN_ISSUE: what drives it.' }) category?: HiddenIssueCategoryEnum | null;
  @Field(() => BatnaModel, { nullable: true, description: 'BATNA: the sheet.' }) batna?: BatnaModel | null;
  @Field({ description: 'The side shared this item with the mediator.' }) sharedWithMediator!: boolean;
  @Field(() => String, { nullable: true }) createdByName?: string | null;
  @Field() createdAt!: Date;
  @Field() updatedAt!: Date;
}

@ObjectType('WorkspaceReader', { description: 'A person who can read a side workspace.' })
export class WorkspaceReaderModel {
  @Field(() => ID, { description: 'Their participant id on the case.' }) participantId!: string;
  @Field() name!: string;
  @Field(() => String, { description: 'COUNSEL or PARTY of this side.' }) role!: string;
}

@ObjectType('SideWorkspace', { description: "Your side's private workspace. Visible to: your side only." })
export class SideWorkspaceModel {
  @Field(() => ID) sideId!: string;
  @Field() sideLabel!: string;
  @Field(() => [WorkspaceReaderModel], {
    description: "Everyone who can read this workspace now: the side's counsel and parties. The mediator reads only the items the side shares.",
  })
  visibleTo!: WorkspaceReaderModel[];
  @Field(() => [WorkspaceItemModel]) items!: WorkspaceItemModel[];
}

@ObjectType('MediatorNote', { description: "The mediator's private note. Visible to: its author only." })
export class MediatorNoteModel {
  @Field(() => ID) id!: string;
  @Field() body!: string;
  @Field(() => ID, { nullable: true, description: 'The side whose caucus this note records, if any.' }) caucusSideId?: string | null;
  @Field() createdAt!: Date;
  @Field() updatedAt!: Date;
}
