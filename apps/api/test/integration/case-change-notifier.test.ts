import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { CaseChangeNotifier } from '../../src/cases/case-change.notifier.js';
import { factories, startTestApp, startTestAppOn, type TestApp } from '../support/app.js';
import { createTestDatabase } from '../support/database.js';

const TRANSITION = `mutation ($caseId: ID!, $v: Int!, $event: CaseEventInput!) {
  transitionCase(caseId: $caseId, expectedVersion: $v, event: $event) { version }
}`;

/**
 * A change is announced by the transaction that writes it (PostgreSQL delivers a NOTIFY at
 * commit), so an instance that dies the moment it has answered cannot lose the notice: the
 * other instances' subscribers hear every acknowledged change.
 */
let url: string;
let listener: pg.Client;
const notices: string[] = [];

beforeAll(async () => {
  url = await createTestDatabase('notifier');
  listener = new pg.Client({ connectionString: url });
  await listener.connect();
  listener.on('notification', (message) => notices.push(message.payload ?? ''));
  await listener.query(`LISTEN ${CaseChangeNotifier.CHANNEL}`);
});
afterAll(async () => {
  await listener.end();
});

async function heard(id: string, times: number): Promise<number> {
  const until = Date.now() + 3000;
  for (;;) {
    const count = notices.flatMap(CaseChangeNotifier.caseIdsOf).filter((heardId) => heardId === id).length;
    if (count >= times || Date.now() > until) return count;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** The instance's connections are gone the moment it has answered, as after kill -9. */
async function dies(t: TestApp): Promise<void> {
  await t.db.destroy();
}

describe('the change notice', () => {
  it('of a transition is sent by its own transaction: an instance that dies after answering loses none', async () => {
    const setup = await startTestAppOn(url);
    const f = factories(setup);
    const mediator = await f.newUser(await f.newOrganisation(), 'MEDIATOR');
    const c = await f.newCase(mediator.token);
    await setup.close();

    const t = await startTestAppOn(url);
    notices.length = 0;
    const moved = await t.gql(TRANSITION, { caseId: c.id, v: 1, event: { scheduleMediation: true } }, mediator.token);
    expect(moved.errors).toBeUndefined();
    await dies(t);
    expect(await heard(c.id, 1)).toBe(1);
    await t.app.close().catch(() => undefined);
  });

  it('of a new case is sent by the transaction that creates it', async () => {
    const setup = await startTestAppOn(url);
    const f = factories(setup);
    const mediator = await f.newUser(await f.newOrganisation(), 'MEDIATOR');
    await setup.close();

    const t = await startTestAppOn(url);
    notices.length = 0;
    const c = await factories(t).newCase(mediator.token);
    await dies(t);
    expect(await heard(c.id, 1)).toBe(1);
    await t.app.close().catch(() => undefined);
  });

  it('is not sent for a transition that wrote nothing', async () => {
    const t = await startTestApp('notifier-refused');
    const f = factories(t);
    const mediator = await f.newUser(await f.newOrganisation(), 'MEDIATOR');
    const c = await f.newCase(mediator.token);
    const own = new pg.Client({ connectionString: t.databaseUrl });
    await own.connect();
    const ownNotices: string[] = [];
    own.on('notification', (message) => ownNotices.push(message.payload ?? ''));
    await own.query(`LISTEN ${CaseChangeNotifier.CHANNEL}`);
    const stale = await t.gql(TRANSITION, { caseId: c.id, v: 7, event: { scheduleMediation: true } }, mediator.token);
    expect(stale.errors?.[0]?.extensions?.code).toBe('VERSION_CONFLICT');
    const moved = await t.gql(TRANSITION, { caseId: c.id, v: 1, event: { scheduleMediation: true } }, mediator.token);
    expect(moved.errors).toBeUndefined();
    // The notice of the accepted transition arrives; the refused one sent none before it.
    const until = Date.now() + 3000;
    while (ownNotices.length === 0 && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(ownNotices.flatMap(CaseChangeNotifier.caseIdsOf)).toEqual([c.id]);
    await own.end();
    await t.close();
  });
});
