import type { Browser, Page } from 'playwright-core';
import { startServer, type RunningServer } from '../../src/server.js';
import { launchBrowser } from './browser.js';
import { createTestDatabase, serverEnv } from './database.js';

/** A demo case every browser test may use: court-ordered, both sides with counsel, a program admin. */
export const DEMO_CASE = 'Alvarez v. Northgate Logistics';

export interface DemoApp {
  server: RunningServer;
  browser: Browser;
  /** A fresh browser context signed in as a demo user, on the pipeline. */
  signIn(email: string, password?: string): Promise<Page>;
  /** Opens a case from the pipeline by its caption. */
  openCase(page: Page, caption?: string): Promise<void>;
  /** Stops the api (its sockets close, its port refuses connections); the browser stays open. */
  stopServer(): Promise<void>;
  /** Serves the same database on the same port again, as a restarted api would; `server` is then the new one. */
  restartServer(): Promise<void>;
  /** Another api instance on the same database, on a port of its own; the caller stops it. */
  startOtherInstance(): Promise<RunningServer>;
  close(): Promise<void>;
}

/** The built app with the demo data on its own database, served as `npm start` serves it, and a Chromium. */
export async function startDemoApp(label: string, extraEnv: Record<string, string> = {}): Promise<DemoApp> {
  const env = {
    ...serverEnv(await createTestDatabase(label)),
    MODE: 'trial',
    DEMO_DATA: 'true',
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'silent',
    NODE_ENV: 'production',
    ...extraEnv,
  };
  let server = await startServer(env, () => undefined);
  const port = String(new URL(server.url).port);
  const browser = await launchBrowser();
  return {
    get server() {
      return server;
    },
    browser,
    async signIn(email, password = 'mediate-demo') {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      const page = await context.newPage();
      await page.goto(`${server.url}/sign-in`);
      await page.getByLabel('E-mail').fill(email);
      await page.getByLabel('Password').fill(password);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('heading', { name: 'Pipeline' }).waitFor();
      return page;
    },
    async openCase(page, caption = DEMO_CASE) {
      await page.getByRole('link', { name: caption }).first().click();
      await page.getByRole('heading', { level: 1, name: caption }).waitFor();
    },
    stopServer: () => server.stop(),
    async restartServer() {
      await server.stop();
      server = await startServer({ ...env, PORT: port }, () => undefined);
    },
    startOtherInstance: () => startServer(env, () => undefined),
    async close() {
      await browser.close();
      await server.stop();
    },
  };
}
