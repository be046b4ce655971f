import type { CombinedError } from 'urql';

/** What the web shows for a failed request: the api's sentence and its code. */
export interface ApiError {
  message: string;
  code: string | null;
}

/**
 * Turns urql's error into the api's own message (which says what to do) and its
 * `extensions.code`. A network failure gets a sentence of our own.
 */
export function apiError(error: CombinedError): ApiError {
  const first = error.graphQLErrors[0];
  if (first) {
    const code = first.extensions?.code;
    return { message: first.message, code: typeof code === 'string' ? code : null };
  }
  return {
    message: 'Could not reach the server. Check your connection, then try again.',
    code: 'NETWORK_ERROR',
  };
}

/** True when any GraphQL error of the result carries this code. */
export function hasCode(error: CombinedError | undefined, code: string): boolean {
  return Boolean(error?.graphQLErrors.some((e) => e.extensions?.code === code));
}
