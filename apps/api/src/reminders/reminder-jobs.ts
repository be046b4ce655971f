import { createHash } from 'node:crypto';
import PgBoss from 'pg-boss';
import type { DataSource, EntityManager } from 'typeorm';
import type { PostgresDataSourceOptions } from 'typeorm/driver/postgres/PostgresDataSourceOptions.js';
import { jobQueueGrantsSql } from '../database/roles.js';
import { mailLinks } from '../mail/links.js';
import { MAIL_QUEUES, mailQueueOptions } from '../mail/mail-queues.js';
import { CASE_NAME_COLUMNS, CASE_NAME_JOIN, caseNameOf, writeMail, type MailSettings } from '../mail/outbox.js';
import { COURT_KINDS, LARGEST_LEAD_MS, OVERDUE_WINDOW_MS, inboxKindOf, leadDueNow, reminderKey, type Lead } from './leads.js';

export const JOBS_SCHEMA = 'pgboss';
export const REMINDER_QUEUE = 'deadline-reminder';
export const SCAN_QUEUE = 'deadline-reminder-scan';
export const JOBS_APPLICATION_NAME = 'impasse-api-jobs';

const QUEUES = [REMINDER_QUEUE, SCAN_QUEUE] as const;

const queueOptions = (recoverySeconds: number) =>
  ({ policy: 'short', retryLimit: 10, retryDelay: 1, retryBackoff: true, expireInSeconds: recoverySeconds }) as const;

/**
 * Creates or migrates pg-boss's schema and the queues, as the owner (a step of the
 * migrations: pg-boss's queues are partitions it creates with DDL), then grants the app's role
 * the use of them. Idempotent; pg-boss serialises concurrent installs with an advisory lock.
 */
export async function prepareJobQueue(ownerUrl: string, appRole: string | null, recoverySeconds = 60): Promise<void> {
  const boss = new PgBoss({
    connectionString: ownerUrl,
    schema: JOBS_SCHEMA,
    application_name: 'impasse-migrate',
    max: 1,
    supervise: false,
    schedule: false,
    migrate: true,
  });
  let failure: unknown = null;
  boss.on('error', (error) => {
    failure ??= error;
  });
  await boss.start();
  try {
    for (const queue of QUEUES) await boss.createQueue(queue, { name: queue, ...queueOptions(recoverySeconds) });
    for (const queue of MAIL_QUEUES) await boss.createQueue(queue, { name: queue, ...mailQueueOptions(recoverySeconds) });
    const db = boss.getDb() as { executeSql(sql: string): Promise<{ rows: { me: string }[] }> };
    const [{ me }] = (await db.executeSql(`SELECT current_user AS me`)).rows as [{ me: string }];
    if (appRole && appRole !== me) for (const statement of jobQueueGrantsSql(appRole, JOBS_SCHEMA)) await db.executeSql(statement);
  } finally {
    await boss.stop({ graceful: false, wait: true });
  }
  if (failure) throw failure;
}

/** The open deadlines a scan looks at (due within the largest lead, or overdue within the window), with the leads already sent. */
export const SCAN_SQL = `SELECT d.id, d.kind, d.due_at AS "dueAt",
       ARRAY(SELECT r.lead FROM reminders r WHERE r.deadline_id = d.id AND r.due_at = d.due_at) AS sent
  FROM deadlines d
 WHERE d.done_at IS NULL AND d.due_at <= $1 AND d.due_at >= $2
 ORDER BY d.due_at`;

/** SCAN_SQL's parameters at `now`. */
export function scanWindow(now: Date): [Date, Date] {
  return [new Date(now.getTime() + LARGEST_LEAD_MS), new Date(now.getTime() - OVERDUE_WINDOW_MS)];
}

export interface ReminderJob {
  deadlineId: string;
  lead: Lead;
  /** ISO time the reminder was computed for; a moved deadline gets a new key. */
  dueAt: string;
}

export type ReminderOutcome = 'sent' | 'already-sent' | 'stale';

export interface ReminderJobsOptions {
  /** Seconds a job may run before another instance retries it (see JOBS_RECOVERY_SECONDS). */
  recoverySeconds: number;
  /** Called inside the reminder's transaction, before commit (tests hold a job open here). */
  beforeCommit?: (job: ReminderJob) => Promise<void>;
  /** Runs the periodic scan (pg-boss cron, once a minute across all instances). */
  schedule?: boolean;
  now?: () => Date;
  /**
   * The mail room: each recipient who wants reminders one by one (the default) also gets a
   * mail, written in the reminder's transaction; those who chose a daily digest get it in the
   * digest (mail/mail-jobs.ts). Without it, reminders reach the inbox only.
   */
  mail?: { settings: MailSettings; dispatch(ids: readonly (string | null)[]): Promise<void> };
}

/**
 * Deadline reminders as durable jobs on PostgreSQL (pg-boss, schema `pgboss`).
 *
 * A scan (every minute by pg-boss's cron, and once at start) finds open deadlines due within
 * the largest lead whose reminder for the current lead has not been written, and enqueues one
 * job per (deadline, lead, due time). Duplicates are stopped twice:
 *
 * 1. in the queue: the job id is derived from the idempotency key and the queue's `short`
 *    policy admits one queued job per `singletonKey`, so concurrent scans of several
 *    instances enqueue one job;
 * 2. in the data: the job writes the `reminders` row (UNIQUE deadline, lead, due time) and
 *    the inbox rows in one transaction. A job retried after its worker died mid-job (its
 *    transaction rolled back), or a late duplicate, finds the row or waits on it, and writes
 *    nothing.
 *
 * Free of Nest so that a bare worker process can run it (the crash test does).
 */
export class ReminderJobs {
  private boss: PgBoss | null = null;

  constructor(
    private readonly db: DataSource,
    private readonly options: ReminderJobsOptions,
    private readonly onError: (error: unknown) => void = (e) => console.error('Job queue error', e),
  ) {}

  get started(): boolean {
    return this.boss !== null;
  }

  async start(): Promise<void> {
    const url = (this.db.options as PostgresDataSourceOptions).url;
    if (!url) throw new Error('The job queue needs the database URL of the data source.');
    const recovery = this.options.recoverySeconds;
    const boss = new PgBoss({
      connectionString: url,
      schema: JOBS_SCHEMA,
      application_name: JOBS_APPLICATION_NAME,
      max: 4,
      // Expired (lost) jobs are found by maintenance; run it often enough to honour the recovery time.
      maintenanceIntervalSeconds: Math.max(1, Math.ceil(recovery / 2)),
      schedule: this.options.schedule ?? true,
      // The owner created and migrated the schema and the queues (prepareJobQueue); the app's
      // role may use them but not change their structure.
      migrate: false,
    });
    boss.on('error', (error) => this.onError(error));
    await boss.start();
    this.boss = boss;
    for (const queue of QUEUES) {
      await boss.createQueue(queue, { name: queue, ...queueOptions(recovery) }); // a no-op when it exists
      await boss.updateQueue(queue, { name: queue, ...queueOptions(recovery) }); // this instance's recovery time
    }
    await boss.work<ReminderJob>(REMINDER_QUEUE, { batchSize: 1, pollingIntervalSeconds: 1 }, async ([job]) => {
      if (job) await this.handle(job.data);
    });
    await boss.work(SCAN_QUEUE, { pollingIntervalSeconds: 5 }, async () => {
      await this.scan();
    });
    if (this.options.schedule ?? true) await boss.schedule(SCAN_QUEUE, '* * * * *', {}, { singletonKey: 'scan' });
  }

  async stop(): Promise<void> {
    const boss = this.boss;
    this.boss = null;
    if (boss) await boss.stop({ graceful: true, timeout: 5000, wait: true });
  }

  private now(): Date {
    return this.options.now?.() ?? new Date();
  }

  /** Enqueues the reminders whose time has come and that were not sent. Returns how many jobs it sent. */
  async scan(): Promise<number> {
    const boss = this.boss;
    if (!boss) return 0;
    const now = this.now();
    const rows: { id: string; kind: string; dueAt: Date; sent: string[] }[] = await this.db.query(SCAN_SQL, scanWindow(now));
    let sent = 0;
    for (const row of rows) {
      const lead = leadDueNow(row.kind, row.dueAt, now);
      if (!lead || row.sent.includes(lead)) continue;
      const key = reminderKey(row.id, lead, row.dueAt);
      const id = await boss.send(REMINDER_QUEUE, { deadlineId: row.id, lead, dueAt: row.dueAt.toISOString() } satisfies ReminderJob, {
        id: uuidFromKey(key),
        singletonKey: key,
      });
      if (id) sent += 1;
    }
    return sent;
  }

  /** Enqueues a scan job (any instance runs it). */
  async requestScan(): Promise<void> {
    await this.boss?.send(SCAN_QUEUE, {}, { singletonKey: 'scan' });
  }

  /**
   * One reminder: the `reminders` row and the inbox rows of its recipients, in one transaction.
   * Safe to run any number of times for the same job.
   */
  async handle(job: ReminderJob): Promise<ReminderOutcome> {
    const mails: (string | null)[] = [];
    const outcome = await this.db.transaction(async (m): Promise<ReminderOutcome> => {
      const [deadline]: { id: string; caseId: string; kind: string; title: string; dueAt: Date; ownerParticipantId: string | null }[] = await m.query(
        `SELECT id, case_id AS "caseId", kind, title, due_at AS "dueAt", owner_participant_id AS "ownerParticipantId"
           FROM deadlines WHERE id = $1 AND done_at IS NULL FOR SHARE`,
        [job.deadlineId],
      );
      // Done, deleted or moved since the job was queued: the scan queues the new due time itself.
      if (!deadline || deadline.dueAt.toISOString() !== job.dueAt) return 'stale';
      const [reminder]: { id: string }[] = await m.query(
        `INSERT INTO reminders (deadline_id, lead, due_at) VALUES ($1, $2, $3)
         ON CONFLICT (deadline_id, lead, due_at) DO NOTHING RETURNING id`,
        [deadline.id, job.lead, deadline.dueAt],
      );
      if (!reminder) return 'already-sent';
      const key = reminderKey(deadline.id, job.lead, deadline.dueAt);
      const people = await recipients(m, deadline);
      for (const userId of people) {
        await m.query(
          `INSERT INTO inbox_items (user_id, case_id, deadline_id, reminder_id, kind, title, due_at, dedupe_key)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (dedupe_key) DO NOTHING`,
          [userId, deadline.caseId, deadline.id, reminder.id, inboxKindOf(job.lead), deadline.title, deadline.dueAt, `${key}:${userId}`],
        );
      }
      if (this.options.mail) mails.push(...(await this.writeMails(m, this.options.mail.settings, deadline, job.lead, key, people)));
      await this.options.beforeCommit?.(job);
      return 'sent';
    });
    if (mails.length > 0) await this.options.mail?.dispatch(mails);
    return outcome;
  }

  /**
   * The reminder's mails, in its transaction: to each recipient whose preference is EACH (no
   * row: the default), with what their inbox item says (the deadline's title, the case as the
   * program names it in mails) and a one-click unsubscribe.
   */
  private async writeMails(
    m: EntityManager,
    settings: MailSettings,
    deadline: { id: string; caseId: string; title: string; dueAt: Date },
    lead: Lead,
    key: string,
    people: string[],
  ): Promise<(string | null)[]> {
    if (people.length === 0) return [];
    const rows: { id: string; email: string; displayName: string; organisationId: string }[] = await m.query(
      `SELECT u.id, u.email, u.display_name AS "displayName", u.organisation_id AS "organisationId"
         FROM users u LEFT JOIN mail_preferences mp ON mp.user_id = u.id
        WHERE u.id = ANY($1) AND COALESCE(mp.reminders, 'EACH') = 'EACH' ORDER BY u.id`,
      [people],
    );
    if (rows.length === 0) return [];
    const [named] = await m.query(`SELECT ${CASE_NAME_COLUMNS} FROM cases c ${CASE_NAME_JOIN} WHERE c.id = $1`, [deadline.caseId]);
    const links = mailLinks(settings.baseUrl());
    const ids: (string | null)[] = [];
    for (const user of rows) {
      ids.push(
        await writeMail(m, settings, {
          kind: 'REMINDER',
          key: `reminder:${key}:${user.id}`,
          to: user.email,
          userId: user.id,
          organisationId: user.organisationId,
          caseId: deadline.caseId,
          unsubscribe: 'REMINDERS',
          params: {
            name: user.displayName,
            caseName: caseNameOf(named),
            caseUrl: links.case(deadline.caseId),
            title: deadline.title,
            lead,
            dueAt: deadline.dueAt.toISOString(),
            timeZone: named.timeZone ?? 'UTC',
          },
        }),
      );
    }
    return ids;
  }
}

/**
 * Who is reminded: the deadline's owner, if any (a program administrator only for a
 * court-reportable kind); otherwise the case's mediator(s) and counsel. Never parties by
 * default, never program administrators for other deadlines.
 */
async function recipients(
  m: EntityManager,
  deadline: { caseId: string; kind: string; ownerParticipantId: string | null },
): Promise<string[]> {
  if (deadline.ownerParticipantId) {
    const [owner]: { userId: string; role: string }[] = await m.query(
      `SELECT user_id AS "userId", role FROM participants WHERE id = $1 AND case_id = $2`,
      [deadline.ownerParticipantId, deadline.caseId],
    );
    if (owner && (owner.role !== 'PROGRAM_ADMIN' || COURT_KINDS.includes(deadline.kind))) return [owner.userId];
  }
  const rows: { userId: string }[] = await m.query(
    `SELECT DISTINCT user_id AS "userId" FROM participants WHERE case_id = $1 AND role IN ('MEDIATOR','COUNSEL') ORDER BY 1`,
    [deadline.caseId],
  );
  return rows.map((r) => r.userId);
}

/** A stable UUID (version 5 layout) from the idempotency key: the same reminder is the same job. */
export function uuidFromKey(key: string): string {
  const bytes = createHash('sha256').update(`impasse-reminder:${key}`).digest().subarray(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x50;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
