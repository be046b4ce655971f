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

/** The demo case as the mediator sees it through `base`, and a way to change it there. */
async function asMediator(base: string) {
  const { signIn } = await gql(base, `mutation { signIn(input: { email: "mediator@demo.test", password: "mediate-demo" }) { token } }`);
  const token = signIn.token as string;
  const { cases } = await gql(base, `{ cases(first: 100) { edges { node { id caption version } } } }`, {}, token);
  const item = (cases.edges as { node: { id: string; caption: string; version: number } }[]).find((e) => e.node.caption === DEMO_CASE)!.node;
  return {
    transition: (event: Record<string, unknown>) =>
      gql(base, `mutation ($c: ID!, $v: Int!, $e: CaseEventInput!) { transitionCase(caseId: $c, expectedVersion: $v, event: $e) { version } }`, { c: item.id, v: item.version, e: event }, token),
    addNote: (body: string) => gql(base, `mutation ($c: ID!, $body: String!) { addMediatorNote(caseId: $c, input: { body: $body }) { id } }`, { c: item.id, body }, token),
  };
}

/** Stops the api, runs `meanwhile` against another instance on the same database (whose notices nobody hears: this page's api is down), and starts the api again on its port. */
async function whileTheApiIsDown(page: Page, meanwhile: (base: string) => Promise<void>, offline: (page: Page) => Promise<void> = async () => undefined) {
  await app.stopServer();
  // In words, in the polite status region, not only by colour.
  await page.getByRole('status').filter({ hasText: /^Offline/ }).waitFor({ timeout: 10_000 });
  expect(await status(page).getAttribute('data-state')).toBe('offline');
  await offline(page);
  other = await app.startOtherInstance();
  await meanwhile(other.url);
  await other.stop();
  other = null;
  expect(await status(page).getAttribute('data-state')).toBe('offline');
  await app.restartServer();
  await status(page).and(page.locator('[data-state="live"]')).waitFor({ timeout: 45_000 });
}

/** Marks this document: a reload would lose the mark. */
const markDocument = (page: Page) => page.evaluate(() => ((globalThis as unknown as { sameDocument: boolean }).sameDocument = true));
const sameDocument = (page: Page) => page.evaluate(() => (globalThis as unknown as { sameDocument?: boolean }).sameDocument === true);

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
    await markDocument(page);

    await whileTheApiIsDown(
      page,
      async (base) => {
        const mediator = await asMediator(base);
        await mediator.transition({ scheduleMediation: true });
        await mediator.addNote(NOTE);
      },
      async () => {
        await shot(page, 'live-offline-1280.png', 1280);
        await shot(page, 'live-offline-390.png', 390);
        await page.setViewportSize({ width: 1280, height: 900 });
      },
    );
    await page.getByTestId('resolution-state').filter({ hasText: /scheduled/i }).waitFor({ timeout: 10_000 });
    await notes.getByText(NOTE).waitFor({ timeout: 10_000 });
    expect(await sameDocument(page)).toBe(true);
  }, 120_000);
});

describe('the pipeline when the api goes away and comes back', () => {
  it('says offline while the api is down; when it is back says live and shows the case where it moved meanwhile, without a reload', async () => {
    const page = await app.signIn('counsel.claimant@demo.test');
    await status(page).and(page.locator('[data-state="live"]')).waitFor({ timeout: 10_000 });
    const card = page.locator('[data-stage="mediation"]').getByRole('article').filter({ hasText: DEMO_CASE });
    await card.filter({ hasText: /scheduled/i }).waitFor();
    await markDocument(page);

    // pipelineChanged sends nothing on subscribing: only the refetch on reconnection shows the move.
    await whileTheApiIsDown(
      page,
      async (base) => {
        await (await asMediator(base)).transition({ startSession: true });
      },
      async () => {
        await shot(page, 'pipeline-offline-1280.png', 1280);
        await shot(page, 'pipeline-offline-390.png', 390);
        await page.setViewportSize({ width: 1280, height: 900 });
      },
    );
    await card.filter({ hasText: /in session/i }).waitFor({ timeout: 10_000 });
    expect(await sameDocument(page)).toBe(true);
  }, 120_000);
});
