import { type DynamicModule, Module } from '@nestjs/common';
import type { AppConfig } from '../config/config.js';
import { CalendarController } from './calendar.controller.js';
import { CalendarService } from './calendar.service.js';
import { InboxService } from './inbox.service.js';
import { JOBS_CONFIG, ReminderJobsService } from './reminder-jobs.service.js';
import { RemindersResolver } from './reminders.resolver.js';

/**
 * Deadline reminders (durable pg-boss jobs), the in-app inbox and the ICS calendar feed.
 * The job queue starts with the app unless `JOBS=off`.
 */
@Module({})
export class RemindersModule {
  static register(config: Pick<AppConfig, 'JOBS' | 'JOBS_RECOVERY_SECONDS'>): DynamicModule {
    return {
      module: RemindersModule,
      providers: [
        { provide: JOBS_CONFIG, useValue: { JOBS: config.JOBS, JOBS_RECOVERY_SECONDS: config.JOBS_RECOVERY_SECONDS } },
        ReminderJobsService,
        InboxService,
        CalendarService,
        RemindersResolver,
      ],
      controllers: [CalendarController],
      exports: [ReminderJobsService],
    };
  }
}
