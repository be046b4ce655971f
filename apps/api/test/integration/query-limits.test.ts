import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { QUERY_LIMITS } from '../../src/common/query-limits.js';
import { factories, startTestApp, type TestApp } from '../support/app.js';
import { disposeClients, socketClient, subscribe } from '../support/subscriptions.js';

let t: TestApp;
let token: string;

beforeAll(async () => {
  t = await startTestApp('query-limits');
  const f = factories(t);
  const org = await f.newOrganisation();
  token = (await f.newUser(org, 'MEDIATOR')).token;
  await f.newCase(token);
});
afterAll(async () => {
  await disposeClients();
  await t?.close();
});

const aliases = (n: number, field: string) => `{ ${Array.from({ length: n }, (_, i) => `a${i}: ${field}`).join(' ')} }`;

/** Sends the request and expects it refused as QUERY_TOO_COMPLEX, with no SQL statement run for it. */
async function expectRefused(query: string, variables: Record<string, unknown> = {}, as?: string) {
  await t.gql('{ me { id } }', {}, as); // the viewer's session is looked up (and cached) first
  t.statements.length = 0;
  const result = await t.gql(query, variables, as);
  expect(result.data ?? null).toBeNull();
  expect(result.errors?.map((e) => `${e.extensions?.code}: ${e.message}`).slice(0, 2)).toEqual([expect.stringMatching(/^QUERY_TOO_COMPLEX: /)]);
  expect(result.errors![0]!.message).toMatch(/^This request asks for too much at once \(.+\)\. Ask for fewer/);
  expect(t.statements).toEqual([]);
  return result.errors![0]!.message;
}

describe('query limits', () => {
  it('refuses 1,000 aliases of __schema (anonymous) before parsing them all', async () => {
    const message = await expectRefused(aliases(1000, '__schema { types { name } }'));
    expect(message).toContain(`more than ${QUERY_LIMITS.maxTokens} tokens`);
  });

  it('refuses more aliases than the limit', async () => {
    const message = await expectRefused(aliases(QUERY_LIMITS.maxAliases + 1, 'me { id }'), {}, token);
    expect(message).toMatch(/alias/i);
  });

  it('refuses a selection nested deeper than the limit', async () => {
    let nested = 'name';
    for (let i = 0; i < QUERY_LIMITS.maxDepth; i += 1) nested = `ofType { ${nested} }`;
    const message = await expectRefused(`{ __type(name: "Case") { ${nested} } }`, {}, token);
    expect(message).toMatch(/depth/i);
  });

  it('refuses more directives than the limit', async () => {
    const fragments = Array.from({ length: QUERY_LIMITS.maxDirectives + 1 }, () => '... @include(if: true) { __typename }').join(' ');
    const message = await expectRefused(`{ me { id ${fragments} } }`, {}, token);
    expect(message).toMatch(/directive/i);
  });

  it('refuses a cost over the limit, list fields weighted by their first (a variable too)', async () => {
    const heavy = (n: number) =>
      `query ($n: Int!) { ${Array.from({ length: n }, (_, i) => `a${i}: cases(first: $n) { edges { node { id caption timelineIntegrity { intact } timeline { type at actorName } sides { id label status } } } }`).join(' ')} }`;
    const message = await expectRefused(heavy(QUERY_LIMITS.maxAliases), { n: 100 }, token);
    expect(message).toContain(`, the limit is ${QUERY_LIMITS.maxCost}`);
    // The same operation with a small page runs.
    const small = await t.gql(heavy(2), { n: 1 }, token);
    expect(small.errors).toBeUndefined();
  });

  it('refuses a batch of operations in one HTTP request', async () => {
    const response = await fetch(`${t.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify([{ query: '{ __typename }' }, { query: '{ __typename }' }]),
    });
    expect(response.status).toBe(400);
  });

  it('applies the same limits to subscriptions over the socket', async () => {
    const live = subscribe(socketClient(t, { token }), `subscription { pipelineChanged ${aliases(QUERY_LIMITS.maxAliases + 1, 'caseId')} }`);
    const result = await live.next('the refusal');
    expect(result.errors?.map((e) => `${e.extensions?.code}: ${e.message}`).slice(0, 2)).toEqual([expect.stringMatching(/^QUERY_TOO_COMPLEX: /)]);
  });
});
