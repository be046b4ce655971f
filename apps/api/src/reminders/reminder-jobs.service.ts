import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { AppConfig } from '../config/config.js';
import { MailRoom } from '../mail/mail-room.service.js';
import { ReminderJobs } from './reminder-jobs.js';

export const JOBS_CONFIG = Symbol('JOBS_CONFIG');
export type JobsConfig = Pick<AppConfig, 'JOBS' | 'JOBS_RECOVERY_SECONDS'>;

/**
 * The job queue in the app's lifecycle: started after the app is built (pg-boss creates or
 * migrates its schema `pgboss`), stopped gracefully on shutdown. `JOBS=off` starts nothing;
 * so does an app built without a database (the schema printer).
 */
@Injectable()
export class ReminderJobsService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('ReminderJobs');
  readonly jobs: ReminderJobs;

  constructor(
    @Inject(DataSource) private readonly db: DataSource,
    @Inject(JOBS_CONFIG) private readonly config: JobsConfig,
    @Inject(MailRoom) mail: MailRoom,
  ) {
    const mailRoom = { settings: mail.settings, dispatch: (ids: readonly (string | null)[]) => mail.dispatch(ids) };
    this.jobs = new ReminderJobs(db, { recoverySeconds: config.JOBS_RECOVERY_SECONDS, mail: mailRoom }, (error) => {
      // 57P01: PostgreSQL ended the connection because it is shutting down (Ctrl-C in a terminal
      // reaches the embedded server too) or an administrator ended it; pg-boss reconnects.
      if ((error as { code?: string } | null)?.code === '57P01') {
        this.logger.debug(`Job queue connection ended by PostgreSQL: ${(error as Error).message}`);
        return;
      }
      this.logger.error(`Job queue error: ${error instanceof Error ? error.message : String(error)}`);
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.JOBS === 'off' || !this.db.isInitialized) return;
    await this.jobs.start();
    await this.jobs.requestScan();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.jobs.stop();
  }
}
