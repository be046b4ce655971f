import { Field, InputType } from '@nestjs/graphql';
import { IsEnum, IsString } from 'class-validator';
import { OrgRoleEnum } from '../user.model.js';

/** Checked field by field in the service (accounts.ts), which names the field in BAD_USER_INPUT. */
@InputType()
export class CreateUserInput {
  @Field()
  @IsString()
  email!: string;

  @Field()
  @IsString()
  displayName!: string;

  @Field(() => OrgRoleEnum)
  @IsEnum(OrgRoleEnum)
  orgRole!: OrgRoleEnum;

  @Field({ description: 'The initial password (at least 10 characters); give it to the person, who signs in with it.' })
  @IsString()
  password!: string;
}
