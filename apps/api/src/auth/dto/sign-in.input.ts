import { Field, InputType } from '@nestjs/graphql';
import { IsEmail, IsString, Length } from 'class-validator';

@InputType()
export class SignInInput {
  @Field()
  @IsEmail({}, { message: 'email must be an e-mail address' })
  @Length(3, 254)
  email!: string;

  @Field()
  @IsString()
  @Length(1, 200, { message: 'password must be between 1 and 200 characters' })
  password!: string;
}
