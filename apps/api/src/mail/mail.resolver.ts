import { Inject, UseGuards } from '@nestjs/common';
import { Args, Context, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { SignedInGuard } from '../auth/guards.js';
import type { RequestContext } from '../auth/viewer.js';
import { MailRoom } from './mail-room.service.js';
import { MailDeliveryModel, MailPreferencesInput, MailPreferencesModel, OutboxMailModel } from './mail.model.js';
import { MailService } from './mail.service.js';

@Resolver()
export class MailResolver {
  constructor(
    private readonly mail: MailService,
    @Inject(MailRoom) private readonly room: MailRoom,
  ) {}

  @Query(() => [OutboxMailModel], { description: "Organisation admins: the organisation's mails, newest first (at most 100)." })
  @UseGuards(SignedInGuard)
  outbox(@Args('first', { type: () => Int, defaultValue: 50 }) first: number, @Context() ctx: RequestContext): Promise<OutboxMailModel[]> {
    return this.mail.outbox(ctx.viewer!, first);
  }

  @Query(() => MailDeliveryModel, { description: 'Whether mails go out through an SMTP server or stay in the Outbox.' })
  @UseGuards(SignedInGuard)
  mailDelivery(): MailDeliveryModel {
    return { smtp: this.room.settings.delivering };
  }

  @Query(() => MailPreferencesModel, { description: 'What the viewer gets by e-mail.' })
  @UseGuards(SignedInGuard)
  myMailPreferences(@Context() ctx: RequestContext): Promise<MailPreferencesModel> {
    return this.mail.preferences(ctx.viewer!);
  }

  @Mutation(() => MailPreferencesModel, { description: 'Changes what the viewer gets by e-mail; a field left out stays as it is.' })
  @UseGuards(SignedInGuard)
  setMailPreferences(@Args('input') input: MailPreferencesInput, @Context() ctx: RequestContext): Promise<MailPreferencesModel> {
    return this.mail.setPreferences(ctx.viewer!, input);
  }
}
