import { Controller, Get, Inject, NotFoundException, Param, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { CalendarService } from './calendar.service.js';

/**
 * `GET /calendar/<token>.ics`: a person's deadlines for their calendar app. The token is the
 * only credential (calendar apps send no cookie); unknown and revoked tokens are 404.
 */
@Controller('calendar')
export class CalendarController {
  constructor(@Inject(CalendarService) private readonly calendars: CalendarService) {}

  @Get(':file')
  async feed(@Param('file') file: string, @Res({ passthrough: true }) reply: FastifyReply): Promise<string> {
    const match = /^([A-Za-z0-9_-]+)\.ics$/.exec(file);
    const text = match ? await this.calendars.feed(match[1]!) : null;
    if (text === null) throw new NotFoundException('No calendar feed at this address.');
    // Only on the feed itself: a 404 stays the JSON error it is.
    reply.header('content-type', 'text/calendar; charset=utf-8');
    reply.header('cache-control', 'private, no-store');
    reply.header('referrer-policy', 'no-referrer');
    return text;
  }
}
