import type { IncomingMessage } from 'node:http';
import type { GraphQLWsSubscriptionsConfig } from '@nestjs/graphql';
import { parseCookie } from 'cookie';
import {
  createSourceEventStream,
  execute,
  getOperationAST,
  GraphQLError,
  parse,
  specifiedRules,
  validate,
  type DocumentNode,
  type ExecutionArgs,
  type ExecutionResult,
  type GraphQLFormattedError,
} from 'graphql';
import { SESSION_COOKIE } from '../auth/auth.service.js';
import type { Viewer } from '../auth/viewer.js';
import { AppError } from '../common/errors.js';
import { formatGraphQLError, withoutSuggestions } from '../common/format-error.js';
import { costProblem, isTokenLimit, limitParseOptions, limitRules, TOKEN_LIMIT_DETAIL, tooComplex } from '../common/query-limits.js';

/** The graphql-ws server's per-socket context, as its hooks and the context factory receive it. */
export type SocketConnection = Parameters<NonNullable<GraphQLWsSubscriptionsConfig['onConnect']>>[0];

/** What graphql-ws with `ws` puts in `extra`: the HTTP request that opened the socket. */
interface SocketExtra {
  request: IncomingMessage;
}

/** The GraphQL context of an operation over the socket (subscriptions only: see onSubscribe). */
export interface SocketContext {
  transport: 'websocket';
  /** The upgrade request that opened the socket. There is no response to write to. */
  req: IncomingMessage;
  viewer: Viewer | null;
  /** As in RequestContext: why the socket's session no longer works. */
  signedOut?: string;
}

/** The context factory is called with Fastify's request over HTTP and with the socket's context over graphql-ws. */
export function isSocketConnection(input: object): input is SocketConnection {
  return 'extra' in input && 'acknowledged' in input;
}

export function upgradeRequest(connection: SocketConnection): IncomingMessage {
  return (connection.extra as SocketExtra).request;
}

/**
 * The session token of a socket: `connectionParams.authorization` ("Bearer <token>", what API
 * clients send in connection_init), else the session cookie of the upgrade request (what the
 * browser sends). The cookie counts only when the page that opened the socket is on the api's
 * own origin: SameSite=Lax keeps the cookie off cross-site sockets, but not off those opened
 * by another origin of the same site (a sibling subdomain), and browsers apply no CORS to
 * WebSockets. A browser always sends Origin on a socket; clients without one are not browsers.
 */
export function socketToken(connection: SocketConnection): string | undefined {
  const params = (connection.connectionParams ?? {}) as Record<string, unknown>;
  const header = params.authorization ?? params.Authorization;
  if (typeof header === 'string' && header.startsWith('Bearer ')) {
    const token = header.slice('Bearer '.length).trim();
    if (token) return token;
  }
  const request = upgradeRequest(connection);
  if (!fromOwnOrigin(request)) return undefined;
  return parseCookie(request.headers.cookie ?? '')[SESSION_COOKIE];
}

/** The upgrade request names no Origin, or one whose host is the host it was sent to. */
export function fromOwnOrigin(request: IncomingMessage): boolean {
  const origin = request.headers.origin;
  if (origin === undefined) return true;
  try {
    return new URL(origin).host === request.headers.host;
  } catch {
    return false; // "null" (a sandboxed frame, a file) or garbage
  }
}

/** A copy of a context with its own identity, so that what is cached per context (DataLoaders) starts empty. */
export function freshContext<T extends object>(context: T): T {
  return Object.assign(Object.create(Object.getPrototypeOf(context) as object) as T, context);
}

/**
 * graphql-js's `subscribe`, except that every event executes with a fresh copy of the
 * context. A subscription's context lives as long as the subscription, and per-request
 * loaders cached on it would otherwise answer later events with the first event's data.
 */
export async function subscribePerEvent(args: ExecutionArgs): Promise<AsyncIterableIterator<ExecutionResult> | ExecutionResult> {
  const stream = await createSourceEventStream(args);
  if (!(Symbol.asyncIterator in Object(stream))) return stream as ExecutionResult;
  const source = (stream as AsyncIterable<unknown>)[Symbol.asyncIterator]();
  const context = (args.contextValue ?? {}) as object;
  const close = async (): Promise<IteratorResult<ExecutionResult, undefined>> => {
    await source.return?.();
    return { value: undefined, done: true };
  };
  const events: AsyncIterableIterator<ExecutionResult> = {
    async next() {
      const event = await source.next();
      if (event.done) return { value: undefined, done: true };
      try {
        return { value: await execute({ ...args, rootValue: event.value, contextValue: freshContext(context) }), done: false };
      } catch (error) {
        await close().catch(() => undefined);
        throw error;
      }
    },
    return: close,
    [Symbol.asyncIterator]() {
      return events;
    },
  };
  return events;
}

type WsHooks = Required<Pick<GraphQLWsSubscriptionsConfig, 'path' | 'onSubscribe' | 'onNext'>> & {
  // graphql-ws's own options; @nestjs/graphql passes them through (its type lists fewer).
  onError: (connection: SocketConnection, id: string, payload: unknown, errors: readonly GraphQLError[]) => GraphQLFormattedError[];
  subscribe: typeof subscribePerEvent;
  validate: typeof validate;
};

/**
 * The graphql-ws options: subscriptions on the HTTP port and path, and the same error rules as
 * HTTP (codes kept, anything unexpected replaced by a generic sentence), and a fresh context
 * per event (see subscribePerEvent).
 * Queries and mutations over the socket are refused: they belong to HTTP, where a response
 * can set the session cookie. `hideSuggestions` (a deployment): no "Did you mean", as over HTTP.
 * `admit` counts each subscribe message against the request rate limits; its RATE_LIMITED
 * refusal is the subscription's error.
 */
export function socketTransport(
  path: string,
  log: (error: unknown) => void,
  { hideSuggestions = false, admit = async () => undefined }: { hideSuggestions?: boolean; admit?: (connection: SocketConnection) => Promise<void> } = {},
): WsHooks {
  const format = (formatted: GraphQLFormattedError, error: unknown) => {
    const answer = formatGraphQLError(formatted, error, log);
    return hideSuggestions ? withoutSuggestions(answer) : answer;
  };
  return {
    path,
    subscribe: subscribePerEvent,
    // The same limits as over HTTP (common/query-limits.ts); the cost without variables, as
    // graphql-ws validates before it reads them (no subscription takes a `first`).
    validate: (schema, document) => {
      const errors = validate(schema, document, [...specifiedRules, ...limitRules]);
      if (errors.length) return errors;
      const cost = costProblem(schema, document);
      return cost ? [cost] : [];
    },
    onSubscribe: async (connection, _id, payload) => {
      let document: DocumentNode;
      try {
        document = parse(payload.query, limitParseOptions);
      } catch (error) {
        if (error instanceof GraphQLError && isTokenLimit(error.message)) return [tooComplex(TOKEN_LIMIT_DETAIL)];
        const message = error instanceof GraphQLError ? error.message : 'The query could not be parsed.';
        return [new GraphQLError(message, { extensions: { code: 'GRAPHQL_PARSE_FAILED' } })];
      }
      const operation = getOperationAST(document, payload.operationName);
      if (operation && operation.operation !== 'subscription') {
        return [
          new AppError(
            'BAD_USER_INPUT',
            `This socket carries subscriptions only: send the ${operation.operation} to ${path} over HTTP POST.`,
          ),
        ];
      }
      // The request rate limits (common/rate-limit.ts), before the subscription runs anything.
      try {
        await admit(connection);
      } catch (error) {
        if (error instanceof GraphQLError) return [error];
        throw error;
      }
      return undefined;
    },
    onNext: (_connection, _id, _payload, _args, result) => {
      if (!result.errors?.length) return undefined;
      return { ...result, errors: result.errors.map((error) => format(error.toJSON(), error)) };
    },
    onError: (_connection, _id, _payload, errors) =>
      errors.map((error) => {
        const formatted = error.toJSON();
        // Errors here come from checking the request (parse, validation, our onSubscribe), never
        // from running it; graphql-js leaves validation errors without a code.
        const known = error.originalError || formatted.extensions?.code
          ? formatted
          : { ...formatted, extensions: { ...formatted.extensions, code: 'GRAPHQL_VALIDATION_FAILED' } };
        return format(known, error);
      }),
  };
}
