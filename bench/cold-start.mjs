#!/usr/bin/env node
// Measures how long `npm start` takes, after install and build, from launching the server to
// /readyz answering 200: cold (a new data folder: initdb, migrations, demo data) and warm
// (the same folder again). Usage: node bench/cold-start.mjs [runs=3]. Needs a built api.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const apiDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'apps', 'api');
const runs = Number(process.argv[2] ?? 3);

const freePort = () =>
  new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });

async function once(dataDir, port) {
  const env = { ...process.env, DATA_DIR: dataDir, PORT: String(port), NODE_ENV: 'production', LOG_LEVEL: 'warn' };
  delete env.DATABASE_URL;
  const began = performance.now();
  const child = spawn(process.execPath, ['dist/cli/start.js'], { cwd: apiDir, env, stdio: 'ignore' });
  for (;;) {
    try {
      const response = await fetch(`http://127.0.0.1:${port}/readyz`);
      if (response.status === 200) break;
    } catch {}
    if (child.exitCode !== null) throw new Error('server exited');
    await new Promise((r) => setTimeout(r, 25));
  }
  const ms = performance.now() - began;
  const exited = new Promise((r) => child.on('exit', r));
  child.kill('SIGINT');
  await exited;
  return ms;
}

const cold = [];
const warm = [];
for (let i = 0; i < runs; i += 1) {
  const dir = mkdtempSync(join(tmpdir(), 'impasse-bench-'));
  const port = await freePort();
  cold.push(await once(dir, port));
  warm.push(await once(dir, port));
  rmSync(dir, { recursive: true, force: true });
}
const fmt = (xs) => xs.map((x) => (x / 1000).toFixed(2)).join(', ');
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] / 1000;
console.log(`cold start to /readyz: ${fmt(cold)} s (median ${median(cold).toFixed(2)} s)`);
console.log(`warm start to /readyz: ${fmt(warm)} s (median ${median(warm).toFixed(2)} s)`);
