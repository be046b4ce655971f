import { Field, ID, ObjectType, registerEnumType } from '@nestjs/graphql';

export enum InboxItemKindEnum {
  DEADLINE_IN_7_DAYS = 'DEADLINE_IN_7_DAYS',
  DEADLINE_IN_1_DAY = 'DEADLINE_IN_1_DAY',
  TOUCHPOINT_OVERDUE = 'TOUCHPOINT_OVERDUE',
}
registerEnumType(InboxItemKindEnum, { name: 'InboxItemKind', description: 'Why an inbox item was sent.' });

@ObjectType('InboxItem', { description: "A reminder in the viewer's own inbox. Carries a case-shared deadline title, never confidential text." })
export class InboxItemModel {
  @Field(() => ID) id!: string;
  @Field(() => ID) caseId!: string;
  @Field(() => ID, { nullable: true, description: 'The deadline reminded of; null once it was deleted.' }) deadlineId!: string | null;
  @Field(() => InboxItemKindEnum) kind!: InboxItemKindEnum;
  @Field({ description: "The deadline's title." }) title!: string;
  @Field(() => Date, { nullable: true }) dueAt!: Date | null;
  @Field(() => Date) createdAt!: Date;
  @Field(() => Date, { nullable: true, description: 'When the viewer marked it read; null while unread.' }) readAt!: Date | null;
}

@ObjectType('CalendarFeed', { description: "The viewer's secret calendar (ICS) address." })
export class CalendarFeedModel {
  @Field(() => Date) createdAt!: Date;
  @Field(() => Date, { nullable: true, description: 'When a calendar last fetched the feed.' }) lastUsedAt!: Date | null;
  @Field(() => String, {
    nullable: true,
    description:
      'The feed address. Only in the answer to createCalendarFeed: the server keeps a hash of the token, so it cannot show the address again; create a new one (which revokes this) if it is lost.',
  })
  url!: string | null;
}
