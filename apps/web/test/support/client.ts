import type { GraphQLFormattedError } from 'graphql';
import { pipe, filter, mergeMap, fromValue, never, makeSubject, onEnd, type Subject } from 'wonka';
import {
  Client,
  cacheExchange,
  getOperationName,
  makeResult,
  type Exchange,
  type Operation,
  type OperationResult,
} from 'urql';

export interface FakeResponse {
  data?: unknown;
  errors?: GraphQLFormattedError[];
}

/** What the fake api answers for one operation; `'pending'` never answers (loading states). */
export type Responder = (operation: Operation & { name: string }) => FakeResponse | 'pending';

interface Stream {
  name: string;
  operation: Operation;
  subject: Subject<OperationResult>;
  active: boolean;
}

/**
 * A real urql client whose last exchange answers from `respond` instead of the network, so
 * components run through urql as in the app. `operations` records what was sent.
 * Subscriptions never reach `respond`: they stay open, and `push(name, data)` delivers an
 * event to every active subscription of that name, as the api's socket would. `exchanges` run
 * between the cache and the fake api (the app's own, to test how it reacts to answers).
 */
export function createTestClient(respond: Responder, { exchanges = [] }: { exchanges?: Exchange[] } = {}) {
  const operations: (Operation & { name: string })[] = [];
  const streams: Stream[] = [];
  const fakeApi: Exchange = () => (operations$) =>
    pipe(
      operations$,
      filter((operation) => {
        if (operation.kind !== 'teardown') return true;
        for (const stream of streams) if (stream.operation.key === operation.key) stream.active = false;
        return false;
      }),
      mergeMap((operation) => {
        const named = Object.assign(operation, { name: getOperationName(operation.query) ?? '' });
        operations.push(named);
        if (operation.kind === 'subscription') {
          const stream: Stream = { name: named.name, operation, subject: makeSubject<OperationResult>(), active: true };
          streams.push(stream);
          return pipe(
            stream.subject.source,
            onEnd(() => {
              stream.active = false;
            }),
          );
        }
        const response = respond(named);
        if (response === 'pending') return never;
        return fromValue(makeResult(operation, { data: response.data ?? null, errors: response.errors }));
      }),
    );
  const client = new Client({ url: '/graphql', exchanges: [cacheExchange, ...exchanges, fakeApi] });
  const active = (name: string) => streams.filter((s) => s.name === name && s.active);
  return {
    client,
    operations,
    sent: (name: string) => operations.filter((o) => o.name === name),
    /** The open subscriptions of that name. */
    subscriptions: active,
    /** Delivers one event to every open subscription of that name; returns how many got it. */
    push(name: string, response: FakeResponse): number {
      const targets = active(name);
      for (const stream of targets) {
        stream.subject.next(makeResult(stream.operation, { data: response.data ?? null, errors: response.errors }));
      }
      return targets.length;
    },
  };
}

/** A GraphQL error as the api formats it. */
export function apiFailure(code: string, message: string): FakeResponse {
  return { data: null, errors: [{ message, extensions: { code } }] };
}
