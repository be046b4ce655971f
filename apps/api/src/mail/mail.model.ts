import { Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { IsBoolean, IsEnum, IsOptional } from 'class-validator';
import { graphqlEnum } from '../common/graphql-enum.js';
import { MAIL_KINDS } from './templates.js';

export const MailKindEnum = graphqlEnum('MailKind', MAIL_KINDS, 'What a mail is about.');
export const MailStatusEnum = graphqlEnum(
  'MailStatus',
  ['PENDING', 'SENT', 'REFUSED', 'FAILED', 'KEPT'] as const,
  'PENDING: waiting to be sent (or retried); SENT: the mail server took it; REFUSED: the mail server refused it for good (5xx); FAILED: it could not be sent after every retry; KEPT: no mail server is set, the mail is in the Outbox.',
);
export const ReminderMailEnum = graphqlEnum(
  'ReminderMail',
  ['EACH', 'DAILY_DIGEST', 'OFF'] as const,
  'Deadline reminders by e-mail: each as it comes, one digest a day, or none (the inbox always has them).',
);

@ObjectType('OutboxMail', { description: "A mail of the viewer's organisation, as the Outbox shows it." })
export class OutboxMailModel {
  @Field(() => ID) id!: string;
  @Field(() => MailKindEnum) kind!: (typeof MAIL_KINDS)[number];
  @Field() to!: string;
  @Field() subject!: string;
  @Field(() => MailStatusEnum) status!: keyof typeof MailStatusEnum;
  @Field() createdAt!: Date;
  @Field(() => Date, { nullable: true }) finishedAt!: Date | null;
  @Field(() => Int) attempts!: number;
  @Field(() => String, { nullable: true, description: "The mail server's last reply (its code and words)." }) lastReply!: string | null;
  @Field(() => String, { nullable: true, description: 'The text part; null once the mail was sent (its links are not kept).' }) text!: string | null;
  @Field(() => String, { nullable: true, description: 'The HTML part; null once the mail was sent.' }) html!: string | null;
}

@ObjectType('MailDelivery', { description: 'Where mails go.' })
export class MailDeliveryModel {
  @Field({ description: 'True when an SMTP server sends them (SMTP_URL); false when they are kept in the Outbox.' }) smtp!: boolean;
}

@ObjectType('MailPreferences', { description: 'What the viewer gets by e-mail. Invitations and notices about their account always go.' })
export class MailPreferencesModel {
  @Field(() => ReminderMailEnum) reminders!: keyof typeof ReminderMailEnum;
  @Field({ description: 'Mails when an agreement is ready to sign and when it binds.' }) agreements!: boolean;
}

@InputType()
export class MailPreferencesInput {
  @Field(() => ReminderMailEnum, { nullable: true }) @IsOptional() @IsEnum(ReminderMailEnum) reminders?: keyof typeof ReminderMailEnum;
  @Field({ nullable: true }) @IsOptional() @IsBoolean() agreements?: boolean;
}
