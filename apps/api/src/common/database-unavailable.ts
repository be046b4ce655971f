import { GraphQLError } from 'graphql';
import { UNAVAILABLE_RETRY_AFTER_SECONDS } from './admission.js';
import { AppError } from './errors.js';

/**
 * Errors that mean "the database cannot be reached just now" (the server is down, restarting,
 * or cut off), as opposed to a bug or a refused statement: the request is answered
 * UNAVAILABLE, which a client may retry, instead of INTERNAL_SERVER_ERROR.
 */
const SQLSTATES = new Set([
  '57P01', // admin_shutdown: the server is stopping
  '57P02', // crash_shutdown: another backend crashed, this one was ended
  '57P03', // cannot_connect_now: starting up or in recovery
  '53300', // too_many_connections
]);
const SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);
// pg's and pg-pool's own words for a connection that broke or never came.
const MESSAGES = /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|Client was closed and is not queryable|connection timeout|Connection is not established/i;

export function isDatabaseUnavailable(error: unknown): boolean {
  const seen = new Set<unknown>();
  for (let at: unknown = error; at && typeof at === 'object' && !seen.has(at); ) {
    seen.add(at);
    const { code, message } = at as { code?: unknown; message?: unknown };
    if (typeof code === 'string' && (SQLSTATES.has(code) || code.startsWith('08') || SOCKET_CODES.has(code))) return true;
    if (at instanceof AggregateError && at.errors.some((inner) => isDatabaseUnavailable(inner))) return true;
    if (typeof message === 'string' && MESSAGES.test(message)) return true;
    // GraphQL's wrapper, TypeORM's QueryFailedError, an Error's cause.
    const next = at as { originalError?: unknown; driverError?: unknown; cause?: unknown };
    at = (at instanceof GraphQLError ? next.originalError : undefined) ?? next.driverError ?? next.cause;
  }
  return false;
}

export const UNAVAILABLE_MESSAGE = 'The service cannot reach its database just now. Try again in a moment.';

/**
 * For a request refused before GraphQL runs it (its viewer could not be looked up): HTTP 503
 * with Retry-After, as a refusal at capacity (common/admission.ts); an UNAVAILABLE error from a
 * resolver gets the same status and header from `unavailableStatusPlugin`.
 */
export function databaseUnavailable(): AppError {
  return new AppError('UNAVAILABLE', UNAVAILABLE_MESSAGE, {
    retryAfter: UNAVAILABLE_RETRY_AFTER_SECONDS,
    http: { status: 503, headers: new Map([['retry-after', String(UNAVAILABLE_RETRY_AFTER_SECONDS)]]) },
  });
}
