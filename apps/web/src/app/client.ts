import { createClient as createSocketClient, type Client as SocketClient } from 'graphql-ws';
import { Client, cacheExchange, fetchExchange, mapExchange, subscriptionExchange } from 'urql';

export interface ClientOptions {
  /** Called once per client when a query fails because the session has ended. */
  onUnauthenticated?: () => void;
  /** Called when the live-update socket connects again after an earlier connection. */
  onReconnected?: () => void;
}

/** The api's GraphQL path on this origin, as a websocket address: ws(s)://host/graphql. */
export function socketUrl(location: Pick<Location, 'protocol' | 'host'> = window.location): string {
  return `${location.protocol === 'https:' ? 'wss:' : 'ws:'}//${location.host}/graphql`;
}

/** Waits before the next reconnection attempt: 1 s, 2 s, 4 s … at most 30 s, plus up to 1 s of jitter. */
export function retryDelay(retries: number): number {
  return Math.min(1000 * 2 ** retries, 30_000) + Math.floor(Math.random() * 1000);
}

/**
 * The live-update socket (graphql-ws on the same origin, so the session cookie goes along
 * with the upgrade request). It opens with the first subscription and closes a little after
 * the last one; it retries for ever, and says when it is back after an earlier connection.
 */
export function createSocket({ onReconnected }: Pick<ClientOptions, 'onReconnected'> = {}): SocketClient {
  let connectedBefore = false;
  return createSocketClient({
    url: socketUrl(),
    lazy: true,
    // Moving from the pipeline to a case should not drop and reopen the socket.
    lazyCloseTimeout: 5_000,
    retryAttempts: Infinity,
    // A dropped network is worth retrying as much as an abnormal close.
    shouldRetry: () => true,
    retryWait: (retries) => new Promise((resolve) => setTimeout(resolve, retryDelay(retries))),
    on: {
      connected: () => {
        if (connectedBefore) onReconnected?.();
        connectedBefore = true;
      },
    },
  });
}

/**
 * The urql client: same-origin `/graphql` with the session cookie, subscriptions over
 * graphql-ws on the same path. A new client is made at every sign-in and sign-out so that
 * nothing cached for one person is shown to the next.
 */
export function createUrqlClient({ onUnauthenticated, onReconnected }: ClientOptions = {}): Client {
  let reported = false;
  let socket: SocketClient | null = null;
  return new Client({
    url: '/graphql',
    // POST only: the api's CSRF protection refuses GET requests from browsers.
    preferGetMethod: false,
    fetchOptions: { credentials: 'include' },
    exchanges: [
      cacheExchange,
      mapExchange({
        onError(error, operation) {
          const expired = error.graphQLErrors.some((e) => e.extensions?.code === 'UNAUTHENTICATED');
          // Not mutations: a refused sign-in answers UNAUTHENTICATED too. A subscription ends
          // with it when the session is ended elsewhere (signed out in another tab, revoked).
          if (expired && operation.kind !== 'mutation' && !reported) {
            reported = true;
            onUnauthenticated?.();
          }
        },
      }),
      subscriptionExchange({
        forwardSubscription(request) {
          socket ??= createSocket({ onReconnected });
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
