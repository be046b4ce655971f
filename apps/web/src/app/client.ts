import {
  createClient as createSocketClient,
  type Client as SocketClient,
  type FormattedExecutionResult,
  type Sink,
  type SubscribePayload,
} from 'graphql-ws';
import type { SocketStatus } from '../modules/live/live';
import { Client, cacheExchange, fetchExchange, mapExchange, subscriptionExchange, type Exchange } from 'urql';

export interface ClientOptions {
  /** Called once per client when a query fails because the session has ended. */
  onUnauthenticated?: () => void;
  /** Called when the live-update socket connects again after an earlier connection. */
  onReconnected?: () => void;
  /** Called with the live-update socket's state whenever it changes. */
  onStatus?: (status: SocketStatus) => void;
}

/** The api's GraphQL path on this origin, as a websocket address: ws(s)://host/graphql. */
export function socketUrl(location: Pick<Location, 'protocol' | 'host'> = window.location): string {
  return `${location.protocol === 'https:' ? 'wss:' : 'ws:'}//${location.host}/graphql`;
}

/** Waits before the next reconnection attempt: 1 s, 2 s, 4 s … at most 30 s, plus up to 1 s of jitter. */
export function retryDelay(retries: number): number {
  return Math.min(1000 * 2 ** retries, 30_000) + Math.floor(Math.random() * 1000);
}

/** A ping this long after the connection opened and after each pong (graphql-ws `keepAlive`). */
export const KEEP_ALIVE_MS = 10_000;
/** A ping unanswered this long means the connection is dead (a stopped server, a network that drops packets). */
export const PONG_TIMEOUT_MS = 5_000;
/** A connection attempt not acknowledged this long after it started is given up. */
export const CONNECT_TIMEOUT_MS = 10_000;

/**
 * The live-update socket (graphql-ws on the same origin, so the session cookie goes along
 * with the upgrade request). It opens with the first subscription and closes a little after
 * the last one; it retries for ever, says when it is back after an earlier connection, and
 * reports its state: offline from the moment a connection in use closes, or is found dead
 * (a ping unanswered for PONG_TIMEOUT_MS, an attempt unacknowledged for CONNECT_TIMEOUT_MS:
 * both are terminated, which graphql-ws retries), until one is acknowledged again. So a
 * silently dead connection is noticed within KEEP_ALIVE_MS + PONG_TIMEOUT_MS.
 */
export function createSocket({
  onReconnected,
  onStatus,
  url = socketUrl(),
  webSocketImpl,
}: Pick<ClientOptions, 'onReconnected' | 'onStatus'> & { url?: string; webSocketImpl?: unknown } = {}): SocketClient {
  let connectedBefore = false;
  // Subscriptions open on this socket: a close with none is the lazy close, not a loss.
  let open = 0;
  let deadline: ReturnType<typeof setTimeout> | undefined;
  const giveUpIn = (ms: number) => {
    clearTimeout(deadline);
    deadline = setTimeout(() => client.terminate(), ms);
  };
  const client = createSocketClient({
    url,
    webSocketImpl,
    lazy: true,
    // Moving from the pipeline to a case should not drop and reopen the socket.
    lazyCloseTimeout: 5_000,
    keepAlive: KEEP_ALIVE_MS,
    retryAttempts: Infinity,
    // A dropped network is worth retrying as much as an abnormal close.
    shouldRetry: () => true,
    retryWait: (retries) => new Promise((resolve) => setTimeout(resolve, retryDelay(retries))),
    on: {
      connecting: (isRetry) => {
        onStatus?.(isRetry ? 'offline' : 'connecting');
        giveUpIn(CONNECT_TIMEOUT_MS);
      },
      connected: () => {
        clearTimeout(deadline);
        onStatus?.('live');
        if (connectedBefore) onReconnected?.();
        connectedBefore = true;
      },
      ping: (received) => {
        if (!received) giveUpIn(PONG_TIMEOUT_MS);
      },
      pong: (received) => {
        if (received) clearTimeout(deadline);
      },
      error: () => {
        if (open > 0) onStatus?.('offline');
      },
      closed: () => {
        clearTimeout(deadline);
        onStatus?.(open > 0 ? 'offline' : 'idle');
      },
    },
  });
  return {
    ...client,
    subscribe<Data = Record<string, unknown>, Extensions = unknown>(payload: SubscribePayload, sink: Sink<FormattedExecutionResult<Data, Extensions>>) {
      open += 1;
      let counted = true;
      const done = () => {
        if (counted) open -= 1;
        counted = false;
      };
      const unsubscribe = client.subscribe<Data, Extensions>(payload, {
        next: (value) => sink.next(value),
        error: (error) => {
          done();
          sink.error(error);
        },
        complete: () => {
          done();
          sink.complete();
        },
      });
      return () => {
        done();
        unsubscribe();
      };
    },
  };
}

/**
 * Calls `onUnauthenticated` once, for the first query or subscription that fails with
 * UNAUTHENTICATED: the session has ended. Not mutations: a refused sign-in answers
 * UNAUTHENTICATED too. A subscription ends with it when the session is ended elsewhere
 * (signed out in another tab, revoked).
 */
export function sessionEndedExchange(onUnauthenticated?: () => void): Exchange {
  let reported = false;
  return mapExchange({
    onError(error, operation) {
      const expired = error.graphQLErrors.some((e) => e.extensions?.code === 'UNAUTHENTICATED');
      if (expired && operation.kind !== 'mutation' && !reported) {
        reported = true;
        onUnauthenticated?.();
      }
    },
  });
}

/**
 * The urql client: same-origin `/graphql` with the session cookie, subscriptions over
 * graphql-ws on the same path. A new client is made at every sign-in and sign-out so that
 * nothing cached for one person is shown to the next.
 */
export function createUrqlClient({ onUnauthenticated, onReconnected, onStatus }: ClientOptions = {}): Client {
  let socket: SocketClient | null = null;
  return new Client({
    url: '/graphql',
    // POST only: the api's CSRF protection refuses GET requests from browsers.
    preferGetMethod: false,
    fetchOptions: { credentials: 'include' },
    exchanges: [
      cacheExchange,
      sessionEndedExchange(onUnauthenticated),
      subscriptionExchange({
        forwardSubscription(request) {
          socket ??= createSocket({ onReconnected, onStatus });
          const active = socket;
          const input = { ...request, query: request.query ?? '' };
          return {
            subscribe(sink) {
              const unsubscribe = active.subscribe(input, sink);
              return { unsubscribe };
            },
          };
        },
      }),
      fetchExchange,
    ],
  });
}
