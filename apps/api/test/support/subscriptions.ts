import { createClient, type Client } from 'graphql-ws';
import { randomUUID } from 'node:crypto';
import WebSocket from 'ws';
import { CaseChangeNotifier } from '../../src/cases/case-change.notifier.js';
import { CaseChangeListener } from '../../src/realtime/case-change.listener.js';
import type { TestApp } from './app.js';

export interface Received<T = Record<string, any>> {
  data?: T | null;
  errors?: { message: string; extensions?: { code?: string } }[];
}

export interface LiveSubscription<T = Record<string, any>> {
  /** The next result the server sends; fails after `ms` saying what was awaited. */
  next(what: string, ms?: number): Promise<Received<T>>;
  /**
   * The next result that `matches`, skipping the others. Change notices are at least once
   * (and batched), so a subscriber may be sent the case again as it already had it.
   */
  nextMatching(what: string, matches: (result: Received<T>) => boolean, ms?: number): Promise<Received<T>>;
  /** Resolves when the server completes the subscription; fails after `ms`. */
  completed(ms?: number): Promise<void>;
  /** Everything received so far, in order. */
  readonly received: Received<T>[];
  close(): void;
}

const clients = new Set<Client>();

/**
 * A graphql-ws client of a test app, as API clients (bearer token in connection_init) or a
 * browser (session cookie on the upgrade request, `origin` the page's) connect. Never retries: a dropped socket
 * must show in the test.
 */
export function socketClient(app: { url: string }, auth: { token?: string; cookie?: string; origin?: string } = {}): Client {
  const { cookie, origin } = auth;
  const impl =
    cookie || origin
      ? class extends WebSocket {
          constructor(address: string, protocols?: string | string[]) {
            super(address, protocols, { headers: cookie ? { cookie } : {}, ...(origin ? { origin } : {}) });
          }
        }
      : WebSocket;
  const client = createClient({
    url: `${app.url.replace(/^http/, 'ws')}/graphql`,
    webSocketImpl: impl,
    connectionParams: auth.token ? { authorization: `Bearer ${auth.token}` } : undefined,
    retryAttempts: 0,
    shouldRetry: () => false,
  });
  clients.add(client);
  return client;
}

export async function disposeClients(): Promise<void> {
  await Promise.all([...clients].map((client) => client.dispose()));
  clients.clear();
}

export function subscribe<T = Record<string, any>>(
  client: Client,
  query: string,
  variables: Record<string, unknown> = {},
): LiveSubscription<T> {
  const received: Received<T>[] = [];
  let read = 0;
  let done = false;
  let wake: (() => void) | null = null;
  const changed = () => {
    wake?.();
    wake = null;
  };
  const stop = client.subscribe<T>(
    { query, variables },
    {
      next: (result) => {
        received.push(result as Received<T>);
        changed();
      },
      error: (error) => {
        const errors = Array.isArray(error)
          ? (error as Received['errors'])
          : [{ message: `socket error: ${error instanceof Error ? error.message : JSON.stringify(error)}` }];
        received.push({ errors });
        done = true;
        changed();
      },
      complete: () => {
        done = true;
        changed();
      },
    },
  );

  const within = async (ms: number, what: string, ready: () => boolean): Promise<void> => {
    const deadline = Date.now() + ms;
    while (!ready()) {
      const left = deadline - Date.now();
      if (left <= 0) {
        throw new Error(`Timed out after ${ms} ms waiting for ${what}; received so far: ${JSON.stringify(received)}`);
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
  };

  return {
    received,
    async next(what, ms = 5000) {
      await within(ms, what, () => received.length > read || done);
      if (received.length > read) return received[read++]!;
      throw new Error(`The subscription ended while waiting for ${what}; received: ${JSON.stringify(received)}`);
    },
    async nextMatching(what, matches, ms = 5000) {
      const until = Date.now() + ms;
      for (;;) {
        const result = await this.next(what, Math.max(until - Date.now(), 1));
        if (matches(result)) return result;
      }
    },
    async completed(ms = 5000) {
      await within(ms, 'the subscription to complete', () => done);
    },
    close: stop,
  };
}

/** Polls a condition every 10 ms, failing after `ms` with what was awaited. */
export async function until(condition: () => boolean | Promise<boolean>, what: string, ms = 5000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`Timed out after ${ms} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/**
 * Resolves once every api instance in `apps` has heard every change announced before the
 * call. Change notices are at least once and arrive a moment after the answer, so a
 * subscription opened right after a change may be sent it late; opening it after this makes
 * what it receives exact.
 *
 * PostgreSQL delivers notifications in commit order, and every change's notice was sent by its
 * committed transaction, so a marker sent now arrives after them.
 */
export async function changesHeard(...apps: TestApp[]): Promise<void> {
  const marker = randomUUID();
  const feeds = apps.map((t) => t.app.get(CaseChangeListener).feed(marker));
  try {
    await apps[0]!.db.query('SELECT pg_notify($1, $2)', [CaseChangeNotifier.CHANNEL, marker]);
    await Promise.all(
      feeds.map(async (feed) => {
        const timeout = new Promise<never>((_, reject) => setTimeout(() => reject(new Error('Timed out waiting for the change marker')), 5000).unref());
        await Promise.race([feed.next(), timeout]);
      }),
    );
  } finally {
    for (const feed of feeds) feed.close();
  }
}
