import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CaseChangeListener } from '../realtime/case-change.listener.js';

/**
 * Whether this instance can reach its database, for /healthz and /readyz, cheaply: the LISTEN
 * connection (realtime/case-change.listener.ts) drops the moment the server goes, which is
 * known without a query; while it is up, a `SELECT 1` on it answers at most once a second
 * (probes in between share the last answer, or the probe in flight), so probes never queue on
 * the pool or hammer the database. A change of state is logged once.
 */
@Injectable()
export class DatabaseHealth {
  /** How long an answer is reused. */
  static readonly FRESH_MS = 1000;
  /** A probe slower than this counts as a database gone (a stall as long is an outage to a user). */
  static readonly PROBE_TIMEOUT_MS = 2000;

  private readonly logger = new Logger(DatabaseHealth.name);
  private last: { up: boolean; at: number } | null = null;
  private probing: Promise<boolean> | null = null;

  constructor(
    @Inject(DataSource) private readonly db: DataSource,
    private readonly listener: CaseChangeListener,
  ) {}

  async isUp(): Promise<boolean> {
    if (!this.db.isInitialized || !this.listener.isListening) return this.record(false);
    if (this.last && Date.now() - this.last.at < DatabaseHealth.FRESH_MS) return this.last.up;
    return (this.probing ??= this.listener
      .ping(DatabaseHealth.PROBE_TIMEOUT_MS)
      .then((up) => this.record(up))
      .finally(() => (this.probing = null)));
  }

  private record(up: boolean): boolean {
    // While not listening the answer is known without a probe and is not kept: the first
    // probe after the reconnect runs at once.
    this.last = this.listener.isListening ? { up, at: Date.now() } : null;
    if (up !== this.state && (this.state !== undefined || !up)) {
      if (up) this.logger.log('The database answers again');
      else this.logger.warn('The database cannot be reached: /healthz and /readyz answer 503, GraphQL requests UNAVAILABLE');
    }
    this.state = up;
    return up;
  }

  private state: boolean | undefined;
}
