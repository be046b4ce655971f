import { UseGuards } from '@nestjs/common';
import { Args, Context, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import type { FastifyRequest } from 'fastify';
import { SignedInGuard } from '../auth/guards.js';
import type { RequestContext } from '../auth/viewer.js';
import { CalendarService } from './calendar.service.js';
import { CalendarFeedModel, InboxItemModel } from './inbox.model.js';
import { InboxService } from './inbox.service.js';

@Resolver()
export class RemindersResolver {
  constructor(
    private readonly inboxItems: InboxService,
    private readonly calendars: CalendarService,
  ) {}

  @Query(() => [InboxItemModel], { description: "The viewer's own inbox, newest first (at most 200 items)." })
  @UseGuards(SignedInGuard)
  inbox(@Context() ctx: RequestContext): Promise<InboxItemModel[]> {
    return this.inboxItems.list(ctx.viewer!);
  }

  @Mutation(() => InboxItemModel, { description: "Marks one of the viewer's inbox items read; NOT_FOUND for anyone else's." })
  @UseGuards(SignedInGuard)
  markInboxItemRead(@Args('id', { type: () => ID }) id: string, @Context() ctx: RequestContext): Promise<InboxItemModel> {
    return this.inboxItems.markRead(ctx.viewer!, id);
  }

  @Query(() => CalendarFeedModel, { nullable: true, description: "The viewer's live calendar feed, if any (its address is shown only when created)." })
  @UseGuards(SignedInGuard)
  async calendarFeed(@Context() ctx: RequestContext): Promise<CalendarFeedModel | null> {
    const feed = await this.calendars.current(ctx.viewer!);
    return feed ? { ...feed, url: null } : null;
  }

  @Mutation(() => CalendarFeedModel, {
    description: 'A new secret ICS address with the deadlines of your cases; the previous address stops working.',
  })
  @UseGuards(SignedInGuard)
  async createCalendarFeed(@Context() ctx: RequestContext): Promise<CalendarFeedModel> {
    const { token, createdAt } = await this.calendars.create(ctx.viewer!);
    return { createdAt, lastUsedAt: null, url: `${origin(ctx.req)}/calendar/${token}.ics` };
  }

  @Mutation(() => Boolean, { description: 'Stops the calendar feed address from working; false when there was none.' })
  @UseGuards(SignedInGuard)
  revokeCalendarFeed(@Context() ctx: RequestContext): Promise<boolean> {
    return this.calendars.revoke(ctx.viewer!);
  }
}

/** The address the client reached, so the feed URL works from where it was created. */
function origin(req: FastifyRequest | undefined): string {
  const host = req?.host;
  return host ? `${req!.protocol}://${host}` : '';
}
