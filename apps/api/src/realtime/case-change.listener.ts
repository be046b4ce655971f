import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown, type OnModuleDestroy } from '@nestjs/common';
import pg from 'pg';
import { DataSource } from 'typeorm';
import type { PostgresDataSourceOptions } from 'typeorm/driver/postgres/PostgresDataSourceOptions.js';
import { SESSION_REVOKED_CHANNEL } from '../auth/auth.service.js';
import { ViewerCache } from '../auth/viewer-cache.js';
import { CaseChangeNotifier } from '../cases/case-change.notifier.js';
import { RESYNC, REVOKED, SignalFeed, type CaseSignal } from './change-feed.js';

export const LISTENER_APPLICATION_NAME = 'impasse-api-listener';

/** Reconnect delays: 100 ms doubling to 5 s, each with up to 20 % jitter so instances spread out. */
export function backoff(attempt: number): number {
  const base = Math.min(5000, 100 * 2 ** Math.min(attempt, 10));
  return Math.round(base * (1 + Math.random() * 0.2));
}

/**
 * One dedicated PostgreSQL connection per api instance that `LISTEN`s for committed case
 * changes (NOTIFY from any instance, see CaseChangeNotifier) and fans them out to this
 * instance's subscriptions. Not from the pool: a LISTEN lives as long as its connection.
 * It also hears ended sessions (AuthService): it makes the ViewerCache forget them and ends
 * their subscriptions, and it tells the cache whether it may be trusted at all.
 *
 * If the connection drops it reconnects with backoff and, once listening again, sends every
 * subscription a resync: NOTIFYs sent while nobody listened are gone, so subscribers refetch.
 */
@Injectable()
export class CaseChangeListener implements OnApplicationBootstrap, OnModuleDestroy, OnApplicationShutdown {
  private readonly logger = new Logger(CaseChangeListener.name);
  private readonly feeds = new Set<{ feed: SignalFeed; caseId: string | null; sessionId: string | null }>();
  private client: pg.Client | null = null;
  private listening = false;
  private stopped = false;
  private attempt = 0;
  private retry: NodeJS.Timeout | null = null;
  private readonly lostClients = new WeakSet<pg.Client>();

  constructor(
    @Inject(DataSource) private readonly db: DataSource,
    private readonly viewers: ViewerCache,
  ) {}

  /** Listening now (false between a dropped connection and the reconnect). */
  get isListening(): boolean {
    return this.listening;
  }

  /** Open subscriptions on this instance. */
  get subscriberCount(): number {
    return this.feeds.size;
  }

  async onApplicationBootstrap(): Promise<void> {
    // No database (the schema printer builds the app without one): nothing to listen to.
    if (!this.db.isInitialized) return;
    await this.connect(false);
  }

  /**
   * Stops listening. The subscriptions stay open: the GraphQL module closes their sockets as
   * going away (1001) in the same phase, which ends them without a `complete`. Completing them
   * here would tell each client its subscription is over for good, and it would never
   * subscribe again once an instance is back; on a close it reconnects and subscribes again.
   */
  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    if (this.retry) clearTimeout(this.retry);
    this.retry = null;
    const client = this.client;
    this.client = null;
    this.listening = false;
    this.viewers.trust(false);
    if (client) {
      this.lostClients.add(client);
      await client.end().catch(() => undefined);
    }
  }

  /** Whatever subscription is left once the sockets are closed ends now. */
  onApplicationShutdown(): void {
    for (const { feed } of [...this.feeds]) feed.close();
  }

  /**
   * A feed of signals for one subscription: changes to `caseId` only, or to every case when
   * it is null, resyncs, and `revoked` when the session `sessionId` ends. Closing the feed
   * unregisters it.
   */
  feed(caseId: string | null = null, sessionId: string | null = null): SignalFeed {
    const entry = { caseId, sessionId, feed: null as unknown as SignalFeed };
    entry.feed = new SignalFeed(() => this.feeds.delete(entry));
    // While stopping too: its socket is about to close (see onModuleDestroy).
    this.feeds.add(entry);
    return entry.feed;
  }

  /** Hands a signal to every matching feed, in-process. */
  publish(signal: CaseSignal): void {
    for (const { caseId, feed } of this.feeds) {
      if (signal.kind !== 'changed' || caseId === null || caseId === signal.caseId) feed.push(signal);
    }
  }

  /** A session ended: its cached viewer goes, and so do its subscriptions on this instance. */
  sessionEnded(sessionId: string): void {
    this.viewers.forgetSession(sessionId);
    for (const entry of this.feeds) if (entry.sessionId === sessionId) entry.feed.push(REVOKED);
  }

  private async connect(resyncWhenListening: boolean): Promise<void> {
    const client = new pg.Client(this.clientConfig());
    client.on('notification', (message) => {
      if (message.channel === CaseChangeNotifier.CHANNEL && message.payload) {
        for (const caseId of CaseChangeNotifier.caseIdsOf(message.payload)) this.publish({ kind: 'changed', caseId });
      } else if (message.channel === SESSION_REVOKED_CHANNEL && message.payload) {
        this.sessionEnded(message.payload);
      }
    });
    client.on('error', (error) => this.lost(client, error));
    client.on('end', () => this.lost(client, null));
    try {
      await client.connect();
      await client.query(`LISTEN ${CaseChangeNotifier.CHANNEL}; LISTEN ${SESSION_REVOKED_CHANNEL}`);
    } catch (error) {
      this.lost(client, error);
      return;
    }
    if (this.stopped || this.lostClients.has(client)) {
      await client.end().catch(() => undefined);
      return;
    }
    this.client = client;
    this.listening = true;
    // From now on every revocation is heard; one made while not listening is not in the cache.
    this.viewers.trust(true);
    if (this.attempt > 0) this.logger.log(`Listening for case changes again after ${this.attempt} attempt(s)`);
    this.attempt = 0;
    if (resyncWhenListening) this.publish(RESYNC);
  }

  /** Called for every way a connection can fail; acts once per connection. */
  private lost(client: pg.Client, error: unknown): void {
    if (this.lostClients.has(client)) return;
    this.lostClients.add(client);
    client.end().catch(() => undefined);
    if (this.client === client) {
      this.client = null;
      this.listening = false;
      this.viewers.trust(false);
    }
    if (this.stopped) return;
    const delay = backoff(this.attempt);
    this.attempt += 1;
    this.logger.warn(
      `Lost the database connection that listens for case changes (${error instanceof Error ? error.message : 'closed'}); retrying in ${delay} ms`,
    );
    this.retry = setTimeout(() => {
      this.retry = null;
      void this.connect(true);
    }, delay);
    this.retry.unref();
  }

  /** The data source's own connection settings, on a connection of its own. */
  private clientConfig(): pg.ClientConfig {
    const options = this.db.options as PostgresDataSourceOptions;
    const extra = (options.extra ?? {}) as { connectionTimeoutMillis?: number };
    const where: pg.ClientConfig = options.url
      ? { connectionString: options.url }
      : {
          host: options.host,
          port: options.port,
          user: options.username,
          password: options.password,
          database: options.database,
        };
    return {
      ...where,
      // TypeORM hands its `ssl` to pg unchanged; the types differ only in TLS callbacks.
      ...(options.ssl !== undefined ? { ssl: options.ssl as pg.ClientConfig['ssl'] } : {}),
      application_name: LISTENER_APPLICATION_NAME,
      connectionTimeoutMillis: extra.connectionTimeoutMillis ?? 5000,
      keepAlive: true,
    };
  }
}
