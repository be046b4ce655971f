#!/usr/bin/env node
// The two README commands, for a machine that has only Node and npm:
//   npm start  → install, build, run the app (embedded PostgreSQL unless DATABASE_URL is set)
//   npm test   → install, build, run every workspace's tests through turbo, print the totals
// Only Node built-ins here: nothing is installed yet when this runs.
import { spawnSync, spawn } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, rmSync, mkdirSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const rootPackage = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const pnpmVersion = rootPackage.packageManager.replace(/^pnpm@/, '');
const toolsDir = join(root, '.tools');
const toolsBin = join(toolsDir, 'node_modules', '.bin');
// turbo finds the package manager on PATH, so the local pnpm goes first.
const env = {
  ...process.env,
  PATH: `${toolsBin}${delimiter}${process.env.PATH ?? ''}`,
  TURBO_TELEMETRY_DISABLED: '1',
  TURBO_NO_UPDATE_NOTIFIER: '1',
  DO_NOT_TRACK: '1',
};

function fail(message) {
  console.error(`\n✖ ${message}`);
  process.exit(1);
}

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env, ...options });
  if (result.error) fail(`could not run ${command}: ${result.error.message}`);
  return result.status ?? 1;
}

/** pnpm, pinned by package.json's packageManager, installed into .tools on first use. */
function ensurePnpm() {
  const bin = join(toolsBin, process.platform === 'win32' ? 'pnpm.cmd' : 'pnpm');
  const installed = join(toolsDir, 'node_modules', 'pnpm', 'package.json');
  if (existsSync(installed) && JSON.parse(readFileSync(installed, 'utf8')).version === pnpmVersion) return bin;
  console.log(`› installing pnpm ${pnpmVersion} into .tools/`);
  mkdirSync(toolsDir, { recursive: true });
  const status = run('npm', ['install', '--prefix', toolsDir, '--no-save', '--no-package-lock', '--loglevel=error', `pnpm@${pnpmVersion}`]);
  if (status !== 0) fail('npm could not install pnpm; check your connection to the npm registry.');
  return bin;
}

function install(pnpm) {
  console.log('› installing dependencies (pnpm install --frozen-lockfile)');
  if (run(pnpm, ['install', '--frozen-lockfile', '--reporter=append-only']) !== 0) {
    fail('pnpm install failed; see the output above.');
  }
}

function printTotals() {
  const dir = join(root, 'test-output', 'totals');
  const files = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.json')) : [];
  const sum = { passed: 0, failed: 0, skipped: 0 };
  for (const file of files) {
    const totals = JSON.parse(readFileSync(join(dir, file), 'utf8'));
    console.log(`  ${totals.workspace}: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
    sum.passed += totals.passed;
    sum.failed += totals.failed;
    sum.skipped += totals.skipped;
  }
  return { ...sum, workspaces: files.length };
}

const command = process.argv[2];
const pnpm = ensurePnpm();
install(pnpm);

/**
 * The browser test drives a real Chromium. Found through CHROMIUM_PATH or the usual
 * places; on Debian or Ubuntu as root it is installed with apt-get (no browser download).
 */
function ensureChromium() {
  const candidates = [env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];
  const found = candidates.find((path) => path && existsSync(path));
  if (found) return found;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (isRoot && existsSync('/usr/bin/apt-get')) {
    console.log('› installing Chromium for the browser test (apt-get install chromium)');
    const aptEnv = { ...env, DEBIAN_FRONTEND: 'noninteractive' };
    run('apt-get', ['update', '-qq'], { env: aptEnv });
    if (run('apt-get', ['install', '-y', '-qq', 'chromium'], { env: aptEnv }) === 0 && existsSync('/usr/bin/chromium')) {
      return '/usr/bin/chromium';
    }
  }
  fail('the browser test needs Chromium: install it (Debian/Ubuntu: sudo apt-get install chromium; macOS: brew install --cask chromium) or set CHROMIUM_PATH to a Chrome or Chromium binary.');
}

if (command === 'test') {
  env.CHROMIUM_PATH = ensureChromium();
  rmSync(join(root, 'test-output', 'totals'), { recursive: true, force: true });
  const status = run(pnpm, ['exec', 'turbo', 'run', 'test', '--continue', '--concurrency=1', '--output-logs=full']);
  const sum = printTotals();
  const expected = ['apps', 'packages'].flatMap((d) => readdirSync(join(root, d)).filter((w) => existsSync(join(root, d, w, 'package.json')))).length;
  // A workspace whose runner died before reporting counts as one failure, so a crash is never a pass.
  const missing = Math.max(0, expected - sum.workspaces);
  const failed = sum.failed + missing + (status !== 0 && sum.failed + missing === 0 ? 1 : 0);
  console.log(`${sum.passed} passed, ${failed} failed, ${sum.skipped} skipped`);
  process.exit(failed === 0 && status === 0 ? 0 : 1);
} else if (command === 'start') {
  if (run(pnpm, ['exec', 'turbo', 'run', 'build', '--filter=@impasse/api...', '--output-logs=errors-only']) !== 0) {
    fail('the build failed; see the output above.');
  }
  // Hand the terminal to the api's launcher; it owns Ctrl-C and stops PostgreSQL cleanly.
  const child = spawn(process.execPath, ['--enable-source-maps', 'dist/cli/start.js'], {
    cwd: join(root, 'apps', 'api'),
    stdio: 'inherit',
    env: { ...env, NODE_ENV: env.NODE_ENV ?? 'production' },
  });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 130 : 1)));
} else {
  fail(`unknown command "${command}"; use start or test.`);
}
