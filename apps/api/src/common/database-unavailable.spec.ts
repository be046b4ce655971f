import { describe, expect, it } from '@jest/globals';
import { GraphQLError } from 'graphql';
import { QueryFailedError } from 'typeorm';
import { clientCode } from './format-error.js';
import { isDatabaseUnavailable } from './database-unavailable.js';

const pgError = (code: string, message = 'x') => Object.assign(new Error(message), { code });

describe('isDatabaseUnavailable', () => {
  it.each([
    ['a refused connection', Object.assign(new AggregateError([pgError('ECONNREFUSED')], ''), { code: 'ECONNREFUSED' })],
    ['a refused connection inside AggregateError only', new AggregateError([pgError('ECONNREFUSED')], '')],
    ['the server shutting down (57P01)', pgError('57P01', 'terminating connection due to administrator command')],
    ['the server starting up (57P03)', pgError('57P03', 'the database system is starting up')],
    ['a connection exception (08006)', pgError('08006')],
    ['a connection cut mid-query', new Error('Connection terminated unexpectedly')],
    ["the pool's wait running out", new Error('timeout exceeded when trying to connect')],
    ['a query failed for either, wrapped by TypeORM', new QueryFailedError('SELECT 1', [], pgError('57P01'))],
    ['the same, wrapped by GraphQL', new GraphQLError('x', { originalError: new QueryFailedError('SELECT 1', [], pgError('ECONNRESET')) })],
  ])('is true for %s', (_what, error) => {
    expect(isDatabaseUnavailable(error)).toBe(true);
    expect(clientCode(error)).toBe('UNAVAILABLE');
  });

  it.each([
    ['a unique violation', new QueryFailedError('INSERT', [], pgError('23505'))],
    ['a bug', new TypeError('cannot read properties of undefined')],
    ['nothing', undefined],
  ])('is false for %s', (_what, error) => {
    expect(isDatabaseUnavailable(error)).toBe(false);
    expect(clientCode(error)).toBe('INTERNAL_SERVER_ERROR');
  });
});
