import PgBoss from 'pg-boss';
import type { DataSource } from 'typeorm';
import type { PostgresDataSourceOptions } from 'typeorm/driver/postgres/PostgresDataSourceOptions.js';
import { JOBS_SCHEMA } from '../reminders/reminder-jobs.js';
import { MAIL_QUEUE, MAIL_SWEEP_QUEUE, mailQueueOptions, DEFAULT_MAIL_RETRY, type MailRetry } from './mail-queues.js';
import { CASE_NAME_COLUMNS, CASE_NAME_JOIN, caseNameOf, composeMessage, writeMail, type MailSettings } from './outbox.js';
import { CASE_MAIL_WINDOW_MINUTES, writeCaseMails } from './case-mails.js';
import { mailLinks } from './links.js';
import type { MailKind, MailParams, ReminderLine } from './templates.js';
import type { MailTransport } from './transport.js';

export const MAIL_APPLICATION_NAME = 'impasse-api-mail';

export interface MailJob {
  outboxId: string;
}

export type MailOutcome = 'sent' | 'refused' | 'retry' | 'failed' | 'already-done' | 'kept';

export interface MailJobsOptions {
  settings: MailSettings;
  /** The SMTP server; null keeps every mail in the outbox. */
  transport: MailTransport | null;
  /** Seconds a job may run before another instance retries it (JOBS_RECOVERY_SECONDS). */
  recoverySeconds: number;
  retry?: MailRetry;
  /** Runs the periodic sweep (pg-boss cron, once a minute across all instances). */
  schedule?: boolean;
  /** Called inside the mail's transaction, its row locked, just before the SMTP conversation (tests hold a job here). */
  beforeSend?: (outboxId: string) => Promise<void>;
  now?: () => Date;
}

interface OutboxRow {
  id: string;
  kind: MailKind;
  recipient: string;
  params: MailParams[MailKind] | null;
  messageId: string;
  status: string;
  attempts: number;
}

/**
 * Sends the outbox's mails as durable jobs (pg-boss, schema `pgboss`), once each.
 *
 * A mail is a `mail_outbox` row written in the transaction of its event (see writeMail); after
 * that commits, its writer enqueues a job (`dispatch`), and a sweep every minute enqueues any
 * row still waiting whose job was never sent (the writer's process died between its commit
 * and the enqueue). The job's transaction locks the row, skips it unless it is PENDING, talks
 * to the SMTP server while holding the lock, and records the answer before it commits:
 *
 * - a second job for the same mail (another instance, a retry, the sweep) waits on the lock and
 *   then finds it SENT: one mail per key, whatever the number of instances;
 * - a worker killed before the server took the message leaves no trace (its transaction rolls
 *   back, PostgreSQL drops the lock with the connection); pg-boss retries the job once it is
 *   past its expiry, and the retry sends it: one mail, not zero and not two;
 * - left open: a worker killed in the instant between the server's 250 and its commit. The
 *   retry then sends again, with the same Message-ID (derived from the key), by which a
 *   receiving system can tell the copy. No SMTP client can close that window.
 *
 * A 5xx reply is final (REFUSED, shown to the sender); a 4xx or a lost connection is retried
 * with exponential back-off up to the retry limit, then FAILED. Once a mail is finished its
 * parameters are erased (links carry tokens), its envelope stays.
 *
 * Free of Nest so that a bare worker process can run it (the crash test does).
 */
export class MailJobs {
  private boss: PgBoss | null = null;

  constructor(
    private readonly db: DataSource,
    private readonly options: MailJobsOptions,
    private readonly onError: (error: unknown) => void = (e) => console.error('Mail queue error', e),
  ) {}

  get started(): boolean {
    return this.boss !== null;
  }

  get settings(): MailSettings {
    return this.options.settings;
  }

  private get retry(): MailRetry {
    return this.options.retry ?? DEFAULT_MAIL_RETRY;
  }

  async start(): Promise<void> {
    const url = (this.db.options as PostgresDataSourceOptions).url;
    if (!url) throw new Error('The mail queue needs the database URL of the data source.');
    const recovery = this.options.recoverySeconds;
    const boss = new PgBoss({
      connectionString: url,
      schema: JOBS_SCHEMA,
      application_name: MAIL_APPLICATION_NAME,
      max: 3,
      maintenanceIntervalSeconds: Math.max(1, Math.ceil(recovery / 2)),
      schedule: this.options.schedule ?? true,
      supervise: true,
      migrate: false,
    });
    boss.on('error', (error) => this.onError(error));
    await boss.start();
    this.boss = boss;
    for (const queue of [MAIL_QUEUE, MAIL_SWEEP_QUEUE]) {
      const options = { name: queue, ...mailQueueOptions(recovery, this.retry) };
      await boss.createQueue(queue, options);
      await boss.updateQueue(queue, options);
    }
    await boss.work<MailJob>(MAIL_QUEUE, { batchSize: 1, pollingIntervalSeconds: 1, includeMetadata: true }, async ([job]) => {
      if (!job) return;
      const outcome = await this.handle(job.data.outboxId, job.retryCount >= job.retryLimit);
      // Thrown after the transaction committed the attempt: pg-boss retries with back-off.
      if (outcome === 'retry') throw new Error('The mail server answered with a temporary failure; the mail is retried later.');
    });
    await boss.work(MAIL_SWEEP_QUEUE, { pollingIntervalSeconds: 5 }, async () => {
      await this.sweep();
    });
    if (this.options.schedule ?? true) await boss.schedule(MAIL_SWEEP_QUEUE, '* * * * *', {}, { singletonKey: 'sweep' });
    // What changed while no instance was sweeping (a restart): from where the last scan ended.
    void this.scanChangedCases().catch((error: unknown) => this.onError(error));
  }

  /**
   * The mails of what happened on the cases changed since the last scan ended (less
   * CASE_MAIL_WINDOW_MINUTES of overlap, for transactions that committed after a later one
   * started: the rules' keys make a second look harmless), queued; then the mark moves to this
   * scan's start. The mark's row lock makes instances take turns. Nothing is missed however
   * long no instance ran.
   */
  async scanChangedCases(): Promise<string[]> {
    const written = await this.db.transaction(async (m) => {
      const [mark]: { scannedUntil: Date; started: Date }[] = await m.query(
        `SELECT scanned_until AS "scannedUntil", now() AS started FROM mail_case_scan FOR UPDATE`,
      );
      if (!mark) throw new Error('mail_case_scan has no row: the migration did not run');
      const ids = await writeCaseMails(this.db, this.options.settings, new Date(mark.scannedUntil.getTime() - CASE_MAIL_WINDOW_MINUTES * 60_000));
      await m.query(`UPDATE mail_case_scan SET scanned_until = GREATEST(scanned_until, $1)`, [mark.started]);
      return ids;
    });
    await this.dispatch(written);
    return written;
  }

  /** The mails of what happened on cases changed since `since` (agreements: case-mails.ts), queued. */
  async scanCases(since: Date): Promise<string[]> {
    const written = await writeCaseMails(this.db, this.options.settings, since);
    await this.dispatch(written);
    return written;
  }

  async stop(): Promise<void> {
    const boss = this.boss;
    this.boss = null;
    if (boss) await boss.stop({ graceful: true, timeout: 5000, wait: true });
    this.options.transport?.close();
  }

  private now(): Date {
    return this.options.now?.() ?? new Date();
  }

  /** Enqueues a job for each mail written (call after their transaction committed). Never throws: the sweep catches up. */
  async dispatch(ids: readonly (string | null)[]): Promise<void> {
    const boss = this.boss;
    if (!boss || !this.options.transport) return;
    for (const id of ids) {
      if (!id) continue;
      try {
        await boss.send(MAIL_QUEUE, { outboxId: id } satisfies MailJob, { singletonKey: id });
      } catch (error) {
        this.onError(error);
      }
    }
  }

  /**
   * Once a minute on one instance: enqueues mails never tried whose job was lost (written more
   * than 30 s ago, no attempt), writes yesterday's digests, and the mails of what happened on
   * the cases changed lately (case-mails.ts).
   */
  async sweep(): Promise<void> {
    const rows: { id: string }[] = await this.db.query(
      `SELECT id FROM mail_outbox WHERE status = 'PENDING' AND attempts = 0 AND created_at < $1 ORDER BY created_at LIMIT 500`,
      [new Date(this.now().getTime() - 30_000)],
    );
    await this.dispatch(rows.map((r) => r.id));
    const yesterday = new Date(this.now().getTime() - 24 * 3600_000).toISOString().slice(0, 10);
    await this.dispatch(await this.writeDigests(yesterday));
    await this.scanChangedCases();
  }

  /**
   * One mail: lock its row, send it unless it was already, record the server's answer. Safe to
   * run any number of times for the same mail. `lastAttempt`: a temporary failure is final.
   */
  async handle(outboxId: string, lastAttempt = false): Promise<MailOutcome> {
    return this.db.transaction(async (m) => {
      const [row]: OutboxRow[] = await m.query(
        `SELECT id, kind, recipient, params, message_id AS "messageId", status, attempts FROM mail_outbox WHERE id = $1 FOR UPDATE`,
        [outboxId],
      );
      if (!row || row.status !== 'PENDING') return 'already-done';
      if (!this.options.transport || !row.params) {
        // Written while an SMTP server was set, and there is none now: the outbox keeps it.
        await m.query(`UPDATE mail_outbox SET status = 'KEPT', finished_at = now() WHERE id = $1`, [row.id]);
        return 'kept';
      }
      const message = await composeMessage(this.options.settings, { ...row, params: row.params });
      await this.options.beforeSend?.(row.id);
      const result = await this.options.transport.send(message);
      if (result.outcome === 'transient' && !lastAttempt) {
        await m.query(`UPDATE mail_outbox SET attempts = attempts + 1, last_reply = $2 WHERE id = $1`, [row.id, result.reply]);
        return 'retry';
      }
      const status = result.outcome === 'sent' ? 'SENT' : result.outcome === 'refused' ? 'REFUSED' : 'FAILED';
      await m.query(
        `UPDATE mail_outbox SET status = $2, attempts = attempts + 1, last_reply = $3, finished_at = now(), params = NULL WHERE id = $1`,
        [row.id, status, result.reply],
      );
      return result.outcome === 'sent' ? 'sent' : result.outcome === 'refused' ? 'refused' : 'failed';
    });
  }

  /**
   * The daily digests of `day` (a UTC calendar day, YYYY-MM-DD): one mail per person who asked
   * for a digest and had reminders in their inbox that day, listing them. Returns the new mails.
   */
  async writeDigests(day: string): Promise<string[]> {
    const rows: {
      userId: string;
      email: string;
      displayName: string;
      organisationId: string;
      caseId: string;
      title: string;
      kind: string;
      dueAt: Date;
      caption: string;
      docketNumber: string | null;
      byDocket: boolean | null;
      timeZone: string | null;
    }[] = await this.db.query(
      `SELECT u.id AS "userId", u.email, u.display_name AS "displayName", u.organisation_id AS "organisationId",
              i.case_id AS "caseId", i.title, i.kind, i.due_at AS "dueAt", ${CASE_NAME_COLUMNS}
         FROM mail_preferences mp
         JOIN users u ON u.id = mp.user_id
         JOIN inbox_items i ON i.user_id = u.id
              AND i.created_at >= ($1::date)::timestamp AT TIME ZONE 'UTC'
              AND i.created_at < ($1::date + 1)::timestamp AT TIME ZONE 'UTC'
         JOIN cases c ON c.id = i.case_id ${CASE_NAME_JOIN}
        WHERE mp.reminders = 'DAILY_DIGEST'
        ORDER BY u.id, i.due_at, i.id`,
      [day],
    );
    const links = mailLinks(this.options.settings.baseUrl());
    const byUser = new Map<string, typeof rows>();
    for (const row of rows) byUser.set(row.userId, [...(byUser.get(row.userId) ?? []), row]);
    const written: string[] = [];
    for (const [userId, items] of byUser) {
      const first = items[0]!;
      const id = await this.db.transaction((tx) =>
        writeMail(tx, this.options.settings, {
          kind: 'DIGEST',
          key: `digest:${userId}:${day}`,
          to: first.email,
          userId,
          organisationId: first.organisationId,
          unsubscribe: 'REMINDERS',
          params: {
            name: first.displayName,
            day,
            inboxUrl: links.inbox,
            items: items.map(
              (i): ReminderLine => ({ caseName: caseNameOf(i), caseUrl: links.case(i.caseId), title: i.title, lead: leadOfInboxKind(i.kind), dueAt: i.dueAt.toISOString() }),
            ),
          },
        }),
      );
      if (id) written.push(id);
    }
    return written;
  }
}

export function leadOfInboxKind(kind: string): ReminderLine['lead'] {
  return kind === 'DEADLINE_IN_7_DAYS' ? 'P7D' : kind === 'DEADLINE_IN_1_DAY' ? 'P1D' : 'DUE';
}
