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

/** Kills whatever a failed test left running, so jest can exit. */
export function killLaunched(): void {
  for (const child of launched) if (child.exitCode === null) child.kill('SIGKILL');
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
