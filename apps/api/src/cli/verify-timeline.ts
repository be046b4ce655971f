import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { DataSource } from 'typeorm';
import { embeddedAuditKey } from '../config/audit-key.js';
import { ConfigError, loadConfig } from '../config/config.js';
import {
  CASE_HEAD_COLUMNS,
  judgeTimeline,
  sealUnsealedHeads,
  STORED_ROW_COLUMNS,
  type CaseHead,
  type ChainVerdict,
  type StoredTimelineRow,
  type TimelineBreak,
} from '../cases/timeline.js';
import { connect } from '../database/data-source.js';
import { defaultDataDir, EMBEDDED_APP_ROLE } from '../database/embedded.js';

/**
 * Verifies every case's timeline (hashes, links, numbering, the sealed head, the version):
 *
 *   DATABASE_URL=postgres://… AUDIT_KEY=… node apps/api/dist/cli/verify-timeline.js [--seal-unsealed]
 *
 * Without DATABASE_URL it checks the embedded database of DATA_DIR (which `npm start` must be
 * running). Prints one line per broken case and a summary; exit 0 when every timeline is intact,
 * 1 when any is broken, 2 when it could not check (usage, configuration, database unreachable). Cases are read a batch at a time,
 * never all rows at once. `--seal-unsealed` first seals the heads of cases written before seals
 * existed (once, after upgrading), each only when its chain is otherwise intact.
 */
class UsageError extends Error {}


const USAGE = 'usage: verify-timeline [--seal-unsealed]';
const CASES_PER_BATCH = 200;

const EXPLAINED: Record<TimelineBreak, string> = {
  ROW_ALTERED: "a row's content no longer matches its hash",
  LINK_BROKEN: 'a row does not carry the hash of the row before it',
  ROWS_MISSING: 'rows are missing',
  UNSEALED: 'the timeline head has no seal',
  SEAL_MISMATCH: 'the last row is not the sealed head, or the seal was not made with this AUDIT_KEY',
  VERSION_MISMATCH: "the rows that moved the case do not account for the case's version",
};

async function main(): Promise<number> {
  let sealUnsealed = false;
  try {
    const { values } = parseArgs({ options: { 'seal-unsealed': { type: 'boolean' } }, strict: true, allowPositionals: false });
    sealUnsealed = values['seal-unsealed'] === true;
  } catch (error) {
    throw new UsageError(`${(error as Error).message.split('\n')[0]} (${USAGE})`);
  }
  const { url, key } = target();
  const db = await connect({ url });
  try {
    if (sealUnsealed) {
      const { sealed, refused } = await sealUnsealedHeads(db.manager, key);
      console.log(`Sealed the heads of ${sealed.length} case(s) that had none${refused.length ? `; ${refused.length} not sealed (their timeline is broken)` : ''}.`);
    }
    let cases = 0;
    let rows = 0;
    let broken = 0;
    for await (const [head, verdict] of verdicts(db, key)) {
      cases += 1;
      rows += verdict.rows;
      if (verdict.intact) continue;
      broken += 1;
      const where = verdict.brokenAtSeq === null ? '' : ` (at row ${verdict.brokenAtSeq})`;
      console.log(`✖ case ${head.id}: ${EXPLAINED[verdict.reason!]}${where} [${verdict.reason}]`);
    }
    console.log(
      broken === 0
        ? `✔ ${cases} case(s), ${rows} timeline row(s): every timeline is intact.`
        : `✖ ${broken} of ${cases} case(s) have a broken timeline (${rows} row(s) checked).`,
    );
    return broken === 0 ? 0 : 1;
  } finally {
    await db.destroy();
  }
}

/** DATABASE_URL and AUDIT_KEY, or the embedded database's own. */
function target(): { url: string; key: Buffer } {
  const config = loadConfig();
  if (config.DATABASE_URL) {
    if (!config.AUDIT_KEY) throw new ConfigError(['AUDIT_KEY is required with DATABASE_URL: the key the server seals timelines with']);
    return { url: config.DATABASE_URL, key: config.AUDIT_KEY };
  }
  const dataDir = config.DATA_DIR ?? defaultDataDir();
  const remembered = join(dataDir, 'embedded-postgres.json');
  if (!existsSync(remembered) || !existsSync(join(dataDir, 'audit-key'))) {
    throw new UsageError(`No embedded database with an audit key in ${dataDir}: set DATABASE_URL and AUDIT_KEY, or DATA_DIR.`);
  }
  const { port, appPassword } = JSON.parse(readFileSync(remembered, 'utf8')) as { port: number; appPassword?: string };
  if (!appPassword) throw new UsageError(`The embedded database in ${dataDir} predates its roles: start it once with npm start.`);
  return {
    url: `postgres://${EMBEDDED_APP_ROLE}:${encodeURIComponent(appPassword)}@127.0.0.1:${port}/impasse`,
    key: embeddedAuditKey(dataDir).key,
  };
}

/** Every case's verdict, a batch of cases (and their rows) at a time, in id order. */
async function* verdicts(db: DataSource, key: Buffer): AsyncGenerator<[CaseHead, ChainVerdict]> {
  let after: string | null = null;
  for (;;) {
    const heads = (await db.query(
      `SELECT ${CASE_HEAD_COLUMNS} FROM cases WHERE $1::uuid IS NULL OR id > $1::uuid ORDER BY id LIMIT ${CASES_PER_BATCH}`,
      [after],
    )) as CaseHead[];
    if (heads.length === 0) return;
    const rows = (await db.query(`SELECT ${STORED_ROW_COLUMNS} FROM case_events WHERE case_id = ANY($1::uuid[]) ORDER BY case_id, seq`, [
      heads.map((h) => h.id),
    ])) as StoredTimelineRow[];
    const byCase = new Map<string, StoredTimelineRow[]>();
    for (const row of rows) {
      const list = byCase.get(row.caseId) ?? [];
      list.push(row);
      byCase.set(row.caseId, list);
    }
    for (const head of heads) yield [head, judgeTimeline(head, byCase.get(head.id) ?? [], key)];
    after = heads.at(-1)!.id;
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof ConfigError) console.error(`✖ Configuration: ${error.problems.join('; ')}`);
    else console.error(`✖ ${error instanceof Error ? error.message : String(error)}`);
    process.exit(2); // not checked: 1 is kept for "a timeline is broken"

  },
);
