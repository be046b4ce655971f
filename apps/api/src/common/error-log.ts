import type { ApolloServerPlugin } from '@apollo/server';
import { Logger } from '@nestjs/common';
import { GraphQLError } from 'graphql';
import { isExpectedError } from './format-error.js';

/** What is logged about an unexpected error: its kind, never the values it carried. */
export interface UnexpectedErrorEntry {
  msg: 'Unexpected error';
  operation: string | null;
  path: string | null;
  errorClass: string;
  /** PostgreSQL's SQLSTATE, for a database error. */
  sqlState?: string;
  /** The constraint, table and column PostgreSQL names (schema names, not values). */
  constraint?: string;
  table?: string;
  column?: string;
  /** Not for a database error: its message and detail quote the values. */
  message?: string;
  /** Where it was thrown; for a database error without the first line, which is its message. */
  stack?: string;
}

const SQLSTATE = /^[0-9A-Z]{5}$/;

/**
 * The loggable description of an unexpected error. A database error (TypeORM's QueryFailedError,
 * or pg's DatabaseError, both carrying a SQLSTATE `code`) is described by its class, SQLSTATE and
 * the schema names PostgreSQL gives; never its message, detail, query or parameters, which quote
 * what was written (a best offer, a note).
 */
export function describeUnexpected(error: unknown, operation: string | null = null, path: string | null = null): UnexpectedErrorEntry {
  const e = (error ?? {}) as Record<string, unknown> & { driverError?: Record<string, unknown> };
  const driver = (e.driverError ?? e) as Record<string, unknown>;
  const code = typeof driver.code === 'string' && SQLSTATE.test(driver.code) ? driver.code : undefined;
  const errorClass = error instanceof Error ? error.constructor.name : typeof error;
  const stack = typeof e.stack === 'string' ? e.stack : undefined;
  const entry: UnexpectedErrorEntry = { msg: 'Unexpected error', operation, path, errorClass };
  if (code) {
    entry.sqlState = code;
    for (const key of ['constraint', 'table', 'column'] as const) if (typeof driver[key] === 'string') entry[key] = driver[key] as string;
    if (stack) entry.stack = stack.split('\n').slice(1).join('\n');
  } else {
    if (error instanceof Error) entry.message = error.message;
    if (stack) entry.stack = stack;
  }
  return entry;
}

/**
 * Logs each unexpected error of a GraphQL operation once, at error level, with the operation's
 * name (`describeUnexpected`); expected errors (NOT_FOUND, BAD_USER_INPUT, …) are not logged
 * here: the operation log line names their codes at info.
 */
export function unexpectedErrorLogPlugin(
  write: (entry: UnexpectedErrorEntry) => void = (entry) => new Logger('GraphQL').error(entry),
): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didEncounterErrors({ errors, operationName }) {
          for (const error of errors) {
            if (isExpectedError(error)) continue;
            const original = error instanceof GraphQLError ? (error.originalError ?? error) : error;
            write(describeUnexpected(original, operationName ?? null, error.path?.join('.') ?? null));
          }
        },
      };
    },
  };
}
