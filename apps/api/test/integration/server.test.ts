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
