import type { GraphQLFormattedError } from 'graphql';
import { GraphQLError } from 'graphql';
import { isPoolTimeout, unavailable, UNAVAILABLE_RETRY_AFTER_SECONDS } from './admission.js';
import { isDatabaseUnavailable, UNAVAILABLE_MESSAGE } from './database-unavailable.js';
import { isTokenLimit, TOKEN_LIMIT_DETAIL, tooComplex } from './query-limits.js';

/** Every code a client may be answered with; anything else becomes INTERNAL_SERVER_ERROR. */
export const CLIENT_ERROR_CODES: ReadonlySet<string> = new Set([
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'BAD_USER_INPUT',
  'INVALID_TRANSITION',
  'VERSION_CONFLICT',
  'ALREADY_FILED',
  'TOO_MANY_REQUESTS',
  'QUERY_TOO_COMPLEX',
  'TOO_MANY_SUBSCRIPTIONS',
  'RATE_LIMITED',
  'UNAVAILABLE',
  'GRAPHQL_VALIDATION_FAILED',
  'GRAPHQL_PARSE_FAILED',
  'PERSISTED_QUERY_NOT_FOUND',
  'OPERATION_RESOLUTION_FAILURE',
  'BAD_REQUEST',
]);

/**
 * The code a client is answered with for this error: class-validator's list and a value our
 * scalar refused are BAD_USER_INPUT; a code the api chose stays; anything else is unexpected.
 */
export function clientCode(error: unknown): string {
  const code = String((error as GraphQLError | undefined)?.extensions?.code ?? '');
  const original = error instanceof GraphQLError ? (error.originalError ?? error) : error;
  const response = (original as { response?: { message?: unknown } } | undefined)?.response;
  if (response && Array.isArray(response.message)) return 'BAD_USER_INPUT';
  if (isPoolTimeout(original)) return 'UNAVAILABLE';
  if (code === 'GRAPHQL_VALIDATION_FAILED' && original instanceof GraphQLError && original.extensions?.code === 'BAD_USER_INPUT') return 'BAD_USER_INPUT';
  if (code === 'GRAPHQL_VALIDATION_FAILED' && original instanceof GraphQLError && original.extensions?.code === 'QUERY_TOO_COMPLEX') return 'QUERY_TOO_COMPLEX';
  if (code === 'GRAPHQL_PARSE_FAILED' && isTokenLimit(String((error as GraphQLError).message))) return 'QUERY_TOO_COMPLEX';
  if (CLIENT_ERROR_CODES.has(code)) return code === 'BAD_REQUEST' ? 'BAD_USER_INPUT' : code;
  if (isDatabaseUnavailable(original)) return 'UNAVAILABLE';
  return 'INTERNAL_SERVER_ERROR';
}

/** The errors the api means (NOT_FOUND, BAD_USER_INPUT, …): never logged as errors. */
export const isExpectedError = (error: unknown): boolean => clientCode(error) !== 'INTERNAL_SERVER_ERROR';

/**
 * Keeps codes and messages the api chose; replaces anything unexpected with a generic
 * sentence so that no SQL, stack or confidential value reaches a client.
 */
export function formatGraphQLError(
  formatted: GraphQLFormattedError,
  error: unknown,
  log: (error: unknown) => void,
): GraphQLFormattedError {
  const code = String(formatted.extensions?.code ?? '');
  const original = error instanceof GraphQLError ? (error.originalError ?? error) : error;
  // Nest's ValidationPipe and class-validator raise BadRequestException with a list of problems.
  const response = (original as { response?: { message?: unknown } } | undefined)?.response;
  if (response && Array.isArray(response.message)) {
    return {
      message: response.message.join('; '),
      locations: formatted.locations,
      path: formatted.path,
      extensions: { code: 'BAD_USER_INPUT' },
    };
  }
  // No database connection came within DATABASE_POOL_WAIT_MS: the service is at capacity, the
  // request did nothing wrong (the response gets HTTP 503: common/admission.ts).
  if (isPoolTimeout(original)) {
    const { message, extensions } = unavailable();
    const { http: _http, ...rest } = extensions;
    return { message, locations: formatted.locations, path: formatted.path, extensions: rest };
  }
  // A literal our scalar refused (a DateTime not on the calendar) fails GraphQL's validation:
  // it is the client's input, as the same value sent in a variable is.
  if (code === 'GRAPHQL_VALIDATION_FAILED' && original instanceof GraphQLError && original.extensions?.code === 'BAD_USER_INPUT') {
    return { message: formatted.message, locations: formatted.locations, path: formatted.path, extensions: { code: 'BAD_USER_INPUT' } };
  }
  // A request over the limits (common/query-limits.ts): refused by a validation rule of ours,
  // or by graphql-js's parser at the token limit.
  if (code === 'GRAPHQL_VALIDATION_FAILED' && original instanceof GraphQLError && original.extensions?.code === 'QUERY_TOO_COMPLEX') {
    return { message: formatted.message, locations: formatted.locations, extensions: { code: 'QUERY_TOO_COMPLEX' } };
  }
  if (code === 'GRAPHQL_PARSE_FAILED' && isTokenLimit(formatted.message)) {
    return { message: tooComplex(TOKEN_LIMIT_DETAIL).message, extensions: { code: 'QUERY_TOO_COMPLEX' } };
  }
  if (CLIENT_ERROR_CODES.has(code)) {
    const { stacktrace: _stack, http: _http, ...extensions } = formatted.extensions ?? {};
    return { ...formatted, extensions: { ...extensions, code: code === 'BAD_REQUEST' ? 'BAD_USER_INPUT' : code } };
  }
  // The database is down or restarting (common/database-unavailable.ts): worth a retry, not a bug.
  if (isDatabaseUnavailable(original)) {
    return {
      message: UNAVAILABLE_MESSAGE,
      locations: formatted.locations,
      path: formatted.path,
      extensions: { code: 'UNAVAILABLE', retryAfter: UNAVAILABLE_RETRY_AFTER_SECONDS },
    };
  }
  log(original);
  return {
    message: 'Something went wrong on our side. Try again; if it keeps happening, tell your administrator.',
    locations: formatted.locations,
    path: formatted.path,
    extensions: { code: 'INTERNAL_SERVER_ERROR' },
  };
}

/** graphql-js's "Did you mean …?" at the end of a message (the pattern Apollo's own plugin removes). */
const SUGGESTION = / ?Did you mean(.+?)\?$/;

/** The error without graphql-js's suggestions of names the schema has (a deployment gives none). */
export function withoutSuggestions(formatted: GraphQLFormattedError): GraphQLFormattedError {
  return SUGGESTION.test(formatted.message) ? { ...formatted, message: formatted.message.replace(SUGGESTION, '') } : formatted;
}
