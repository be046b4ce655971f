import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import type { DataSource } from 'typeorm';
import { CaseChangeNotifier } from '../../src/cases/case-change.notifier.js';
import { connect } from '../../src/database/data-source.js';
import { createTestDatabase } from '../support/database.js';

let url: string;
let db: DataSource;
let listener: pg.Client;
const notices: string[] = [];

beforeAll(async () => {
  url = await createTestDatabase('notifier');
  db = await connect({ url });
  listener = new pg.Client({ connectionString: url });
  await listener.connect();
  listener.on('notification', (message) => notices.push(message.payload ?? ''));
  await listener.query(`LISTEN ${CaseChangeNotifier.CHANNEL}`);
});
afterAll(async () => {
  await listener.end();
  await db.destroy();
});

async function heard(count: number): Promise<string[]> {
  const until = Date.now() + 5000;
  for (;;) {
    const ids = notices.flatMap(CaseChangeNotifier.caseIdsOf);
    if (ids.length >= count || Date.now() > until) return ids;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('CaseChangeNotifier', () => {
  it('announces every changed case, many in one notice, each id once per batch', async () => {
    notices.length = 0;
    const notifier = new CaseChangeNotifier(db);
    const ids = Array.from({ length: 450 }, () => randomUUID());
    for (const id of ids) notifier.caseChanged(id);
    notifier.caseChanged(ids[0]!);
    const received = await heard(ids.length);
    expect(new Set(received)).toEqual(new Set(ids));
    expect(received).toHaveLength(ids.length);
    // 450 ids in notices of at most 200: three, each payload under PostgreSQL's 8000 bytes.
    expect(notices).toHaveLength(3);
    for (const notice of notices) expect(Buffer.byteLength(notice)).toBeLessThan(8000);
    await notifier.onApplicationShutdown();
  });

  it('announces a change that arrives while a notice is on its way, and what is pending at shutdown', async () => {
    notices.length = 0;
    const notifier = new CaseChangeNotifier(db);
    const [first, second, last] = [randomUUID(), randomUUID(), randomUUID()];
    notifier.caseChanged(first!);
    await new Promise((resolve) => setTimeout(resolve, CaseChangeNotifier.LINGER_MS + 1));
    notifier.caseChanged(second!);
    expect(await heard(2)).toEqual([first, second]);
    notifier.caseChanged(last!);
    await notifier.onApplicationShutdown();
    expect(await heard(3)).toEqual([first, second, last]);
  });
});
