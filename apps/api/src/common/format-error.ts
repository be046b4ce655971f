import type { GraphQLFormattedError } from 'graphql';
import { GraphQLError } from 'graphql';

const KNOWN = new Set([
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'BAD_USER_INPUT',
  'INVALID_TRANSITION',
  'VERSION_CONFLICT',
  'TOO_MANY_REQUESTS',
  'GRAPHQL_VALIDATION_FAILED',
  'GRAPHQL_PARSE_FAILED',
  'PERSISTED_QUERY_NOT_FOUND',
  'OPERATION_RESOLUTION_FAILURE',
  'BAD_REQUEST',
]);

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
  // A literal our scalar refused (a DateTime not on the calendar) fails GraphQL's validation:
  // it is the client's input, as the same value sent in a variable is.
  if (code === 'GRAPHQL_VALIDATION_FAILED' && original instanceof GraphQLError && original.extensions?.code === 'BAD_USER_INPUT') {
    return { message: formatted.message, locations: formatted.locations, path: formatted.path, extensions: { code: 'BAD_USER_INPUT' } };
  }
  if (KNOWN.has(code)) {
    const { stacktrace: _stack, ...extensions } = formatted.extensions ?? {};
    return { ...formatted, extensions: { ...extensions, code: code === 'BAD_REQUEST' ? 'BAD_USER_INPUT' : code } };
  }
  log(original);
  return {
    message: 'Something went wrong on our side. Try again; if it keeps happening, tell your administrator.',
    locations: formatted.locations,
    path: formatted.path,
    extensions: { code: 'INTERNAL_SERVER_ERROR' },
  };
}
