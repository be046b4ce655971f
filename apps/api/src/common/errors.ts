import { GraphQLError } from 'graphql';

/**
 * Every error the api shows a person has a stable `extensions.code` and a sentence they can
 * act on. Nothing else leaves the server: unexpected errors become INTERNAL_SERVER_ERROR
 * with a generic sentence (see formatGraphQLError).
 */
export type ErrorCode =
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'BAD_USER_INPUT'
  | 'INVALID_TRANSITION'
  | 'VERSION_CONFLICT'
  | 'ALREADY_FILED'
  | 'TOO_MANY_REQUESTS'
  | 'QUERY_TOO_COMPLEX'
  | 'TOO_MANY_SUBSCRIPTIONS'
  | 'RATE_LIMITED'
  | 'UNAVAILABLE'
  | 'INTERNAL_SERVER_ERROR';

export class AppError extends GraphQLError {
  constructor(code: ErrorCode, message: string, extra: Record<string, unknown> = {}) {
    super(message, { extensions: { code, ...extra } });
    this.name = 'AppError';
  }
}

export const badInput = (field: string, message: string) =>
  new AppError('BAD_USER_INPUT', `${field}: ${message}`, { field });

export const notFound = (what: string) =>
  new AppError('NOT_FOUND', `No ${what} with that id exists, or you do not have access to it.`);

export const unauthenticated = () => new AppError('UNAUTHENTICATED', 'Sign in to continue.');
