import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser } from 'playwright-core';
import { webDistPath } from '../../src/app.module.js';
import { loadConfig } from '../../src/config/config.js';
import { startServer, type RunningServer } from '../../src/server.js';
import { launchBrowser, screenshotDir } from '../support/browser.js';
import { createTestDatabase, serverEnv } from '../support/database.js';

let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  expect(webDistPath(loadConfig({}))).not.toBeNull(); // the built dashboard, served by the api
  server = await startServer(
    { ...serverEnv(await createTestDatabase('e2e')), MODE: 'trial', DEMO_DATA: 'true', PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', NODE_ENV: 'production' },
    () => undefined,
  );
  browser = await launchBrowser();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('the dashboard in a real browser', () => {
  it('signs in, opens a case from the database, sends an event, and sees the new state after a reload', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(server.url);
    await page.waitForURL('**/sign-in');
    await page.getByLabel('E-mail').fill('mediator@demo.test');
    await page.getByLabel('Password').fill('mediate-demo');
    await page.getByRole('button', { name: 'Sign in' }).click();

    // A demo case that the seed wrote to PostgreSQL.
    const link = page.getByRole('link', { name: 'Alvarez v. Northgate Logistics' });
    await link.first().click();
    await page.getByRole('heading', { level: 1, name: 'Alvarez v. Northgate Logistics' }).waitFor();
    await expect(page.getByTestId('resolution-state').textContent()).resolves.toMatch(/intake/i);

    await page.getByRole('button', { name: 'Schedule mediation' }).click();
    await page.getByTestId('resolution-state').filter({ hasText: /scheduled/i }).waitFor();

    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Alvarez v. Northgate Logistics' }).waitFor();
    await expect(page.getByTestId('resolution-state').textContent()).resolves.toMatch(/mediation.*scheduled/i);
    // The action just taken is no longer offered; the next one is.
    await expect(page.getByRole('button', { name: 'Schedule mediation' }).count()).resolves.toBe(0);
    await page.getByRole('button', { name: 'Start session' }).waitFor();
    await page.screenshot({ path: join(screenshotDir(), 'case-after-transition.png'), fullPage: true });

    const [row] = await server.dataSource.query(
      `SELECT c.resolution_state, (SELECT count(*)::int FROM case_events e WHERE e.case_id = c.id) AS events
         FROM cases c WHERE caption = 'Alvarez v. Northgate Logistics'`,
    );
    expect(row).toEqual({ resolution_state: 'mediation.scheduled', events: 2 });
    await page.close();
  }, 60_000);

  it('keeps every page of the main navigation within reach on a 390 px phone', async () => {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await page.goto(server.url);
    await page.getByLabel('E-mail').fill('mediator@demo.test');
    await page.getByLabel('Password').fill('mediate-demo');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Pipeline' }).waitFor();
    const nav = page.getByRole('navigation', { name: 'Main' });
    for (const name of ['Pipeline', 'Deadlines', /Inbox/]) expect(await nav.getByRole('link', { name }).isVisible()).toBe(true);
    await nav.getByRole('link', { name: 'Deadlines' }).click();
    await page.waitForURL('**/deadlines');
    // A string, run in the page: the api's TypeScript has no DOM types.
    const width = await page.evaluate<number>('document.documentElement.scrollWidth');
    expect(width).toBeLessThanOrEqual(390); // nothing pushes the page sideways
    await page.screenshot({ path: join(screenshotDir(), 'phone-deadlines.png'), fullPage: true });
    await page.close();
  }, 60_000);
});
