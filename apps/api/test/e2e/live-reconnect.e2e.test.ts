import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import type { RunningServer } from '../../src/server.js';
import { screenshotDir } from '../support/browser.js';
import { DEMO_CASE, startDemoApp, type DemoApp } from '../support/e2e.js';

let app: DemoApp;
let other: RunningServer | null = null;

beforeAll(async () => {
  app = await startDemoApp('live-reconnect');
}, 60_000);

afterAll(async () => {
  await other?.stop();
  await app?.close();
});

async function gql<T = any>(base: string, query: string, variables: Record<string, unknown> = {}, token?: string): Promise<T> {
  const response = await fetch(`${base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: T; errors?: unknown[] };
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body.data!;
}

const NOTE = 'Written on another device while this tab was offline';

/** As the mediator, through `base`: schedules the demo case's mediation and writes a private note. */
async function changeTheCase(base: string): Promise<void> {
  const { signIn } = await gql(base, `mutation { signIn(input: { email: "mediator@demo.test", password: "mediate-demo" }) { token } }`);
  const token = signIn.token as string;
  const { cases } = await gql(base, `{ cases(first: 100) { edges { node { id caption version } } } }`, {}, token);
  const item = (cases.edges as { node: { id: string; caption: string; version: number } }[]).find((e) => e.node.caption === DEMO_CASE)!.node;
  await gql(base, `mutation ($c: ID!, $v: Int!) { transitionCase(caseId: $c, expectedVersion: $v, event: { scheduleMediation: true }) { version } }`, { c: item.id, v: item.version }, token);
  await gql(base, `mutation ($c: ID!, $body: String!) { addMediatorNote(caseId: $c, input: { body: $body }) { id } }`, { c: item.id, body: NOTE }, token);
}

const status = (page: Page) => page.getByTestId('live-status');

async function shot(page: Page, name: string, width: number): Promise<void> {
  await page.setViewportSize({ width, height: 900 });
  await page.screenshot({ path: join(screenshotDir(), name), fullPage: false });
}

describe('the case page when the api goes away and comes back', () => {
  it('says offline while the api is down; when it is back says live and shows what changed meanwhile, without a reload', async () => {
    const page = await app.signIn('mediator@demo.test');
    await app.openCase(page);
    await status(page).and(page.locator('[data-state="live"]')).waitFor({ timeout: 10_000 });
    expect(await status(page).textContent()).toMatch(/^Live/);
    const notes = page.getByRole('region', { name: 'Mediator notes' });
    await notes.waitFor();
    expect(await notes.getByText(NOTE).count()).toBe(0);
    // Marks this document: a reload would lose it.
    await page.evaluate(() => ((window as unknown as { sameDocument: boolean }).sameDocument = true));

    await app.stopServer();
    // In words, in the polite status region, not only by colour.
    await page.getByRole('status').filter({ hasText: /^Offline/ }).waitFor({ timeout: 10_000 });
    expect(await status(page).getAttribute('data-state')).toBe('offline');
    await shot(page, 'live-offline-1280.png', 1280);
    await shot(page, 'live-offline-390.png', 390);
    await page.setViewportSize({ width: 1280, height: 900 });

    // Meanwhile the case changes through another instance of the api on the same database,
    // whose notices nobody hears: this page's api is down.
    other = await app.startOtherInstance();
    await changeTheCase(other.url);
    await other.stop();
    other = null;
    expect(await status(page).getAttribute('data-state')).toBe('offline');

    await app.restartServer();
    await status(page).and(page.locator('[data-state="live"]')).waitFor({ timeout: 45_000 });
    await page.getByTestId('resolution-state').filter({ hasText: /scheduled/i }).waitFor({ timeout: 10_000 });
    await notes.getByText(NOTE).waitFor({ timeout: 10_000 });
    expect(await page.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument)).toBe(true);
  }, 120_000);
});
