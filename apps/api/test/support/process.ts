import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const API_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

export interface Launched {
  child: ChildProcessWithoutNullStreams;
  output: () => string;
  /** Resolves with the URL once the server says it is running; rejects if it exits first. */
  ready: Promise<string>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; ms: number }>;
}

/** Runs the real start command (`node dist/cli/start.js`) as `npm start` does after the build. */
const launched = new Set<ChildProcessWithoutNullStreams>();

/**
 * Stops whatever a failed test left running, so jest can exit: Ctrl-C first, so the server
 * stops its embedded PostgreSQL (a SIGKILL would leave that running, orphaned), then SIGKILL
 * after 10 s.
 */
export async function killLaunched(): Promise<void> {
  await Promise.all(
    [...launched].map(async (child) => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const gone = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGINT');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await gone;
      clearTimeout(timer);
    }),
  );
  launched.clear();
}

/**
 * `processGroup`: the server leads a process group of its own, so that a test can signal the
 * whole group as a terminal's Ctrl-C does (the embedded PostgreSQL receives it too).
 */
export function launch(env: Record<string, string>, { processGroup = false } = {}): Launched {
  const began = Date.now();
  const inherited = { ...process.env };
  delete inherited.DATABASE_URL;
  const child = spawn(process.execPath, ['dist/cli/start.js'], {
    cwd: API_DIR,
    env: { ...inherited, NODE_ENV: 'production', LOG_LEVEL: 'warn', ...env },
    detached: processGroup,
  });
  launched.add(child);
  let text = '';
  child.stdout.on('data', (chunk: Buffer) => (text += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (text += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; ms: number }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal, ms: Date.now() - began })),
  );
  const ready = new Promise<string>((resolve, reject) => {
    const check = () => {
      const match = /running at (http:\/\/localhost:\d+)/.exec(text);
      if (match && text.includes('Press Ctrl-C')) resolve(match[1]!);
    };
    child.stdout.on('data', check);
    void exited.then(() => reject(new Error(`the server exited before it was ready:\n${text}`)));
  });
  ready.catch(() => undefined); // awaited only by tests that expect a start
  return { child, output: () => text, ready, exited };
}
