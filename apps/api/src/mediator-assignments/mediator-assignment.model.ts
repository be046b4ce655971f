import { Field, ID, ObjectType, registerEnumType } from '@nestjs/graphql';

export enum MediatorAssignmentStatusEnum {
  /** Reserved for a proposal whose disclosure has not been put before the sides; not written today. */
  PROPOSED = 'PROPOSED',
  DISCLOSED = 'DISCLOSED',
  ACCEPTED = 'ACCEPTED',
  WITHDRAWN = 'WITHDRAWN',
}
registerEnumType(MediatorAssignmentStatusEnum, {
  name: 'MediatorAssignmentStatus',
  description:
    'DISCLOSED: the conflict inquiry found something; every active side must acknowledge it. ACCEPTED: the mediator is on the case. WITHDRAWN: replaced by a later proposal.',
});

export enum ConflictFindingKindEnum {
  PERSON = 'PERSON',
  SIDE = 'SIDE',
}
registerEnumType(ConflictFindingKindEnum, {
  name: 'ConflictFindingKind',
  description: 'PERSON: someone on a side of this case was on another case with the mediator. SIDE: a side of this case was a side in another case of the mediator.',
});

@ObjectType('ConflictFinding', { description: "One hit of the conflict inquiry, as the disclosure says it (never another case's caption, id or content)." })
export class ConflictFindingModel {
  @Field(() => ConflictFindingKindEnum) kind!: ConflictFindingKindEnum;
  @Field() sentence!: string;
}

@ObjectType('MediatorAssignment', { description: 'A proposed or assigned mediator and the conflict disclosure (UMA §9).' })
export class MediatorAssignmentModel {
  @Field(() => ID) id!: string;
  @Field() mediatorName!: string;
  @Field(() => MediatorAssignmentStatusEnum) status!: MediatorAssignmentStatusEnum;
  @Field(() => [ConflictFindingModel]) findings!: ConflictFindingModel[];
  @Field(() => [ID], { description: 'Sides that acknowledged the disclosure.' }) acknowledgedSideIds!: string[];
  @Field(() => [ID], { description: 'Active sides whose acknowledgement is still needed (empty once accepted).' }) awaitingSideIds!: string[];
  @Field() proposedAt!: Date;
  @Field(() => Date, { nullable: true }) acceptedAt?: Date | null;
}

@ObjectType('MediatorSummary', { description: 'A mediator of your organisation who can be proposed for a case: no e-mail, no cases.' })
export class MediatorSummaryModel {
  @Field(() => ID) id!: string;
  @Field() displayName!: string;
}
