import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { EVENTS } from '@impasse/case-machine';

export const DISPUTE_TYPES = [
  'FAMILY',
  'PERSONAL_INJURY',
  'CONTRACT',
  'EMPLOYMENT',
  'REAL_PROPERTY',
  'PROBATE_ESTATE',
  'BUSINESS',
  'OTHER_CIVIL',
] as const;
export type DisputeType = (typeof DISPUTE_TYPES)[number];
export enum DisputeTypeEnum {
  FAMILY = 'FAMILY',
  PERSONAL_INJURY = 'PERSONAL_INJURY',
  CONTRACT = 'CONTRACT',
  EMPLOYMENT = 'EMPLOYMENT',
  REAL_PROPERTY = 'REAL_PROPERTY',
  PROBATE_ESTATE = 'PROBATE_ESTATE',
  BUSINESS = 'BUSINESS',
  OTHER_CIVIL = 'OTHER_CIVIL',
}
registerEnumType(DisputeTypeEnum, { name: 'DisputeType' });

export enum SideRoleEnum {
  CLAIMANT = 'CLAIMANT',
  RESPONDENT = 'RESPONDENT',
  PETITIONER = 'PETITIONER',
  PLAINTIFF = 'PLAINTIFF',
  DEFENDANT = 'DEFENDANT',
  INSURER = 'INSURER',
  INTERVENOR = 'INTERVENOR',
  OTHER = 'OTHER',
}
registerEnumType(SideRoleEnum, { name: 'SideRole' });

/** The machine's event names, as a GraphQL enum generated from the package's constants. */
export const CaseEventTypeEnum = Object.fromEntries(Object.values(EVENTS).map((type) => [type, type])) as Record<
  string,
  string
>;
registerEnumType(CaseEventTypeEnum, { name: 'CaseEventType', description: 'An event the case statechart accepts.' });

export enum CaseRoleEnum {
  MEDIATOR = 'MEDIATOR',
  COUNSEL = 'COUNSEL',
  PARTY = 'PARTY',
  PROGRAM_ADMIN = 'PROGRAM_ADMIN',
}
registerEnumType(CaseRoleEnum, { name: 'CaseRole' });

@ObjectType('CaseState', { description: 'The current state of each region of the case statechart.' })
export class CaseStateModel {
  @Field({ description: 'How the dispute is being resolved, e.g. "mediation.scheduled".' }) resolution!: string;
  @Field({ description: 'The court track, e.g. "discovery".' }) litigation!: string;
  @Field({ description: 'True once the case has reached a final outcome.' }) done!: boolean;
}

@ObjectType('Side')
export class SideModel {
  @Field(() => ID) id!: string;
  @Field() label!: string;
  @Field(() => SideRoleEnum) role!: SideRoleEnum;
}

@ObjectType('MyCaseRole')
export class MyCaseRoleModel {
  @Field(() => CaseRoleEnum) role!: CaseRoleEnum;
  @Field(() => ID, { nullable: true }) sideId?: string | null;
}

@ObjectType('TimelineEntry', { description: 'One transition on the append-only timeline.' })
export class TimelineEntryModel {
  @Field(() => ID) id!: string;
  @Field(() => Int) seq!: number;
  @Field() type!: string;
  @Field(() => String, { nullable: true }) actorName?: string | null;
  @Field(() => CaseStateModel, { nullable: true }) fromState?: CaseStateModel | null;
  @Field(() => CaseStateModel) toState!: CaseStateModel;
  @Field({ description: 'A short, non-confidential summary of what the event carried.' }) summary!: string;
  @Field() at!: Date;
}

@ObjectType('Case')
export class CaseModel {
  @Field(() => ID) id!: string;
  @Field() caption!: string;
  @Field(() => String, { nullable: true }) docketNumber?: string | null;
  @Field(() => DisputeTypeEnum) disputeType!: DisputeTypeEnum;
  @Field() courtOrdered!: boolean;
  @Field(() => CaseStateModel) state!: CaseStateModel;
  @Field(() => Int, { description: 'Pass it back as expectedVersion when you transition the case.' })
  version!: number;
  @Field() updatedAt!: Date;
  @Field(() => [SideModel]) sides!: SideModel[];
  @Field(() => [MyCaseRoleModel], { description: 'Your roles in this case.' }) myRoles!: MyCaseRoleModel[];
}
