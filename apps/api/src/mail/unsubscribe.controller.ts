import { Controller, HttpCode, Inject, NotFoundException, Param, Post, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { MailService } from './mail.service.js';

/**
 * `POST /mail/unsubscribe/<token>`: one-click unsubscribe (RFC 8058). A mail client posts
 * `List-Unsubscribe=One-Click` here without cookies; the signed token is the only credential
 * and can only turn a kind of mail off. A GET of the same address is the dashboard's page
 * (nothing changes on a GET: link checkers and previews fetch links), whose button posts here.
 */
@Controller('mail')
export class UnsubscribeController {
  constructor(@Inject(MailService) private readonly mail: MailService) {}

  @Post('unsubscribe/:token')
  @HttpCode(200)
  async unsubscribe(@Param('token') token: string, @Res({ passthrough: true }) reply: FastifyReply): Promise<string> {
    const category = await this.mail.unsubscribe(token);
    if (!category) throw new NotFoundException('This unsubscribe link is not valid.');
    reply.header('content-type', 'text/plain; charset=utf-8');
    reply.header('cache-control', 'no-store');
    return category === 'REMINDERS'
      ? 'Unsubscribed: you will get no more deadline reminders by e-mail. Your inbox in the dashboard still has them.\n'
      : 'Unsubscribed: you will get no more agreement notices by e-mail.\n';
  }
}
