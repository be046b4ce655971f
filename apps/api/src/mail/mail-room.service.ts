import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { DataSource, type EntityManager } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { mailLinkKey } from './links.js';
import { MailJobs } from './mail-jobs.js';
import { writeMail, type MailSettings, type NewMail } from './outbox.js';
import type { MailKind } from './templates.js';
import { smtpTransport } from './transport.js';

export type MailConfig = Pick<
  AppConfig,
  'SMTP_URL' | 'MAIL_FROM' | 'MAIL_REPLY_TO' | 'PUBLIC_URL' | 'AUDIT_KEY' | 'JOBS' | 'JOBS_RECOVERY_SECONDS' | 'MAIL_RETRY_LIMIT' | 'MAIL_RETRY_DELAY_SECONDS'
>;

/** The settings of the mail room from the configuration; `listening` gives the api's own address when PUBLIC_URL is not set. */
export function mailSettingsFrom(config: MailConfig, listening: () => string): MailSettings {
  return {
    from: config.MAIL_FROM,
    replyTo: config.MAIL_REPLY_TO ?? null,
    baseUrl: () => config.PUBLIC_URL ?? listening(),
    // The schema printer builds the app without a key; it sends nothing.
    linkKey: mailLinkKey(config.AUDIT_KEY ?? randomBytes(32)),
    delivering: Boolean(config.SMTP_URL),
  };
}

/**
 * The mail room in the app: services write mails with `write` inside their transaction and
 * call `dispatch` after it committed; the job queue (mail-jobs.ts) sends them when SMTP_URL is
 * set, else they stay in the outbox for the Outbox page.
 */
@Injectable()
export class MailRoom implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('MailRoom');
  readonly settings: MailSettings;
  readonly jobs: MailJobs;

  constructor(
    @Inject(DataSource) private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: MailConfig,
    private readonly http: HttpAdapterHost,
  ) {
    this.settings = mailSettingsFrom(config, () => this.listeningAt());
    this.jobs = new MailJobs(
      db,
      {
        settings: this.settings,
        transport: config.SMTP_URL ? smtpTransport(config.SMTP_URL) : null,
        recoverySeconds: config.JOBS_RECOVERY_SECONDS,
        retry: { limit: config.MAIL_RETRY_LIMIT, delaySeconds: config.MAIL_RETRY_DELAY_SECONDS },
      },
      (error) => {
        if ((error as { code?: string } | null)?.code === '57P01') return;
        this.logger.error(`Mail queue error: ${error instanceof Error ? error.message : String(error)}`);
      },
    );
  }

  /** Writes a mail in the caller's transaction; null when that mail was written before. */
  write<K extends MailKind>(tx: EntityManager, mail: NewMail<K>): Promise<string | null> {
    return writeMail(tx, this.settings, mail);
  }

  /** After the writing transaction committed: queue the mails for sending. */
  dispatch(ids: readonly (string | null)[]): Promise<void> {
    return this.jobs.dispatch(ids);
  }

  private listeningAt(): string {
    const address = this.http.httpAdapter?.getHttpServer()?.address() as AddressInfo | string | null | undefined;
    if (!address || typeof address === 'string') return 'http://localhost';
    // Loopback and "every interface" are named as the banner names them (localhost).
    const local = ['0.0.0.0', '::', '127.0.0.1', '::1'].includes(address.address);
    const host = local ? 'localhost' : address.family === 'IPv6' ? `[${address.address}]` : address.address;
    return `http://${host}:${address.port}`;
  }

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.JOBS === 'off' || !this.db.isInitialized) return;
    await this.jobs.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.jobs.stop();
  }
}
