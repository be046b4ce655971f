import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { webDistPath } from '../../src/app.module.js';
import { loadConfig } from '../../src/config/config.js';
import { startTestApp, startTestAppOn, type TestApp } from '../support/app.js';

/** Real HTTP against the test app, which serves the built dashboard (turbo builds the web first). */
let t: TestApp;
let dist: string;
let script: string;
beforeAll(async () => {
  t = await startTestApp('securityheaders');
  dist = webDistPath(loadConfig({}))!;
  script = readdirSync(join(dist, 'assets')).find((name) => /\.js$/.test(name))!;
});
afterAll(async () => {
  await t?.close();
});

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** A raw request: fetch would decompress the body and hide what went over the wire. */
function get(path: string, headers: Record<string, string> = {}, method = 'GET', body?: string, app: TestApp = t): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(`${app.url}${path}`, { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

function csp(answer: Answer): Record<string, string> {
  const header = String(answer.headers['content-security-policy'] ?? '');
  return Object.fromEntries(
    header
      .split(';')
      .map((part) => part.trim())
      .filter(Boolean)
      .map((part) => [part.split(' ')[0], part.split(' ').slice(1).join(' ')]),
  );
}

describe('security headers', () => {
  it('sends the dashboard with a policy that allows only its own origin and its socket, never in a frame', async () => {
    const page = await get('/');
    expect(page.status).toBe(200);
    const host = new URL(t.url).host;
    expect(csp(page)).toMatchObject({
      'default-src': "'self'",
      'script-src': "'self'",
      'connect-src': `'self' ws://${host}`,
      'frame-ancestors': "'none'",
      'object-src': "'none'",
      'base-uri': "'self'",
      'form-action': "'self'",
    });
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    expect(page.headers['referrer-policy']).toBe('no-referrer');
    expect(page.headers['x-frame-options']).toBe('DENY');
    // Over plain http there is no HSTS (a browser would ignore it) and nothing is upgraded.
    expect(page.headers['strict-transport-security']).toBeUndefined();
    expect(csp(page)).not.toHaveProperty('upgrade-insecure-requests');
  });

  it('behind the TLS proxy TRUST_PROXY names sends HSTS and allows the secure socket', async () => {
    const proxied = await startTestAppOn(t.databaseUrl, { TRUST_PROXY: '127.0.0.1' });
    try {
      const page = await get('/', { 'x-forwarded-proto': 'https', 'x-forwarded-host': 'mediate.example.test' }, 'GET', undefined, proxied);
      expect(page.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
      expect(csp(page)['connect-src']).toBe("'self' wss://mediate.example.test");
    } finally {
      await proxied.close();
    }
  });

  it('takes no X-Forwarded-Proto or -Host from a peer TRUST_PROXY does not name (by default, none)', async () => {
    const page = await get('/', { 'x-forwarded-proto': 'https', 'x-forwarded-host': 'mediate.example.test' });
    expect(page.headers['strict-transport-security']).toBeUndefined();
    expect(csp(page)['connect-src']).toBe(`'self' ws://${new URL(t.url).host}`);
  });

  it('names no socket for a Host it cannot trust to be a host', async () => {
    const page = await get('/', { host: "evil; script-src 'unsafe-inline'" });
    expect(csp(page)['connect-src']).toBe("'self'");
    expect(csp(page)['script-src']).toBe("'self'");
  });

  it('sends the same headers with api answers, and GraphQL answers are never stored', async () => {
    const answer = await get('/graphql', { 'content-type': 'application/json' }, 'POST', JSON.stringify({ query: '{ __typename }' }));
    expect(answer.status).toBe(200);
    expect(answer.headers['cache-control']).toBe('no-store');
    expect(answer.headers['x-content-type-options']).toBe('nosniff');
    expect(csp(answer)['frame-ancestors']).toBe("'none'");
    const refused = await get('/graphql', { 'content-type': 'application/json' }, 'POST', '{ not json');
    expect(refused.headers['cache-control']).toBe('no-store');
  });
});

describe('GraphiQL (in the trial only)', () => {
  it('may load its scripts and styles from its CDN and run its own inline blocks, nothing else inline', async () => {
    const page = await get('/graphql', { accept: 'text/html' });
    expect([page.status, page.headers['content-type']]).toEqual([200, expect.stringMatching(/^text\/html/)]);
    const html = page.body.toString('utf8');
    const hash = (text: string) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;
    const inline = (tag: string) => [...html.matchAll(new RegExp(`<${tag}>([\\s\\S]*?)</${tag}>`, 'g'))].map((m) => hash(m[1]));
    expect(inline('script').length).toBeGreaterThan(0);
    const policy = csp(page);
    expect(policy['script-src'].split(' ')).toEqual(["'self'", 'https://unpkg.com', ...inline('script')]);
    expect(policy['style-src'].split(' ')).toEqual(["'self'", 'https://unpkg.com', ...inline('style')]);
    expect(policy['frame-ancestors']).toBe("'none'");
    expect(page.headers['content-security-policy']).not.toContain('unsafe');
  });
});

describe('the dashboard’s files over the wire', () => {
  it('marks hashed assets immutable for a year, and the page itself to be checked every time', async () => {
    expect((await get(`/assets/${script}`)).headers['cache-control']).toBe('public, max-age=31536000, immutable');
    for (const path of ['/', '/cases/3f1c9a52-0000-4000-8000-000000000000']) {
      expect([path, (await get(path)).headers['cache-control']]).toEqual([path, 'no-cache']);
    }
    // A missing asset is a 404 that no cache keeps.
    const missing = await get('/assets/index-gone0000.js');
    expect(missing.status).toBe(404);
    expect(missing.headers['cache-control']).not.toMatch(/immutable|max-age=[1-9]/);
  });

  it('sends the script compressed, brotli when the browser takes it, else gzip, else as it is', async () => {
    const original = readFileSync(join(dist, 'assets', script));
    const br = await get(`/assets/${script}`, { 'accept-encoding': 'gzip, deflate, br' });
    expect([br.status, br.headers['content-encoding']]).toEqual([200, 'br']);
    expect(br.headers['content-type']).toMatch(/javascript/);
    expect(br.headers.vary).toMatch(/accept-encoding/i);
    expect(br.body.length).toBeLessThan(original.length / 3);
    expect(brotliDecompressSync(br.body).equals(original)).toBe(true);

    const gzip = await get(`/assets/${script}`, { 'accept-encoding': 'gzip' });
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gzip.body).equals(original)).toBe(true);

    const plain = await get(`/assets/${script}`);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.equals(original)).toBe(true);
    // The copies are not files of their own.
    expect((await get(`/assets/${script}.br`)).status).toBe(404);
  });

  it('publishes no source maps', async () => {
    const files = readdirSync(join(dist, 'assets'));
    expect(files.filter((name) => name.endsWith('.map'))).toEqual([]);
    expect(readFileSync(join(dist, 'assets', script), 'utf8')).not.toContain('sourceMappingURL');
    expect((await get(`/assets/${script}.map`)).status).toBe(404);
  });
});
