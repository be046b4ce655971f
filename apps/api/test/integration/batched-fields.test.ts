import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSchema, getNamedType, isLeafType, isNonNullType, isObjectType, type GraphQLObjectType } from 'graphql';
import { factories, startTestApp, type TestApp } from '../support/app.js';
import { API_DIR } from '../support/process.js';

let t: TestApp;
let f: ReturnType<typeof factories>;

beforeAll(async () => {
  t = await startTestApp('batched-fields');
  f = factories(t);
});
afterAll(async () => {
  await t?.close();
});

const schema = buildSchema(readFileSync(join(API_DIR, 'schema.gql'), 'utf8'));

/** Every field of the type that takes no required argument, down to `depth` levels of objects. */
function selectionOf(type: GraphQLObjectType, depth: number): string {
  const fields = Object.values(type.getFields()).filter((field) => !field.args.some((arg) => isNonNullType(arg.type)));
  const parts = fields.flatMap((field) => {
    const named = getNamedType(field.type);
    if (isLeafType(named)) return [field.name];
    if (isObjectType(named) && depth > 0) return [`${field.name} { ${selectionOf(named, depth - 1)} }`];
    return [];
  });
  return parts.length ? parts.join(' ') : '__typename';
}

const EVERY_FIELD = `query ($first: Int!) { cases(first: $first) { edges { node { ${selectionOf(schema.getType('Case') as GraphQLObjectType, 2)} } } } }`;

const PAGE = `query ($first: Int!) { cases(first: $first) { edges { node { id timelineIntegrity { intact rows reason } } } } }`;

/** The statements one page of cases runs, after the viewer's session is cached. */
async function statementsOfPage(token: string, first: number, query = PAGE) {
  await t.gql('{ me { id } }', {}, token);
  t.statements.length = 0;
  const result = await t.gql(query, { first }, token);
  expect(result.errors).toBeUndefined();
  // The change notices of the cases just created may go out meanwhile (batched, after commit).
  return { statements: t.statements.filter((sql) => !sql.includes('pg_notify')), nodes: result.data!.cases.edges.map((e: { node: unknown }) => e.node) };
}

describe('per-case fields on a page of cases', () => {
  it('verifies every timeline of the page in the same statements whatever the page size', async () => {
    const org = await f.newOrganisation();
    const mediator = await f.newUser(org, 'MEDIATOR');
    await f.newCase(mediator.token);
    const one = await statementsOfPage(mediator.token, 1);
    for (let i = 0; i < 5; i += 1) await f.newCase(mediator.token);
    const six = await statementsOfPage(mediator.token, 100);
    expect(six.nodes).toHaveLength(6);
    for (const node of six.nodes) expect(node.timelineIntegrity).toEqual({ intact: true, rows: 1, reason: null });
    const shape = (list: string[]) => list.map((sql) => sql.replace(/\s+/g, " ").slice(0, 120)).sort();
    expect(shape(six.statements)).toEqual(shape(one.statements));
    expect(six.statements.filter((sql) => sql.includes('case_events')).length).toBeLessThanOrEqual(1);
  });

  it('reads every field of a page of cases in the same statements whatever the page size', async () => {
    const org = await f.newOrganisation();
    const mediator = await f.newUser(org, 'MEDIATOR');
    await f.newCase(mediator.token);
    const one = await statementsOfPage(mediator.token, 1, EVERY_FIELD);
    for (let i = 0; i < 5; i += 1) await f.newCase(mediator.token);
    const six = await statementsOfPage(mediator.token, 6, EVERY_FIELD);
    expect(six.nodes).toHaveLength(6);
    const shape = (list: string[]) => list.map((sql) => sql.replace(/\s+/g, " ").slice(0, 120)).sort();
    expect(shape(six.statements)).toEqual(shape(one.statements));
  });
});
