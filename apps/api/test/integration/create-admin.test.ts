import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestApp, type TestApp } from '../support/app.js';
import { API_DIR } from '../support/process.js';

let t: TestApp;

beforeAll(async () => {
  t = await startTestApp('createadmin');
});
afterAll(() => t.close());

/** The built command, as an operator runs it (`node apps/api/dist/cli/create-admin.js …`). */
function createAdmin(args: string[], env: Record<string, string | undefined> = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['dist/cli/create-admin.js', ...args], {
      cwd: API_DIR,
      env: { ...process.env, DATABASE_URL: t.databaseUrl, ADMIN_PASSWORD: 'first admin password', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

const signIn = (email: string, password: string) =>
  t.gql(`mutation ($e: String!, $p: String!) { signIn(input: { email: $e, password: $p }) { me { email } token } }`, { e: email, p: password });

describe('create-admin', () => {
  it('creates the organisation and an ORG_ADMIN who can sign in and create users', async () => {
    const run = await createAdmin(['--email', 'Ada@Example.org', '--name', 'Ada Admin', '--organisation', 'Example Mediation']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/Created organisation admin ada@example\.org in the new organisation "Example Mediation"/);
    const signedIn = await signIn('ada@example.org', 'first admin password');
    expect(signedIn.data!.signIn.me.email).toBe('ada@example.org');
    const [row] = await t.db.query(
      `SELECT u.org_role, o.name FROM users u JOIN organisations o ON o.id = u.organisation_id WHERE u.email = 'ada@example.org'`,
    );
    expect(row).toEqual({ org_role: 'ORG_ADMIN', name: 'Example Mediation' });
    const created = await t.gql(
      `mutation { createUser(input: { email: "mia@example.org", displayName: "Mia", orgRole: MEDIATOR, password: "mediator password" }) { email } }`,
      {},
      signedIn.data!.signIn.token,
    );
    expect(created.data).toEqual({ createUser: { email: 'mia@example.org' } });

    // A second admin of the same organisation joins it rather than creating another.
    const second = await createAdmin(['--email', 'bo@example.org', '--name', 'Bo', '--organisation', 'Example Mediation']);
    expect(second.code).toBe(0);
    expect(second.stdout).toMatch(/the existing organisation/);
    expect(await t.db.query(`SELECT count(*)::int AS n FROM organisations WHERE name = 'Example Mediation'`)).toEqual([{ n: 1 }]);
  });

  it('refuses bad input and an existing e-mail with one line and exit code 1, writing nothing', async () => {
    await createAdmin(['--email', 'taken@example.org', '--name', 'Taken', '--organisation', 'Taken Org']);
    const before = await t.db.query(`SELECT (SELECT count(*)::int FROM users) AS users, (SELECT count(*)::int FROM organisations) AS orgs`);
    const attempts: [string[], Record<string, string | undefined>, RegExp][] = [
      [['--email', 'taken@example.org', '--name', 'Again', '--organisation', 'Another Org'], {}, /email: an account with this e-mail address already exists/],
      [['--email', 'not-an-email', '--name', 'X', '--organisation', 'O'], {}, /email: enter an e-mail address/],
      [['--email', 'x@example.org', '--name', 'X'], {}, /--organisation is required/],
      [['--email', 'x@example.org', '--name', 'X', '--organisation', 'O'], { ADMIN_PASSWORD: 'short' }, /ADMIN_PASSWORD: must be at least 10 characters/],
      [['--email', 'x@example.org', '--name', 'X', '--organisation', 'O'], { ADMIN_PASSWORD: undefined }, /set ADMIN_PASSWORD/],
      [['--email', 'x@example.org', '--name', 'X', '--organisation', 'O'], { ADMIN_PASSWORD: 'password1234' }, /ADMIN_PASSWORD: too easy to guess\. This is (similar to )?a commonly used password\./],
      [['--email', 'x@example.org', '--name', 'X', '--organisation', 'O', '--role', 'GOD'], {}, /Unknown option '--role'/],
    ];
    for (const [args, env, message] of attempts) {
      const run = await createAdmin(args, env);
      expect({ code: run.code, lines: run.stderr.trimEnd().split('\n').length, stdout: run.stdout }).toEqual({ code: 1, lines: 1, stdout: '' });
      expect(run.stderr).toMatch(/^✖ /);
      expect(run.stderr).toMatch(message);
    }
    expect(await t.db.query(`SELECT (SELECT count(*)::int FROM users) AS users, (SELECT count(*)::int FROM organisations) AS orgs`)).toEqual(before);
  });
});
