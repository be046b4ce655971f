import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { factories, startTestApp, type TestApp } from '../support/app.js';

let t: TestApp;
let f: ReturnType<typeof factories>;

beforeAll(async () => {
  t = await startTestApp('auth');
  f = factories(t);
});
afterAll(() => t.close());

describe('signing in', () => {
  it('sets an httpOnly SameSite cookie and accepts it on the next request', async () => {
    const user = await f.newUser(await f.newOrganisation(), 'MEDIATOR');
    const response = await fetch(`${t.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query: `mutation ($e: String!) { signIn(input: { email: $e, password: "correct horse battery staple" }) { me { email } } }`,
        variables: { e: user.email.toUpperCase() },
      }),
    });
    const cookie = response.headers.get('set-cookie')!;
    expect(cookie).toMatch(/^impasse_session=[^;]+;/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    const me = await fetch(`${t.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: cookie.split(';')[0]! },
      body: JSON.stringify({ query: '{ me { email } }' }),
    });
    expect(((await me.json()) as { data: { me: { email: string } } }).data.me.email).toBe(user.email);
  });

  it('gives the same answer for a wrong password and an unknown e-mail', async () => {
    const user = await f.newUser(await f.newOrganisation());
    const wrong = await t.gql(`mutation ($e: String!) { signIn(input: { email: $e, password: "nope" }) { token } }`, { e: user.email });
    const unknown = await t.gql(`mutation { signIn(input: { email: "nobody@example.test", password: "nope" }) { token } }`);
    expect(wrong.errors?.[0]).toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
    expect(unknown.errors?.[0]?.message).toBe(wrong.errors?.[0]?.message);
  });

  it('ends the session on sign-out', async () => {
    const user = await f.newUser(await f.newOrganisation());
    expect((await t.gql(`mutation { signOut }`, {}, user.token)).data).toEqual({ signOut: true });
    const after = await t.gql(`{ me { email } }`, {}, user.token);
    expect(after.data).toEqual({ me: null });
  });
});
