/**
 * What a deployment (MODE=deployment) closes that the trial leaves open, each next to the
 * trial's answer so that the check can fail: introspection, "Did you mean" suggestions,
 * GraphiQL, Secure session cookies; and which peer's X-Forwarded-For names the client
 * (TRUST_PROXY), as the sign-in limiter counts it.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { factories, startTestApp, startTestAppOn, type TestApp } from '../support/app.js';
import { disposeClients, socketClient, subscribe } from '../support/subscriptions.js';

let trial: TestApp;
let deployment: TestApp;
let email: string;
let token: string;
const PASSWORD = 'correct horse battery staple';

beforeAll(async () => {
  trial = await startTestApp('deploymentmode', { MODE: 'trial' });
  deployment = await startTestAppOn(trial.databaseUrl, { MODE: 'deployment' });
  const organisation = await factories(trial).newOrganisation();
  ({ email, token } = await factories(trial).newUser(organisation));
});
afterAll(async () => {
  await disposeClients();
  await deployment?.close();
  await trial?.close();
});

async function post(app: TestApp, body: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(`${app.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  return { response, result: (await response.json()) as { data?: any; errors?: { message: string; extensions?: { code?: string } }[] } };
}

const signIn = (app: TestApp, password: string, headers: Record<string, string> = {}) =>
  post(app, { query: `mutation ($e: String!, $p: String!) { signIn(input: { email: $e, password: $p }) { token } }`, variables: { e: email, p: password } }, headers);

describe('introspection', () => {
  it('is refused in a deployment with a coded error, before anything runs', async () => {
    for (const query of ['{ __schema { types { name } } }', '{ __type(name: "Case") { fields { name } } }']) {
      const { result } = await post(deployment, { query });
      expect([query, result.data, result.errors?.map((e) => e.extensions?.code)]).toEqual([query, undefined, ['GRAPHQL_VALIDATION_FAILED']]);
      expect(result.errors![0]!.message).toMatch(/introspection/i);
    }
    // __typename is not introspection of the schema.
    expect((await post(deployment, { query: '{ __typename }' })).result.data).toEqual({ __typename: 'Query' });
  });

  it('is open in the trial', async () => {
    const { result } = await post(trial, { query: '{ __schema { queryType { name } } }' });
    expect(result).toEqual({ data: { __schema: { queryType: { name: 'Query' } } } });
  });
});

describe('suggestions', () => {
  const mistakes = [
    { what: 'a misspelt field', body: { query: '{ mee { id } }' } },
    { what: 'a misspelt argument', body: { query: '{ cases(frist: 1) { edges { node { id } } } }' } },
    {
      what: 'a misspelt enum value in a variable',
      body: {
        query: 'mutation ($i: CreateCaseInput!) { createCase(input: $i) { id } }',
        variables: { i: { caption: 'x', disputeType: 'CONTRAC', sides: [] } },
      },
    },
    {
      what: 'a misspelt input field in a variable',
      body: {
        query: 'mutation ($i: CreateCaseInput!) { createCase(input: $i) { id } }',
        variables: { i: { captoin: 'x', disputeType: 'CONTRACT', sides: [] } },
      },
    },
  ];

  it.each(mistakes)('are not given in a deployment for $what, and the error keeps its code', async ({ body }) => {
    const { result } = await post(deployment, body);
    expect(result.errors?.length).toBeGreaterThan(0);
    for (const error of result.errors!) {
      expect(error.message).not.toMatch(/did you mean/i);
      expect(['GRAPHQL_VALIDATION_FAILED', 'BAD_USER_INPUT']).toContain(error.extensions?.code);
    }
  });

  it.each(mistakes)('are given in the trial for $what', async ({ body }) => {
    const { result } = await post(trial, body);
    expect(result.errors?.map((e) => e.message).join('\n')).toMatch(/Did you mean/);
  });

  it('are not given over the socket in a deployment either (and are in the trial)', async () => {
    const answer = async (app: TestApp) => {
      const misspelt = subscribe(socketClient(app, { token }), 'subscription { caseChangd { id } }');
      const result = await misspelt.next('the answer to a misspelt subscription');
      expect(result.errors?.map((e) => e.extensions?.code)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
      return result.errors!.map((e) => e.message).join('\n');
    };
    expect(await answer(trial)).toMatch(/Did you mean/);
    expect(await answer(deployment)).not.toMatch(/did you mean/i);
  });
});

describe('GraphiQL', () => {
  it('is served in the trial only', async () => {
    const page = async (app: TestApp) => (await fetch(`${app.url}/graphql`, { headers: { accept: 'text/html' } })).text();
    expect(await page(trial)).toMatch(/graphiql/i);
    expect(await page(deployment)).not.toMatch(/graphiql/i);
  });
});

describe('the session cookie', () => {
  const cookieOf = async (app: TestApp) => {
    const { response, result } = await signIn(app, PASSWORD);
    expect(result.errors).toBeUndefined();
    return response.headers.get('set-cookie') ?? '';
  };

  it('is Secure in a deployment, even when the request came over plain http', async () => {
    expect(await cookieOf(deployment)).toMatch(/; Secure/i);
  });

  it('is not Secure in the trial over plain http, so that a trial on http://localhost keeps working', async () => {
    const cookie = await cookieOf(trial);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).not.toMatch(/; Secure/i);
  });

  it('is not Secure in a deployment that says COOKIE_SECURE=false', async () => {
    const plain = await startTestAppOn(trial.databaseUrl, { MODE: 'deployment', COOKIE_SECURE: 'false' });
    try {
      expect(await cookieOf(plain)).not.toMatch(/; Secure/i);
    } finally {
      await plain.close();
    }
  });
});

describe('the client address the sign-in limiter counts', () => {
  /** The addresses with failures counted in sign_in_attempts. */
  const counted = async () =>
    ((await trial.db.query(`SELECT key FROM sign_in_attempts WHERE key LIKE 'ip:%' ORDER BY key`)) as { key: string }[]).map((row) => row.key);

  it('is the peer when X-Forwarded-For comes from a peer TRUST_PROXY does not name (the default: none)', async () => {
    await trial.db.query(`DELETE FROM sign_in_attempts`);
    for (const forged of ['203.0.113.1', '203.0.113.2']) {
      const { result } = await signIn(trial, 'wrong password entirely', { 'x-forwarded-for': forged });
      expect(result.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    }
    expect(await counted()).toEqual(['ip:127.0.0.1']);
  });

  it('is the forwarded one when the peer is the proxy TRUST_PROXY names', async () => {
    const behindProxy = await startTestAppOn(trial.databaseUrl, { MODE: 'deployment', TRUST_PROXY: '127.0.0.1' });
    try {
      await trial.db.query(`DELETE FROM sign_in_attempts`);
      const { result } = await signIn(behindProxy, 'wrong password entirely', { 'x-forwarded-for': '198.51.100.9, 203.0.113.5' });
      expect(result.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
      // The address the trusted proxy saw; what the client itself wrote before it is not trusted.
      expect(await counted()).toEqual(['ip:203.0.113.5']);
    } finally {
      await behindProxy.close();
    }
  });
});
