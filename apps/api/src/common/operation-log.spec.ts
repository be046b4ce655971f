import { describe, expect, it } from '@jest/globals';
import { ApolloServer } from '@apollo/server';
import { GraphQLError } from 'graphql';
import { operationLogPlugins, type OperationLogEntry } from './operation-log.js';

const typeDefs = `type Query { note(body: String!): String }`;
const resolvers = {
  Query: {
    note: (_: unknown, { body }: { body: string }) => {
      if (body === 'refuse') throw new GraphQLError('No.', { extensions: { code: 'FORBIDDEN' } });
      return body;
    },
  },
};

async function run(level: 'info' | 'warn' | 'silent', query: string, variables: Record<string, unknown>) {
  const entries: OperationLogEntry[] = [];
  const server = new ApolloServer<{ viewer: { userId: string } | null }>({ typeDefs, resolvers, plugins: operationLogPlugins(level, (e) => entries.push(e)) });
  await server.start();
  await server.executeOperation({ query, variables }, { contextValue: { viewer: { userId: 'user-1' } } });
  await server.stop();
  return entries;
}

describe('the GraphQL operation log', () => {
  it('writes one line per operation: name, type, time, who, error codes, and never the variables', async () => {
    const [entry, ...more] = await run('info', 'query Note($b: String!) { note(body: $b) }', { b: 'best offer: 120000' });
    expect(more).toEqual([]);
    expect(entry).toMatchObject({ operation: 'Note', type: 'query', userId: 'user-1', errors: [] });
    expect(entry!.ms).toBeGreaterThanOrEqual(0);
    expect(JSON.stringify(entry)).not.toContain('120000');
  });

  it('names the codes of the errors it answered with', async () => {
    const [entry] = await run('info', 'query { note(body: "refuse") }', {});
    expect(entry).toMatchObject({ operation: null, errors: ['FORBIDDEN'] });
  });

  it('installs nothing at a level quieter than info', async () => {
    expect(operationLogPlugins('warn')).toEqual([]);
    expect(await run('silent', 'query { note(body: "x") }', {})).toEqual([]);
  });
});
