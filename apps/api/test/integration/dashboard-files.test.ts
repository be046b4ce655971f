import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { webDistPath } from '../../src/app.module.js';
import { startServer, type RunningServer } from '../../src/server.js';
import { createTestDatabase, serverEnv } from '../support/database.js';

/** The api serves the built dashboard on its own origin (turbo builds the web before these tests). */
let server: RunningServer;
let dist: string;
beforeAll(async () => {
  server = await startServer(
    { PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', NODE_ENV: 'production', ...serverEnv(await createTestDatabase('dashboardfiles')) },
    () => undefined,
  );
  dist = webDistPath(server.config)!;
});
afterAll(async () => {
  await server?.stop();
});

describe('the dashboard’s files', () => {
  it('serves index.html at / and at any path the dashboard routes in the browser', async () => {
    expect(dist).not.toBeNull();
    for (const path of ['/', '/cases/3f1c9a52-0000-4000-8000-000000000000', '/deadlines', '/invite/some-token']) {
      const page = await fetch(`${server.url}${path}`);
      expect([path, page.status, page.headers.get('content-type')]).toEqual([path, 200, expect.stringMatching(/^text\/html/)]);
      expect(await page.text()).toContain('<div id=');
    }
  });

  it('serves each built asset as what it is, and answers a missing one 404 rather than with the page', async () => {
    const script = readdirSync(join(dist, 'assets')).find((name) => name.endsWith('.js'))!;
    const found = await fetch(`${server.url}/assets/${script}`);
    expect(found.status).toBe(200);
    expect(found.headers.get('content-type')).toMatch(/^application\/javascript|^text\/javascript/);
    for (const missing of ['/assets/index-gone0000.js', '/assets/styles/old.css']) {
      const answer = await fetch(`${server.url}${missing}`);
      expect([missing, answer.status]).toEqual([missing, 404]);
      expect(await answer.json()).toMatchObject({ message: expect.stringContaining('reload the page') });
    }
  });

  it('keeps the api’s own routes ahead of the dashboard', async () => {
    expect(await (await fetch(`${server.url}/healthz`)).json()).toEqual({ status: 'ok' });
    expect((await fetch(`${server.url}/calendar/unknown.ics`)).status).toBe(404);
  });
});
