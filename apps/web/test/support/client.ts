import type { GraphQLFormattedError } from 'graphql';
import { pipe, filter, mergeMap, fromValue, never } from 'wonka';
import { Client, cacheExchange, getOperationName, makeResult, type Exchange, type Operation } from 'urql';

export interface FakeResponse {
  data?: unknown;
  errors?: GraphQLFormattedError[];
}

/** What the fake api answers for one operation; `'pending'` never answers (loading states). */
export type Responder = (operation: Operation & { name: string }) => FakeResponse | 'pending';

/**
 * A real urql client whose last exchange answers from `respond` instead of the network, so
 * components run through urql as in the app. `operations` records what was sent.
 */
export function createTestClient(respond: Responder) {
  const operations: (Operation & { name: string })[] = [];
  const fakeApi: Exchange = () => (operations$) =>
    pipe(
      operations$,
      filter((operation) => operation.kind !== 'teardown'),
      mergeMap((operation) => {
        const named = Object.assign(operation, { name: getOperationName(operation.query) ?? '' });
        operations.push(named);
        const response = respond(named);
        if (response === 'pending') return never;
        return fromValue(makeResult(operation, { data: response.data ?? null, errors: response.errors }));
      }),
    );
  const client = new Client({ url: '/graphql', exchanges: [cacheExchange, fakeApi] });
  return { client, operations, sent: (name: string) => operations.filter((o) => o.name === name) };
}

/** A GraphQL error as the api formats it. */
export function apiFailure(code: string, message: string): FakeResponse {
  return { data: null, errors: [{ message, extensions: { code } }] };
}
