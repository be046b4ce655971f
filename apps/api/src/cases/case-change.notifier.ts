import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';

/**
 * Announces, after commit, that cases changed, through PostgreSQL NOTIFY so that every api
 * instance hears it. Only case ids travel; listeners refetch what each viewer may see.
 *
 * Notices are batched: the ids that change within `LINGER_MS` of each other (and while a
 * notice is being sent) go out as one comma-separated payload. A NOTIFY is a transaction of
 * its own that takes PostgreSQL's notification-queue lock at commit; one per transition cost
 * a fifth of the database's CPU under load and serialised the commits. Live updates wait
 * at most `LINGER_MS` longer, which nobody watching a dashboard can see.
 */
@Injectable()
export class CaseChangeNotifier implements OnApplicationShutdown {
  static readonly CHANNEL = 'case_changed';
  /** A payload must stay under 8000 bytes: at most this many 36-character ids and commas. */
  static readonly IDS_PER_NOTICE = 200;
  static readonly LINGER_MS = 10;

  private readonly logger = new Logger(CaseChangeNotifier.name);
  private readonly pending = new Set<string>();
  private timer: NodeJS.Timeout | null = null;
  private sending: Promise<void> | null = null;

  constructor(@Inject(DataSource) private readonly db: DataSource) {}

  /** Call after the change committed. */
  caseChanged(caseId: string): void {
    this.pending.add(caseId);
    this.schedule();
  }

  /** The payload of a notice, back to case ids (for listeners). */
  static caseIdsOf(payload: string): string[] {
    return payload.split(',').filter(Boolean);
  }

  /** Sends every change announced so far now, without waiting out the linger. */
  async flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.sending;
    await this.send();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.flush();
  }

  private schedule(): void {
    if (this.timer || this.sending) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.sending = this.send().finally(() => {
        this.sending = null;
        // Ids that changed while this notice was on its way.
        if (this.pending.size > 0) this.schedule();
      });
    }, CaseChangeNotifier.LINGER_MS);
  }

  private async send(): Promise<void> {
    while (this.pending.size > 0) {
      const ids = [...this.pending].slice(0, CaseChangeNotifier.IDS_PER_NOTICE);
      for (const id of ids) this.pending.delete(id);
      try {
        await this.db.query('SELECT pg_notify($1, $2)', [CaseChangeNotifier.CHANNEL, ids.join(',')]);
      } catch (error) {
        // The changes are committed; a lost notice only delays other viewers until they refetch.
        if (this.db.isInitialized) this.logger.warn(`Could not announce changes to ${ids.length} case(s): ${String(error)}`);
      }
    }
  }
}
