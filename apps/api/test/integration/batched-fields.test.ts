import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { factories, startTestApp, type TestApp } from '../support/app.js';

let t: TestApp;
let f: ReturnType<typeof factories>;

beforeAll(async () => {
  t = await startTestApp('batched-fields');
  f = factories(t);
});
afterAll(async () => {
  await t?.close();
});

const PAGE = `query ($first: Int!) { cases(first: $first) { edges { node { id timelineIntegrity { intact rows reason } } } } }`;

/** The statements one page of cases runs, after the viewer's session is cached. */
async function statementsOfPage(token: string, first: number) {
  await t.gql('{ me { id } }', {}, token);
  t.statements.length = 0;
  const result = await t.gql(PAGE, { first }, token);
  expect(result.errors).toBeUndefined();
  return { statements: [...t.statements], nodes: result.data!.cases.edges.map((e: { node: unknown }) => e.node) };
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
    expect(six.statements.length).toBe(one.statements.length);
    expect(six.statements.filter((sql) => sql.includes('case_events')).length).toBeLessThanOrEqual(1);
  });
});
