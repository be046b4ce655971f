import { Controller, Get, Header, Inject, NotFoundException, Param } from '@nestjs/common';
import { CalendarService } from './calendar.service.js';

/**
 * `GET /calendar/<token>.ics`: a person's deadlines for their calendar app. The token is the
 * only credential (calendar apps send no cookie); unknown and revoked tokens are 404.
 */
@Controller('calendar')
export class CalendarController {
  constructor(@Inject(CalendarService) private readonly calendars: CalendarService) {}

  @Get(':file')
  @Header('content-type', 'text/calendar; charset=utf-8')
  @Header('cache-control', 'private, no-store')
  @Header('referrer-policy', 'no-referrer')
  async feed(@Param('file') file: string): Promise<string> {
    const match = /^([A-Za-z0-9_-]+)\.ics$/.exec(file);
    const text = match ? await this.calendars.feed(match[1]!) : null;
    if (text === null) throw new NotFoundException('No calendar feed at this address.');
    return text;
  }
}
