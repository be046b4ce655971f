import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { API_DIR } from './process.js';

/** Debian's Chromium (or CHROMIUM_PATH), with the flags this closed network needs. */
export function chromiumPath(): string {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];
  const found = candidates.find((path): path is string => !!path && existsSync(path));
  if (!found) throw new Error('No Chromium found: install it (Debian: apt-get install chromium) or set CHROMIUM_PATH.');
  return found;
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath(),
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** Where screenshots go: TEST_OUTPUT_DIR, else <repo>/test-output/e2e. */
export function screenshotDir(): string {
  const dir = process.env.TEST_OUTPUT_DIR ?? join(API_DIR, '..', '..', 'test-output', 'e2e');
  mkdirSync(dir, { recursive: true });
  return dir;
}
