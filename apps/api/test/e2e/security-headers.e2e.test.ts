import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DEMO_CASE, startDemoApp, type DemoApp } from '../support/e2e.js';

let app: DemoApp;

beforeAll(async () => {
  app = await startDemoApp('csp');
}, 60_000);

afterAll(() => app?.close());

// Run in the page (as text: the api's TypeScript has no DOM types).
const WATCH_VIOLATIONS = `window.cspViolations = [];
document.addEventListener('securitypolicyviolation', (e) => window.cspViolations.push(e.violatedDirective + ' ' + e.blockedURI));`;
const VIOLATIONS = 'window.cspViolations';
const FORBIDDEN_IMAGE = `(() => {
  const image = document.createElement('img');
  image.src = 'https://elsewhere.example.test/pixel.png';
  document.body.append(image);
})()`;

describe('the dashboard under its Content-Security-Policy', () => {
  it('loads, signs in and goes live in Chromium with the policy on, and the browser reports no violation', async () => {
    const context = await app.browser.newContext({ viewport: { width: 1280, height: 900 } });
    await context.addInitScript({ content: WATCH_VIOLATIONS });
    const page = await context.newPage();
    const consoleErrors: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text());
    });
    const sockets: string[] = [];
    page.on('websocket', (socket) => sockets.push(socket.url()));

    const first = await page.goto(`${app.server.url}/sign-in`);
    const policy = first!.headers()['content-security-policy'] ?? '';
    expect(policy).toContain("default-src 'self'");
    expect(policy).toContain("frame-ancestors 'none'");
    expect(policy).toContain(`connect-src 'self' ws://${new URL(app.server.url).host}`);

    await page.getByLabel('E-mail').fill('counsel.claimant@demo.test');
    await page.getByLabel('Password').fill('mediate-demo');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Pipeline' }).waitFor();
    await app.openCase(page);

    // Live: the mediator's transition, in another browser, reaches this page over the socket.
    const mediator = await app.signIn('mediator@demo.test');
    await app.openCase(mediator, DEMO_CASE);
    await mediator.getByRole('button', { name: 'Schedule mediation' }).click();
    await page.getByTestId('resolution-state').filter({ hasText: /scheduled/i }).waitFor({ timeout: 10_000 });
    expect(sockets).toContain(`ws://${new URL(app.server.url).host}/graphql`);

    expect(await page.evaluate(VIOLATIONS)).toEqual([]);
    expect(consoleErrors.filter((text) => /Content Security Policy|Refused to/i.test(text))).toEqual([]);

    // The watch works: something the policy forbids is reported.
    await page.evaluate(FORBIDDEN_IMAGE);
    await page.waitForFunction(`${VIOLATIONS}.length > 0`);
    expect(await page.evaluate(VIOLATIONS)).toEqual([expect.stringMatching(/^img-src https:\/\/elsewhere/)]);
    await context.close();
    await mediator.context().close();
  }, 90_000);
});
