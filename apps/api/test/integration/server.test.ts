import { describe, expect, it } from '@jest/globals';
import { startServer } from '../../src/server.js';
import { createTestDatabase, serverEnv } from '../support/database.js';

const base = { PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', NODE_ENV: 'production' };

describe('starting against DATABASE_URL', () => {
  it('applies migrations and loads no demo data unless asked', async () => {
    const server = await startServer({ ...base, ...serverEnv(await createTestDatabase('plain')) }, () => undefined);
    try {
      expect(server.embedded).toBeNull();
      expect(server.demoLoaded).toBe(false);
      const [{ count }] = await server.dataSource.query(`SELECT count(*)::int AS count FROM users`);
      expect(count).toBe(0);
      expect(await server.dataSource.showMigrations()).toBe(false);
      expect((await fetch(`${server.url}/readyz`)).status).toBe(200);
    } finally {
      await server.stop();
    }
  });

  it('loads the demo data once when DEMO_DATA=true, and not again on the next start', async () => {
    const url = await createTestDatabase('demo');
    const first = await startServer({ ...base, ...serverEnv(url), DEMO_DATA: 'true' }, () => undefined);
    const [{ count }] = await first.dataSource.query(`SELECT count(*)::int AS count FROM cases`);
    await first.stop();
    expect(first.demoLoaded).toBe(true);
    expect(count).toBeGreaterThan(0);

    const second = await startServer({ ...base, ...serverEnv(url), DEMO_DATA: 'true' }, () => undefined);
    try {
      expect(second.demoLoaded).toBe(false);
      const [{ again }] = await second.dataSource.query(`SELECT count(*)::int AS again FROM cases`);
      expect(again).toBe(count);
    } finally {
      await second.stop();
    }
  });
});

describe('the demo sign-ins', () => {
  const signIn = async (url: string, password: string) => {
    const response = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: `mutation ($p: String!) { signIn(input: { email: "mediator@demo.test", password: $p }) { token } }`, variables: { p: password } }),
    });
    return ((await response.json()) as { data?: { signIn: { token: string } } | null }).data?.signIn.token ?? null;
  };

  it('in a deployment never take the demo password, even on 127.0.0.1 (a proxy may be in front): a fresh one each start', async () => {
    const url = await createTestDatabase('demodeploy');
    const first = await startServer({ ...base, ...serverEnv(url), DEMO_DATA: 'true' }, () => undefined);
    let password: string | null;
    try {
      expect(first.config.MODE).toBe('deployment');
      expect(first.demoLoaded).toBe(true);
      password = first.demoPassword;
      expect(password).toMatch(/^\S{16,}$/);
      expect(password).not.toBe('mediate-demo');
      expect(await signIn(first.url, 'mediate-demo')).toBeNull();
      expect(await signIn(first.url, password!)).toEqual(expect.any(String));
    } finally {
      await first.stop();
    }
    // Demo accounts left from a trial on this database: what they had no longer signs in.
    const second = await startServer({ ...base, ...serverEnv(url) }, () => undefined);
    try {
      expect(second.demoLoaded).toBe(false);
      expect(second.demoPassword).not.toBe(password);
      expect(await signIn(second.url, password!)).toBeNull();
      expect(await signIn(second.url, second.demoPassword!)).toEqual(expect.any(String));
    } finally {
      await second.stop();
    }
  });

  it('in the trial on 127.0.0.1 take the demo password, on DATABASE_URL too', async () => {
    const server = await startServer({ ...base, ...serverEnv(await createTestDatabase('demotrial')), MODE: 'trial' }, () => undefined);
    try {
      expect([server.demoLoaded, server.demoPassword]).toEqual([true, 'mediate-demo']);
      expect(await signIn(server.url, 'mediate-demo')).toEqual(expect.any(String));
    } finally {
      await server.stop();
    }
  });

  it('are none when the database has no demo accounts', async () => {
    const server = await startServer({ ...base, ...serverEnv(await createTestDatabase('nodemo')) }, () => undefined);
    try {
      expect(server.demoPassword).toBeNull();
    } finally {
      await server.stop();
    }
  });
});
