import { Field, ID, ObjectType, registerEnumType } from '@nestjs/graphql';

export enum OrgRoleEnum {
  ORG_ADMIN = 'ORG_ADMIN',
  MEDIATOR = 'MEDIATOR',
  PROGRAM_ADMIN = 'PROGRAM_ADMIN',
  MEMBER = 'MEMBER',
}
registerEnumType(OrgRoleEnum, {
  name: 'OrgRole',
  description: 'What a person does in the organisation; case roles come from participation in a case instead.',
});

@ObjectType('User', { description: 'An account of the viewer’s organisation, as its admins see it.' })
export class UserModel {
  @Field(() => ID) id!: string;
  @Field() email!: string;
  @Field() displayName!: string;
  @Field(() => OrgRoleEnum) orgRole!: OrgRoleEnum;
  @Field() createdAt!: Date;
}
