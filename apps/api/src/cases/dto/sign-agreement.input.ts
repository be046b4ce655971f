import { Field, ID, InputType } from '@nestjs/graphql';
import { IsOptional, IsString, IsUUID, Length, Matches } from 'class-validator';

@InputType({ description: 'A signature of the pending written agreement: the text read, and the password again.' })
export class SignAgreementInput {
  @Field({ description: 'Agreement.digest of the text you read: a text changed since is refused.' })
  @IsString()
  @Matches(/^[0-9a-f]{64}$/, { message: 'digest must be the agreement’s digest (64 hexadecimal characters)' })
  digest!: string;

  @Field({ description: 'Your sign-in password, typed again: a signature binds you.' })
  @IsString()
  @Length(1, 200, { message: 'password: type the password you sign in with' })
  password!: string;

  @Field(() => ID, {
    nullable: true,
    description: 'Counsel only, where the program allows it: the participant id of the party of your side you sign for.',
  })
  @IsOptional()
  @IsUUID('all', { message: 'forPartyId must be a participant id' })
  forPartyId?: string;
}
