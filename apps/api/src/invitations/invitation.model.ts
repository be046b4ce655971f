import { Field, ID, InputType, ObjectType, registerEnumType } from '@nestjs/graphql';
import { MailStatusEnum } from '../mail/mail.model.js';
import { IsEnum, IsString } from 'class-validator';

export enum InvitationRoleEnum {
  COUNSEL = 'COUNSEL',
  PARTY = 'PARTY',
}
registerEnumType(InvitationRoleEnum, { name: 'InvitationRole', description: 'The case role an invitation grants, on one side.' });

/** Checked field by field in the service, which names the field in BAD_USER_INPUT. */
@InputType()
export class InviteToCaseInput {
  @Field() @IsString() email!: string;
  @Field() @IsString() displayName!: string;
  @Field(() => InvitationRoleEnum) @IsEnum(InvitationRoleEnum) role!: InvitationRoleEnum;
  @Field(() => ID, { description: 'A side of the same case.' }) @IsString() sideId!: string;
}

@ObjectType('InvitationLink', { description: 'A single-use link; only the person who receives it can open it.' })
export class InvitationLinkModel {
  @Field({ description: 'The path to send, "/invite/<token>"; the token is shown once and stored only as a hash. The invitee is also sent it by e-mail.' })
  url!: string;
  @Field() expiresAt!: Date;
  @Field(() => ID, { description: 'The invitation (its mail and acceptance: caseInvitations).' }) invitationId!: string;
}

@ObjectType('Invitation', { description: 'What the holder of an invitation link may know before accepting it.' })
export class InvitationModel {
  @Field() caseCaption!: string;
  @Field() sideLabel!: string;
  @Field(() => InvitationRoleEnum) role!: InvitationRoleEnum;
  @Field() email!: string;
  @Field() displayName!: string;
  @Field() expiresAt!: Date;
  @Field() expired!: boolean;
  @Field() used!: boolean;
}

@ObjectType('AcceptInvitationPayload')
export class AcceptInvitationPayload {
  @Field(() => ID, { description: 'The case to open.' }) caseId!: string;
  @Field(() => String, { nullable: true, description: 'Bearer token of the new session; null when already signed in as the invited account.' })
  token!: string | null;
  @Field(() => Date, { nullable: true }) expiresAt!: Date | null;
}

@ObjectType('CaseInvitation', { description: "An invitation to a case, as the case's mediator and program administrator follow it." })
export class CaseInvitationModel {
  @Field(() => ID) id!: string;
  @Field() email!: string;
  @Field() displayName!: string;
  @Field(() => InvitationRoleEnum) role!: InvitationRoleEnum;
  @Field(() => ID) sideId!: string;
  @Field() sideLabel!: string;
  @Field() createdAt!: Date;
  @Field() expiresAt!: Date;
  @Field(() => Date, { nullable: true, description: 'When the invitee accepted it and joined the case.' }) acceptedAt!: Date | null;
  @Field({ description: 'Past its expiry without being accepted.' }) expired!: boolean;
  @Field(() => MailStatusEnum, { nullable: true, description: 'What became of the invitation mail; null for an invitation from before mails.' })
  mailStatus!: keyof typeof MailStatusEnum | null;
  @Field(() => String, { nullable: true, description: "The mail server's reply: why it refused the mail, or its acceptance." }) mailReply!: string | null;
  @Field(() => Date, { nullable: true, description: 'When the mail was sent, refused or kept.' }) mailAt!: Date | null;
}
