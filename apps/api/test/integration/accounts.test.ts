import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import { FAILURES_PER_EMAIL, FAILURES_PER_IP, MAX_WAIT_MINUTES } from '../../src/auth/sign-in-limiter.js';
import { DEFAULT_SESSION_IDLE_MINUTES as DEFAULT_IDLE } from '../../src/config/config.js';
import { factories, startTestApp, startTestAppOn, type GqlResult, type TestApp } from '../support/app.js';

let t: TestApp;
let f: ReturnType<typeof factories>;
const PASSWORD = 'correct horse battery staple';
let nextIp = 0;
/** A client address of its own per test, as the proxy the app trusts (TRUST_PROXY) forwards it. */
const freshIp = () => `198.51.100.${++nextIp}`;

beforeAll(async () => {
  // The test stands for a proxy on this machine: the app believes its X-Forwarded-For.
  t = await startTestApp('accounts', { TRUST_PROXY: '127.0.0.1' });
  f = factories(t);
});
afterAll(() => t.close());

async function signIn(app: TestApp, email: string, password: string, ip: string): Promise<GqlResult<{ signIn: { token: string } }>> {
  const response = await fetch(`${app.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': ip },
    body: JSON.stringify({
      query: `mutation ($e: String!, $p: String!) { signIn(input: { email: $e, password: $p }) { token } }`,
      variables: { e: email, p: password },
    }),
  });
  return (await response.json()) as GqlResult<{ signIn: { token: string } }>;
}

const code = (r: GqlResult) => r.errors?.[0]?.extensions?.code;

describe('sign-in rate limit', () => {
  const retryAt = (r: GqlResult) => Date.parse((r.errors![0]!.extensions as { retryAt: string }).retryAt);
  /** Ends the current wait of an e-mail or an address, as if it had passed. */
  const endWait = (key: string) =>
    t.db.query(`UPDATE sign_in_attempts SET expire = $2 WHERE key = $1`, [key, Date.now() - 1]);
  const emailWait = (email: string) => `email-wait:${createHash('sha256').update(email).digest('hex')}`;

  it(`delays an e-mail after ${FAILURES_PER_EMAIL} failures, doubling the wait per further failure up to ${MAX_WAIT_MINUTES} minutes; refusals do not extend it, and the right password after it works`, async () => {
    const user = await f.newUser(await f.newOrganisation());
    const answers: GqlResult[] = [];
    for (let i = 0; i < FAILURES_PER_EMAIL; i++) answers.push(await signIn(t, user.email, 'wrong password', freshIp()));
    expect(answers.slice(0, -1).map(code)).toEqual(Array(FAILURES_PER_EMAIL - 1).fill('UNAUTHENTICATED'));
    const first = answers.at(-1)!;
    expect(code(first)).toBe('TOO_MANY_REQUESTS');
    expect(first.errors![0]!.message).toMatch(/Try again in 1 minute, after \d\d:\d\d UTC\./);
    expect(retryAt(first) - Date.now()).toBeGreaterThan(55_000);
    expect(retryAt(first) - Date.now()).toBeLessThanOrEqual(60_000);

    // While it waits even the right password is refused, unchecked, and asking again does not extend the wait.
    for (let i = 0; i < 3; i++) {
      const refused = await signIn(t, user.email, i === 0 ? PASSWORD : 'wrong password', freshIp());
      expect(code(refused)).toBe('TOO_MANY_REQUESTS');
      expect(refused.data).toBeNull();
      expect(Math.abs(retryAt(refused) - retryAt(first))).toBeLessThanOrEqual(1500);
    }

    // Each further failure doubles the wait, up to the cap.
    const waits: number[] = [];
    for (let i = 0; i < 5; i++) {
      await endWait(emailWait(user.email));
      const failed = await signIn(t, user.email, 'wrong password', freshIp());
      expect(code(failed)).toBe('TOO_MANY_REQUESTS');
      waits.push(Math.round((retryAt(failed) - Date.now()) / 60_000));
    }
    expect(waits).toEqual([2, 4, 8, MAX_WAIT_MINUTES, MAX_WAIT_MINUTES]);

    // After the wait the right password works, and the e-mail's count starts over.
    await endWait(emailWait(user.email));
    expect((await signIn(t, user.email, PASSWORD, freshIp())).data?.signIn.token).toBeTruthy();
    for (let i = 0; i < FAILURES_PER_EMAIL - 1; i++) expect(code(await signIn(t, user.email, 'wrong password', freshIp()))).toBe('UNAUTHENTICATED');
    expect((await signIn(t, user.email, 'wrong password', freshIp())).errors![0]!.message).toMatch(/Try again in 1 minute/);

    // Nothing about the password is stored: keys are hashes, points are counts.
    const rows: { key: string }[] = await t.db.query(`SELECT key FROM sign_in_attempts`);
    expect(JSON.stringify(rows)).not.toContain(user.email);
    expect(JSON.stringify(rows)).not.toContain('wrong password');
  });

  it('does not make the owner wait at an address they signed in from before, which has limits of its own', async () => {
    const user = await f.newUser(await f.newOrganisation());
    const home = freshIp();
    expect((await signIn(t, user.email, PASSWORD, home)).data?.signIn.token).toBeTruthy();
    // Someone else guesses until the e-mail waits, and keeps trying as each wait ends.
    for (let i = 0; i < FAILURES_PER_EMAIL; i++) await signIn(t, user.email, 'wrong password', freshIp());
    expect(code(await signIn(t, user.email, PASSWORD, freshIp()))).toBe('TOO_MANY_REQUESTS');
    // The owner, at home, is not held up by those guesses.
    expect((await signIn(t, user.email, PASSWORD, home)).data?.signIn.token).toBeTruthy();
    // Guesses from home are limited all the same, and wait apart from the e-mail's other addresses.
    const fromHome: GqlResult[] = [];
    for (let i = 0; i < FAILURES_PER_EMAIL; i++) fromHome.push(await signIn(t, user.email, 'wrong password', home));
    expect(fromHome.map(code)).toEqual([...Array(FAILURES_PER_EMAIL - 1).fill('UNAUTHENTICATED'), 'TOO_MANY_REQUESTS']);
    expect(code(await signIn(t, user.email, PASSWORD, home))).toBe('TOO_MANY_REQUESTS');
  });

  it('lets only one of many simultaneous guesses through once the free attempts are spent', async () => {
    const user = await f.newUser(await f.newOrganisation());
    const burst = await Promise.all(Array.from({ length: 12 }, () => signIn(t, user.email, 'wrong password', freshIp())));
    // The free attempts and the one that starts the first wait are checked; the rest are refused unchecked.
    expect(burst.filter((r) => code(r) === 'UNAUTHENTICATED')).toHaveLength(FAILURES_PER_EMAIL - 1);
    expect(burst.filter((r) => code(r) === 'TOO_MANY_REQUESTS')).toHaveLength(12 - (FAILURES_PER_EMAIL - 1));
    await endWait(emailWait(user.email));
    const again = await Promise.all(Array.from({ length: 6 }, () => signIn(t, user.email, PASSWORD, freshIp())));
    expect(again.filter((r) => r.data?.signIn.token)).toHaveLength(1);
  });

  it('answers an unknown e-mail exactly as a known one', async () => {
    const user = await f.newUser(await f.newOrganisation());
    const known: GqlResult[] = [];
    const unknown: GqlResult[] = [];
    for (let i = 0; i <= FAILURES_PER_EMAIL; i++) {
      known.push(await signIn(t, user.email, 'wrong password', freshIp()));
      unknown.push(await signIn(t, `nobody${i}x@example.test`.replace(/\d+x/, 'x'), 'wrong password', freshIp()));
    }
    const strip = (r: GqlResult) => ({ code: code(r), message: r.errors?.[0]?.message.replace(/\d\d:\d\d/, 'HH:MM') });
    expect(unknown.map(strip)).toEqual(known.map(strip));
    expect(code(unknown.at(-1)!)).toBe('TOO_MANY_REQUESTS');
  });

  it('forgets an e-mail’s failures after a success, but not the address’s failures', async () => {
    const user = await f.newUser(await f.newOrganisation());
    const ip = freshIp();
    for (let i = 0; i < FAILURES_PER_EMAIL - 1; i++) expect(code(await signIn(t, user.email, 'wrong password', ip))).toBe('UNAUTHENTICATED');
    expect((await signIn(t, user.email, PASSWORD, ip)).data?.signIn.token).toBeTruthy();
    // The e-mail starts over: four more failures are still plain failures.
    for (let i = 0; i < FAILURES_PER_EMAIL - 1; i++) expect(code(await signIn(t, user.email, 'wrong password', ip))).toBe('UNAUTHENTICATED');

    // The address keeps counting: a success for one's own account does not clear guesses at others.
    const spent = 2 * (FAILURES_PER_EMAIL - 1);
    const answers: string[] = [];
    for (let i = spent; i < FAILURES_PER_IP; i++) {
      if (i % 3 === 0) await signIn(t, user.email, PASSWORD, ip);
      answers.push(String(code(await signIn(t, `guess${i}@example.test`, 'wrong password', ip))));
    }
    expect(answers.at(-1)).toBe('TOO_MANY_REQUESTS');
    expect(answers.slice(0, -1).every((c) => c === 'UNAUTHENTICATED')).toBe(true);
    // Locked address: even the right password of another account is refused from it.
    expect(code(await signIn(t, user.email, PASSWORD, ip))).toBe('TOO_MANY_REQUESTS');
    expect(code(await signIn(t, user.email, PASSWORD, freshIp()))).toBeUndefined();
    // The address waits too, and once its wait has passed the right password works from it.
    await endWait(`ip-wait:${ip}`);
    expect((await signIn(t, user.email, PASSWORD, ip)).data?.signIn.token).toBeTruthy();
  });

  it('holds the lock across two api instances on one database', async () => {
    const second = await startTestAppOn(t.databaseUrl, { TRUST_PROXY: '127.0.0.1' });
    try {
      const user = await f.newUser(await f.newOrganisation());
      for (let i = 0; i < FAILURES_PER_EMAIL; i++) {
        await signIn(i % 2 === 0 ? t : second, user.email, 'wrong password', freshIp());
      }
      expect(code(await signIn(second, user.email, PASSWORD, freshIp()))).toBe('TOO_MANY_REQUESTS');
      expect(code(await signIn(t, user.email, PASSWORD, freshIp()))).toBe('TOO_MANY_REQUESTS');
    } finally {
      await second.close();
    }
  });
});

describe('sessions', () => {
  it('lists the viewer’s own sessions and revokes one of them', async () => {
    const user = await f.newUser(await f.newOrganisation());
    const other = (await signIn(t, user.email, PASSWORD, freshIp())).data!.signIn.token;
    const stranger = await f.newUser(await f.newOrganisation());
    const list = await t.gql(`{ mySessions { id createdAt expiresAt current } }`, {}, user.token);
    expect(list.data!.mySessions).toHaveLength(2);
    const current = list.data!.mySessions.find((s: { current: boolean }) => s.current);
    const notCurrent = list.data!.mySessions.find((s: { current: boolean }) => !s.current);
    expect(Date.parse(current.expiresAt) - Date.parse(current.createdAt)).toBeCloseTo(14 * 24 * 3600 * 1000, -4);

    // Someone else's session id is not found, and stays valid.
    const theirs = (await t.gql(`{ mySessions { id } }`, {}, stranger.token)).data!.mySessions[0].id;
    const foreign = await t.gql(`mutation ($id: ID!) { revokeSession(id: $id) }`, { id: theirs }, user.token);
    expect(code(foreign)).toBe('NOT_FOUND');
    expect((await t.gql(`{ me { email } }`, {}, stranger.token)).data!.me.email).toBe(stranger.email);

    const revoked = await t.gql(`mutation ($id: ID!) { revokeSession(id: $id) }`, { id: notCurrent.id }, user.token);
    expect(revoked.data).toEqual({ revokeSession: true });
    expect((await t.gql(`{ me { email } }`, {}, other)).data).toEqual({ me: null });
    expect((await t.gql(`{ me { email } }`, {}, user.token)).data!.me.email).toBe(user.email);
    expect((await t.gql(`{ mySessions { id } }`, {}, user.token)).data!.mySessions).toEqual([{ id: current.id }]);
    expect(code(await t.gql(`{ mySessions { id } }`))).toBe('UNAUTHENTICATED');
  });
});

describe('idle sessions', () => {
  /** A session that no request has used yet, so that no instance has its viewer cached. */
  const freshSession = async (email: string) => (await signIn(t, email, PASSWORD, freshIp())).data!.signIn.token;
  const lastUsed = async (token: string) =>
    (await t.db.query(`SELECT last_used_at AS at FROM sessions WHERE token_hash = encode(sha256($1::bytea), 'hex')`, [token]))[0].at as Date;
  const setLastUsed = (token: string, ago: string) =>
    t.db.query(`UPDATE sessions SET last_used_at = now() - $2::interval WHERE token_hash = encode(sha256($1::bytea), 'hex')`, [token, ago]);

  it(`ends a session unused for ${DEFAULT_IDLE} minutes with UNAUTHENTICATED and a sentence that says why`, async () => {
    const user = await f.newUser(await f.newOrganisation());
    const token = await freshSession(user.email);
    await setLastUsed(token, `${DEFAULT_IDLE} minutes 5 seconds`);
    const idle = await t.gql(`{ mySessions { id } }`, {}, token);
    expect(idle.errors?.[0]).toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
    expect(idle.errors![0]!.message).toBe(`You were signed out after ${DEFAULT_IDLE} minutes without activity. Sign in again to continue.`);
    expect((await t.gql(`{ me { email } }`, {}, token)).data).toEqual({ me: null });
    // It does not come back by being used, and the viewer's other sessions do not list it.
    expect(code(await t.gql(`{ mySessions { id } }`, {}, token))).toBe('UNAUTHENTICATED');
    expect((await t.gql(`{ mySessions { id } }`, {}, user.token)).data!.mySessions).toHaveLength(1);
  });

  it('follows SESSION_IDLE_MINUTES', async () => {
    const strict = await startTestAppOn(t.databaseUrl, { SESSION_IDLE_MINUTES: '10' });
    try {
      const user = await f.newUser(await f.newOrganisation());
      const token = await freshSession(user.email);
      await setLastUsed(token, '11 minutes');
      const idle = await strict.gql(`{ mySessions { id } }`, {}, token);
      expect(idle.errors?.[0]?.message).toBe('You were signed out after 10 minutes without activity. Sign in again to continue.');
      expect((await t.gql(`{ me { email } }`, {}, token)).data!.me.email).toBe(user.email);
    } finally {
      await strict.close();
    }
  });

  it('keeps a session in use alive, recording its use at most once a minute', async () => {
    const user = await f.newUser(await f.newOrganisation());
    const token = await freshSession(user.email);
    await setLastUsed(token, `${DEFAULT_IDLE - 1} minutes`);
    expect((await t.gql(`{ me { email } }`, {}, token)).data!.me.email).toBe(user.email);
    expect(Date.now() - (await lastUsed(token)).getTime()).toBeLessThan(10_000);

    const recent = await freshSession(user.email);
    await setLastUsed(recent, '30 seconds');
    const before = await lastUsed(recent);
    expect((await t.gql(`{ me { email } }`, {}, recent)).data!.me.email).toBe(user.email);
    expect(await lastUsed(recent)).toEqual(before);
  });
});

describe('createUser', () => {
  const CREATE = `mutation ($input: CreateUserInput!) { createUser(input: $input) { id email displayName orgRole } }`;
  const input = (over: Record<string, unknown> = {}) => ({
    email: `new.${Date.now().toString(36)}.${++nextIp}@example.test`,
    displayName: 'Mia Mediator',
    orgRole: 'MEDIATOR',
    password: 'a long enough password',
    ...over,
  });

  it('lets an organisation admin create a mediator who can then sign in and open cases', async () => {
    const org = await f.newOrganisation();
    const admin = await f.newUser(org, 'ORG_ADMIN');
    const given = input({ email: ` Mia.${++nextIp}@Example.test ` });
    const created = await t.gql(CREATE, { input: given }, admin.token);
    expect(created.errors).toBeUndefined();
    expect(created.data!.createUser).toMatchObject({ email: given.email.trim().toLowerCase(), displayName: 'Mia Mediator', orgRole: 'MEDIATOR' });
    const [row] = await t.db.query(`SELECT organisation_id, password_hash FROM users WHERE id = $1`, [created.data!.createUser.id]);
    expect(row.organisation_id).toBe(org);
    expect(row.password_hash).toMatch(/^\$argon2id\$/);
    const mediator = await signIn(t, given.email.trim(), given.password, freshIp());
    const opened = await f.newCase(mediator.data!.signIn.token);
    expect(opened.id).toBeTruthy();
    const listed = await t.gql(`{ organisationUsers { email } }`, {}, admin.token);
    expect(listed.data!.organisationUsers.map((u: { email: string }) => u.email).sort()).toEqual([admin.email, given.email.trim().toLowerCase()].sort());
  });

  it('refuses a duplicate e-mail, also one from another organisation, and writes nothing', async () => {
    const admin = await f.newUser(await f.newOrganisation(), 'ORG_ADMIN');
    const elsewhere = await f.newUser(await f.newOrganisation());
    const before = await t.db.query(`SELECT count(*)::int AS n FROM users`);
    for (const email of [admin.email, elsewhere.email.toUpperCase()]) {
      const result = await t.gql(CREATE, { input: input({ email }) }, admin.token);
      expect(result.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'email' } });
      expect(result.errors![0]!.message).toMatch(/already exists/);
    }
    expect(await t.db.query(`SELECT count(*)::int AS n FROM users`)).toEqual(before);
  });

  it('names the field of bad input', async () => {
    const admin = await f.newUser(await f.newOrganisation(), 'ORG_ADMIN');
    const cases: [Record<string, unknown>, string][] = [
      [{ email: 'not-an-email' }, 'email'],
      [{ displayName: '   ' }, 'displayName'],
      [{ password: 'short' }, 'password'],
    ];
    for (const [over, field] of cases) {
      const result = await t.gql(CREATE, { input: input(over) }, admin.token);
      expect(result.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field } });
      expect(result.errors![0]!.message.startsWith(`${field}:`)).toBe(true);
    }
    const badRole = await t.gql(CREATE, { input: input({ orgRole: 'GOD' }) }, admin.token);
    expect(badRole.errors?.[0]?.message).toMatch(/orgRole/);
  });

  it('refuses a guessable password, also one made of the e-mail or the name, with zxcvbn’s advice, and writes nothing', async () => {
    const admin = await f.newUser(await f.newOrganisation(), 'ORG_ADMIN');
    const before = await t.db.query(`SELECT count(*)::int AS n FROM users`);
    const email = `rosalind.${++nextIp}@example.test`;
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ password: 'password1234' }, /commonly used password/],
      [{ password: 'qwertyuiop12' }, /similar to a commonly used password/],
      [{ email, password: email }, /personal/],
      [{ email, password: `${email.split('@')[0]}!!` }, /personal/],
      [{ displayName: 'Rosalind Franklin', password: 'RosalindFranklin' }, /personal/],
    ];
    for (const [over, advice] of cases) {
      const result = await t.gql(CREATE, { input: input(over) }, admin.token);
      expect(result.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'password' } });
      const message = result.errors![0]!.message;
      expect(message).toMatch(/^password: too easy to guess\. /);
      expect(message).toMatch(advice);
      expect(message).toMatch(/less common|Avoid|Add/);
    }
    expect(await t.db.query(`SELECT count(*)::int AS n FROM users`)).toEqual(before);
  });

  it('is forbidden to everyone but organisation admins', async () => {
    const org = await f.newOrganisation();
    for (const role of ['MEDIATOR', 'PROGRAM_ADMIN', 'MEMBER'] as const) {
      const someone = await f.newUser(org, role);
      const result = await t.gql(CREATE, { input: input() }, someone.token);
      expect(code(result)).toBe('FORBIDDEN');
      expect(code(await t.gql(`{ organisationUsers { email } }`, {}, someone.token))).toBe('FORBIDDEN');
    }
    expect(code(await t.gql(CREATE, { input: input() }))).toBe('UNAUTHENTICATED');
  });

  it('keeps each admin to their own organisation', async () => {
    const orgA = await f.newOrganisation();
    const orgB = await f.newOrganisation();
    const adminA = await f.newUser(orgA, 'ORG_ADMIN');
    const adminB = await f.newUser(orgB, 'ORG_ADMIN');
    const memberA = await f.newUser(orgA, 'MEMBER');
    // There is no way to name another organisation: unknown input fields are refused.
    const smuggled = await t.gql(CREATE, { input: { ...input(), organisationId: orgB } }, adminA.token);
    expect(smuggled.errors?.length).toBeGreaterThan(0);
    const created = await t.gql(CREATE, { input: input() }, adminB.token);
    const [row] = await t.db.query(`SELECT organisation_id FROM users WHERE id = $1`, [created.data!.createUser.id]);
    expect(row.organisation_id).toBe(orgB);
    const seenByB = (await t.gql(`{ organisationUsers { email } }`, {}, adminB.token)).data!.organisationUsers.map((u: { email: string }) => u.email);
    expect(seenByB).not.toContain(memberA.email);
    expect(seenByB).not.toContain(adminA.email);
    expect(seenByB).toContain(adminB.email);
  });
});
