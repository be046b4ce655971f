import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { PATHS, PLAYBOOK_ITEM_KINDS } from '@impasse/next-steps';
import { CaseEventTypeEnum } from './case.model.js';

/** The paths out of impasse, as `@impasse/next-steps` names them. */
export const NextPathEnum = Object.fromEntries(PATHS.map((path) => [path, path])) as Record<string, string>;
registerEnumType(NextPathEnum, { name: 'NextPath', description: 'A way out of impasse (the post-impasse toolkit).' });

@ObjectType('Debrief', {
  description: 'Opened when a session ends in partial or no agreement; due 48 hours after the session. Case-shared facts only.',
})
export class DebriefModel {
  @Field() openedAt!: Date;
  @Field() dueAt!: Date;
  @Field(() => Date, { nullable: true }) completedAt?: Date | null;
  @Field({ description: 'Still open after its due time.' }) overdue!: boolean;
  @Field(() => [String], {
    description:
      'What is still missing, in words: stall reasons, remedies of fixable ones, the outreach owner and touchpoint. A side sees its own best offer and BATNA in its workspace only.',
  })
  missing!: string[];
}

@ObjectType('PathEvent', { description: 'The statechart event a path sends, with its payload.' })
export class PathEventModel {
  @Field(() => CaseEventTypeEnum) type!: string;
  @Field(() => String, { nullable: true, description: 'REMEDIATE: SAME or NEW.' }) mediator?: string | null;
  @Field(() => Boolean, { nullable: true, description: 'START_ARBITRATION: binding or not.' }) binding?: boolean | null;
}

@ObjectType('RecommendedPath')
export class RecommendedPathModel {
  @Field(() => Int, { description: '1 for the best path.' }) rank!: number;
  @Field(() => NextPathEnum) path!: string;
  @Field() label!: string;
  @Field(() => Int) score!: number;
  @Field(() => PathEventModel) event!: PathEventModel;
  @Field(() => [String], { description: 'Why it ranks here, one sentence per rule that moved it.' }) reasons!: string[];
  @Field(() => [String]) ruleIds!: string[];
}

@ObjectType('ExcludedPath')
export class ExcludedPathModel {
  @Field(() => NextPathEnum) path!: string;
  @Field() label!: string;
  @Field(() => PathEventModel) event!: PathEventModel;
  @Field(() => [String]) reasons!: string[];
  @Field(() => [String], { description: 'Rule ids, and "statechart" when the case does not allow the path now.' }) excludedBy!: string[];
}

@ObjectType('Recommendations', { description: 'Ranked next paths out of impasse, each with the reasons behind it.' })
export class RecommendationsModel {
  @Field(() => [RecommendedPathModel]) recommended!: RecommendedPathModel[];
  @Field(() => [ExcludedPathModel]) excluded!: ExcludedPathModel[];
  @Field(() => [String]) firedRules!: string[];
}

export const PlaybookItemKindEnum = Object.fromEntries(PLAYBOOK_ITEM_KINDS.map((kind) => [kind, kind])) as Record<string, string>;
registerEnumType(PlaybookItemKindEnum, {
  name: 'PlaybookItemKind',
  description: "PROCESS: the neutral process checklist, case-shared. STRATEGY: a side's litigation or negotiation strategy, that side's only.",
});

@ObjectType('PlaybookItem')
export class PlaybookItemModel {
  @Field({ description: 'Stable id; pass it to setPlaybookItemDone.' }) id!: string;
  @Field() label!: string;
  @Field(() => PlaybookItemKindEnum) kind!: string;
  @Field() done!: boolean;
  @Field(() => Date, { nullable: true }) doneAt?: Date | null;
}

@ObjectType('Playbook', { description: 'The process checklist for the case’s dispute type and path, with progress (case-shared).' })
export class PlaybookModel {
  @Field(() => NextPathEnum, { description: 'The top recommendation in impasse, else the path the case is on.' }) path!: string;
  @Field(() => [PlaybookItemModel]) items!: PlaybookItemModel[];
  @Field(() => Int) done!: number;
  @Field(() => Int) total!: number;
}

@ObjectType('SideStrategy', { description: "One side's strategy checklist for the case's path, with that side's progress (side-private)." })
export class SideStrategyModel {
  @Field(() => ID) sideId!: string;
  @Field(() => NextPathEnum) path!: string;
  @Field(() => [PlaybookItemModel]) items!: PlaybookItemModel[];
  @Field(() => Int) done!: number;
  @Field(() => Int) total!: number;
}
