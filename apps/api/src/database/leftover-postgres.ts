import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/**
 * What an app killed without stopping (kill -9, a power cut, an OOM kill) leaves in the
 * embedded data folder: its PostgreSQL still running, orphaned, or a `postmaster.pid` whose
 * process is gone (or whose pid now belongs to another process, which PostgreSQL would take for
 * a running server). The next start clears either before it starts PostgreSQL.
 *
 * A PostgreSQL counts as this folder's when the pid in `postmaster.pid` is alive and is a
 * `postgres` run with `-D` this very folder. It is another app's (which is left alone, and the
 * start refuses) only while its parent is the live app that started it, whose pid the app
 * writes to `server.pid` beside the data.
 */
export type Leftover =
  | { kind: 'none' }
  | { kind: 'stale'; pid: number }
  | { kind: 'orphan'; pid: number }
  | { kind: 'in-use'; pid: number; by: number };

const SERVER_PID_FILE = 'server.pid';

export function findLeftover(dataDir: string, pgdata: string): Leftover {
  const pidFile = join(pgdata, 'postmaster.pid');
  if (!existsSync(pidFile)) return { kind: 'none' };
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0) return { kind: 'stale', pid: 0 };
  const running = describeProcess(pid);
  if (!running || !isPostgresOf(running.argv, pgdata)) return { kind: 'stale', pid };
  const app = readServerPid(dataDir);
  if (app !== null && app !== process.pid && running.ppid === app && describeProcess(app)) return { kind: 'in-use', pid, by: app };
  return { kind: 'orphan', pid };
}

/**
 * Clears a leftover: stops an orphaned PostgreSQL (fast shutdown, as `pg_ctl stop -m fast`:
 * the app that used it is gone, so nothing is waited for), removes a stale `postmaster.pid`.
 * Returns a line saying what it did, or null when there was nothing to do.
 */
export async function clearLeftover(dataDir: string, pgdata: string): Promise<string | null> {
  if (process.platform === 'win32') return null;
  const leftover = findLeftover(dataDir, pgdata);
  switch (leftover.kind) {
    case 'none':
      return null;
    case 'in-use':
      throw new Error(
        `The data folder ${dataDir} is in use by another running Impasse server (process ${leftover.by}). Stop it first, or set DATA_DIR to another folder.`,
      );
    case 'stale':
      rmSync(join(pgdata, 'postmaster.pid'), { force: true });
      return null;
    case 'orphan': {
      const { pid } = leftover;
      signal(pid, 'SIGINT');
      if (!(await gone(pid, 30_000))) {
        signal(pid, 'SIGQUIT'); // immediate shutdown: crash recovery at the next start
        if (!(await gone(pid, 10_000))) throw new Error(`The PostgreSQL left running on ${dataDir} (process ${pid}) does not stop. Stop it by hand.`);
      }
      rmSync(join(pgdata, 'postmaster.pid'), { force: true });
      return `stopped the PostgreSQL left running on the data folder by an earlier start (process ${pid})`;
    }
  }
}

/** The app that runs the data folder's PostgreSQL now: this process. */
export function recordServerPid(dataDir: string): void {
  writeFileSync(join(dataDir, SERVER_PID_FILE), `${process.pid}\n`);
}

function readServerPid(dataDir: string): number | null {
  try {
    const pid = Number(readFileSync(join(dataDir, SERVER_PID_FILE), 'utf8').trim());
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

function isPostgresOf(argv: string[], pgdata: string): boolean {
  const program = argv[0]?.split('/').pop() ?? '';
  if (program !== 'postgres' && program !== 'postmaster') return false;
  const at = argv.indexOf('-D');
  return at >= 0 && argv[at + 1] !== undefined && resolve(argv[at + 1]!) === resolve(pgdata);
}

/** A live process's arguments and parent, or null when there is none with that pid (zombies count as gone). */
function describeProcess(pid: number): { argv: string[]; ppid: number } | null {
  if (existsSync('/proc/self/stat')) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (fields[0] === 'Z' || fields[0] === 'X') return null;
      const argv = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter((arg) => arg !== '');
      return { argv, ppid: Number(fields[1]) };
    } catch {
      return null;
    }
  }
  try {
    // macOS and the BSDs: `ps` splits arguments on spaces, which a data folder may contain;
    // compare the folder as one string after -D.
    const line = execFileSync('ps', ['-o', 'ppid=,stat=,command=', '-p', String(pid)], { encoding: 'utf8' }).trim();
    const match = /^(\d+)\s+(\S+)\s+(\S+)(?:.*?\s-D\s(.*?)(?:\s-p\s|$))?/.exec(line);
    if (!match || match[2]!.startsWith('Z')) return null;
    return { argv: [match[3]!, ...(match[4] ? ['-D', match[4]] : [])], ppid: Number(match[1]) };
  } catch {
    return null;
  }
}

function signal(pid: number, name: NodeJS.Signals): void {
  try {
    process.kill(pid, name);
  } catch {
    // already gone
  }
}

async function gone(pid: number, ms: number): Promise<boolean> {
  const end = Date.now() + ms;
  while (describeProcess(pid)) {
    if (Date.now() > end) return false;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return true;
}
