import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import { screenshotDir } from '../support/browser.js';
import { DEMO_CASE, startDemoApp, type DemoApp } from '../support/e2e.js';

let app: DemoApp;
const CAPTION = DEMO_CASE;

beforeAll(async () => {
  app = await startDemoApp('live');
}, 60_000);

afterAll(() => app?.close());

const signedIn = (email: string) => app.signIn(email);

const timelineEntries = (page: Page) => page.getByRole('region', { name: 'Timeline' }).getByRole('listitem').count();
const litStates = (page: Page) =>
  page.locator('[aria-current="true"][data-state-id]').evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-state-id')));
/** The names of the GraphQL operations `page` sends over HTTP from now on. */
function operationsSent(page: Page): string[] {
  const names: string[] = [];
  page.on('request', (request) => {
    const name = /"operationName":"(\w+)"/.exec(request.postData() ?? '')?.[1];
    if (new URL(request.url()).pathname === '/graphql' && name) names.push(name);
  });
  return names;
}

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

describe('signing out in another tab', () => {
  it('takes the open case page back to sign-in without a reload: the session ended everywhere', async () => {
    const first = await signedIn('counsel.respondent@demo.test');
    await app.openCase(first);
    const second = await first.context().newPage();
    await second.goto(first.url());
    await second.getByRole('heading', { level: 1, name: CAPTION }).waitFor();
    // What each tab asks the api from now on, and a mark that a reload would wipe.
    const asked = operationsSent(first);
    const askedBySecond = operationsSent(second);
    await first.evaluate(() => Object.assign(globalThis, { sameDocument: true }));

    await second.getByRole('button', { name: 'Sign out' }).click();
    await second.getByRole('heading', { name: 'Sign in to Impasse' }).waitFor();
    // The first tab's live subscription ends with UNAUTHENTICATED; the dashboard asks to sign in
    // at once, without first asking the api who is signed in.
    await first.getByRole('heading', { name: 'Sign in to Impasse' }).waitFor({ timeout: 5_000 });
    expect(await first.evaluate(() => (globalThis as { sameDocument?: boolean }).sameDocument)).toBe(true);
    // Its signed-in pages gave way before asking anything on the new client: each such question
    // would fail with UNAUTHENTICATED and start yet another session, in a loop lasting until the
    // answer to `me` happened to come first (seconds). At most it asks who is signed in, once.
    expect(asked.filter((name) => name !== 'Me')).toEqual([]);
    expect(asked.filter((name) => name === 'Me').length).toBeLessThanOrEqual(1);
    // The tab that signed out shows sign-in on the mutation's answer, the same way.
    expect(askedBySecond.filter((name) => name !== 'Me')).toEqual(['SignOut']);
    expect(askedBySecond.filter((name) => name === 'Me').length).toBeLessThanOrEqual(1);
    await first.screenshot({ path: join(screenshotDir(), 'signed-out-elsewhere.png'), fullPage: true });
  }, 60_000);
});
