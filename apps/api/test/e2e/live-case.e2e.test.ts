import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser, Page } from 'playwright-core';
import { startServer, type RunningServer } from '../../src/server.js';
import { launchBrowser, screenshotDir } from '../support/browser.js';
import { createTestDatabase } from '../support/database.js';

let server: RunningServer;
let browser: Browser;
const CAPTION = 'Alvarez v. Northgate Logistics';

beforeAll(async () => {
  server = await startServer(
    { DATABASE_URL: await createTestDatabase('live'), DEMO_DATA: 'true', PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', NODE_ENV: 'production' },
    () => undefined,
  );
  browser = await launchBrowser();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function signedIn(email: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.goto(`${server.url}/sign-in`);
  await page.getByLabel('E-mail').fill(email);
  await page.getByLabel('Password').fill('mediate-demo');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Pipeline' }).waitFor();
  return page;
}

const timelineEntries = (page: Page) => page.getByRole('region', { name: 'Timeline' }).getByRole('listitem').count();
const litStates = (page: Page) =>
  page.locator('[aria-current="true"][data-state-id]').evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-state-id')));

describe('a case, live, in two browsers', () => {
  it('moves through two transitions; the timeline grows, the diagram moves, and counsel sees it without reloading', async () => {
    const mediator = await signedIn('mediator@demo.test');
    const counsel = await signedIn('counsel.claimant@demo.test');

    await mediator.getByRole('link', { name: CAPTION }).first().click();
    await mediator.getByRole('heading', { level: 1, name: CAPTION }).waitFor();
    await counsel.getByRole('link', { name: CAPTION }).first().click();
    await counsel.getByRole('heading', { level: 1, name: CAPTION }).waitFor();

    const before = await timelineEntries(mediator);
    expect(await litStates(mediator)).toContain('case.resolution.intake');

    await mediator.getByRole('button', { name: 'Schedule mediation' }).click();
    await mediator.getByTestId('resolution-state').filter({ hasText: /scheduled/i }).waitFor();
    await counsel.getByTestId('resolution-state').filter({ hasText: /scheduled/i }).waitFor({ timeout: 10_000 });

    await mediator.getByRole('button', { name: 'Start session' }).click();
    await mediator.getByTestId('resolution-state').filter({ hasText: /in session/i }).waitFor();
    await counsel.getByTestId('resolution-state').filter({ hasText: /in session/i }).waitFor({ timeout: 10_000 });

    expect(await timelineEntries(mediator)).toBe(before + 2);
    expect(await timelineEntries(counsel)).toBe(before + 2);
    const lit = await litStates(mediator);
    expect(lit).toContain('case.resolution.mediation.inSession');
    expect(lit).not.toContain('case.resolution.intake');
    expect(await litStates(counsel)).toContain('case.resolution.mediation.inSession');

    await mediator.screenshot({ path: join(screenshotDir(), 'live-mediator.png'), fullPage: true });
    await counsel.screenshot({ path: join(screenshotDir(), 'live-counsel.png'), fullPage: true });
  }, 90_000);
});
