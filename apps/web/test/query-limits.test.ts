import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  buildSchema,
  getNamedType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  print,
  typeFromAST,
  type DocumentNode,
  type GraphQLInputType,
  type OperationDefinitionNode,
} from 'graphql';
import { limitErrors, queryCost, QUERY_LIMITS } from '../../api/src/common/query-limits';
import * as strategy from '../src/modules/after-session/graphql/strategy';
import * as auth from '../src/modules/auth/graphql/auth';
import * as cases from '../src/modules/cases/graphql/case';
import * as records from '../src/modules/cases/graphql/records';
import * as confidential from '../src/modules/confidential/graphql/confidential';
import * as mediatorAssignment from '../src/modules/confidential/graphql/mediatorAssignment';
import * as deadlines from '../src/modules/deadlines/graphql/deadlines';
import * as inbox from '../src/modules/inbox/graphql/inbox';
import * as invitation from '../src/modules/invitations/graphql/invitation';

const here = dirname(fileURLToPath(import.meta.url));
const schema = buildSchema(readFileSync(join(here, '..', '..', 'api', 'schema.gql'), 'utf8'));

const modules = { ...strategy, ...auth, ...cases, ...records, ...confidential, ...mediatorAssignment, ...deadlines, ...inbox, ...invitation };
const operations = Object.entries(modules).filter(
  (entry): entry is [string, DocumentNode] =>
    (entry[1] as { kind?: unknown } | null)?.kind === 'Document' &&
    (entry[1] as DocumentNode).definitions.some((d) => d.kind === 'OperationDefinition'),
);

const SAMPLES: Record<string, unknown> = { String: 'x', ID: 'x', Int: 1, Float: 1, Boolean: true, DateTime: '2026-01-01T00:00:00Z' };

/** A value of the type, with its required fields (what the cost is computed with). */
function sample(type: GraphQLInputType): unknown {
  if (isNonNullType(type)) return sample(type.ofType);
  if (isListType(type)) return [sample(type.ofType)];
  const named = getNamedType(type);
  if (isEnumType(named)) return named.getValues()[0]!.value;
  if (isInputObjectType(named)) {
    const fields = Object.values(named.getFields());
    if (named.isOneOf) return { [fields[0]!.name]: sample(fields[0]!.type) };
    return Object.fromEntries(fields.filter((f) => isNonNullType(f.type)).map((f) => [f.name, sample(f.type)]));
  }
  return SAMPLES[named.name] ?? 'x';
}

/** Values for every variable, and the largest page the api serves for every `$first`. */
function worstVariables(document: DocumentNode): Record<string, unknown> {
  const operation = document.definitions.find((d): d is OperationDefinitionNode => d.kind === 'OperationDefinition')!;
  return Object.fromEntries(
    (operation.variableDefinitions ?? []).map((v) => {
      const name = v.variable.name.value;
      return [name, /^first$/i.test(name) ? 100 : sample(typeFromAST(schema, v.type as never) as GraphQLInputType)];
    }),
  );
}

// The api refuses a request over its limits before running it (apps/api/src/common/query-limits.ts):
// none of the dashboard's own operations may come near them.
describe('the web’s GraphQL operations and the api’s query limits', () => {
  it('finds every file of operations', () => {
    expect(operations.length).toBeGreaterThanOrEqual(37);
  });

  it.each(operations)('%s passes every limit', (_name, document) => {
    const source = print(document);
    const variables = worstVariables(document);
    expect(limitErrors(schema, source, variables).map((e) => e.message)).toEqual([]);
    // Room to grow: half the cost limit at most.
    const cost = queryCost(schema, document, variables);
    expect(cost).toBeLessThanOrEqual(QUERY_LIMITS.maxCost / 2);
  });
});
