import { Client, cacheExchange, fetchExchange, mapExchange } from 'urql';

export interface ClientOptions {
  /** Called once per client when a query fails because the session has ended. */
  onUnauthenticated?: () => void;
}

/**
 * The urql client: same-origin `/graphql` with the session cookie. A new client is made at
 * every sign-in and sign-out so that nothing cached for one person is shown to the next.
 */
export function createUrqlClient({ onUnauthenticated }: ClientOptions = {}): Client {
  let reported = false;
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
          if (expired && operation.kind === 'query' && !reported) {
            reported = true;
            onUnauthenticated?.();
          }
        },
      }),
      fetchExchange,
    ],
  });
}
