import { Global, Module } from '@nestjs/common';
import { MailRoom } from './mail-room.service.js';
import { MailResolver } from './mail.resolver.js';
import { MailService } from './mail.service.js';
import { UnsubscribeController } from './unsubscribe.controller.js';

/**
 * The mail room: the outbox, its sending jobs, preferences and one-click unsubscribe. Global,
 * so the services that tell people things (invitations, accounts, reminders, agreements) write
 * their mails with MailRoom without importing this module.
 */
@Global()
@Module({
  providers: [MailRoom, MailService, MailResolver],
  controllers: [UnsubscribeController],
  exports: [MailRoom],
})
export class MailModule {}
