/**
 * `cases.next_deadline_at`, the soonest open deadline of a case, is materialised by statement
 * triggers on `deadlines` (migration NextDeadline) and the pipeline sorts by it. Whatever writes
 * deadlines, in whatever interleaving of transactions, it must equal the minimum computed from
 * the deadlines themselves; only the trigger may write it; writing it moves nothing else of the
 * case (version, updated_at, the timeline seal); and the pipeline's order keeps telling a
 * program administrator nothing about deadlines.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import pg from 'pg';
import { factories, startTestApp, type TestApp } from '../support/app.js';

let t: TestApp;
let f: ReturnType<typeof factories>;
let org: string;
let mediator: { id: string; token: string };

beforeAll(async () => {
  t = await startTestApp('next-deadline');
  f = factories(t);
  org = await f.newOrganisation();
  mediator = await f.newUser(org, 'MEDIATOR');
});
afterAll(() => t.close());

/** A connection of its own as the app's role (the pool's connections are shared). */
async function connection(): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: t.databaseUrl });
  await client.connect();
  return client;
}

/** The materialised value and the one computed from the deadlines, for each case. */
async function both(caseIds: string[]): Promise<{ id: string; materialised: string | null; computed: string | null }[]> {
  return t.db.query(
    `SELECT c.id, c.next_deadline_at::text AS materialised,
            (SELECT min(d.due_at) FROM deadlines d WHERE d.case_id = c.id AND d.done_at IS NULL)::text AS computed
       FROM cases c WHERE c.id = ANY($1) ORDER BY c.id`,
    [caseIds],
  );
}

async function expectConsistent(caseIds: string[]): Promise<void> {
  for (const row of await both(caseIds)) expect({ id: row.id, value: row.materialised }).toEqual({ id: row.id, value: row.computed });
}

/** Resolves once the backend `pid` waits for a lock (so the interleaving under test is real). */
async function waitingForLock(pid: number): Promise<void> {
  for (let i = 0; i < 500; i += 1) {
    const [row] = await t.db.query(`SELECT wait_event_type FROM pg_stat_activity WHERE pid = $1`, [pid]);
    if (row?.wait_event_type === 'Lock') return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`backend ${pid} never waited for a lock`);
}

const pidOf = async (client: pg.Client): Promise<number> => (await client.query(`SELECT pg_backend_pid() AS pid`)).rows[0].pid;
/** A pg client (answers a result) or the app's pool (answers the rows). */
type Runner = { query(sql: string, parameters: unknown[]): Promise<any> };
const addDeadline = (client: Runner, caseId: string, dueAt: string, title = 'T'): Promise<any> =>
  client.query(`INSERT INTO deadlines (case_id, kind, title, due_at, source) VALUES ($1, 'OTHER', $3, $2, 'MEDIATOR') RETURNING id`, [caseId, dueAt, title]);

describe('the materialised next deadline under concurrent writers', () => {
  it('keeps the earlier deadline of two transactions that add deadlines to one case at once', async () => {
    const c = await f.newCase(mediator.token);
    const a = await connection();
    const b = await connection();
    try {
      await a.query('BEGIN');
      await addDeadline(a, c.id, '2031-03-01T10:00:00Z'); // the earlier one, not yet committed
      const bPid = await pidOf(b);
      await b.query('BEGIN');
      const bAdds = addDeadline(b, c.id, '2031-06-01T10:00:00Z');
      await waitingForLock(bPid);
      await a.query('COMMIT');
      await bAdds;
      await b.query('COMMIT');
      const [row] = await both([c.id]);
      expect(row).toMatchObject({ materialised: row!.computed });
      expect(new Date(row!.materialised!).toISOString()).toBe('2031-03-01T10:00:00.000Z');
    } finally {
      await a.end();
      await b.end();
    }
  });

  it('drops a deadline completed in one transaction while another adds a later one', async () => {
    const c = await f.newCase(mediator.token);
    const [first] = (await addDeadline(t.db, c.id, '2031-01-10T10:00:00Z')) as { id: string }[];
    await addDeadline(t.db, c.id, '2031-09-10T10:00:00Z');
    const a = await connection();
    const b = await connection();
    try {
      await a.query('BEGIN');
      await a.query(`UPDATE deadlines SET done_at = now() WHERE id = $1`, [first!.id]);
      const bPid = await pidOf(b);
      await b.query('BEGIN');
      const bAdds = addDeadline(b, c.id, '2031-05-10T10:00:00Z');
      await waitingForLock(bPid);
      await a.query('COMMIT');
      await bAdds;
      await b.query('COMMIT');
      const [row] = await both([c.id]);
      expect(row).toMatchObject({ materialised: row!.computed });
      expect(new Date(row!.materialised!).toISOString()).toBe('2031-05-10T10:00:00.000Z');
    } finally {
      await a.end();
      await b.end();
    }
  });

  it('equals the computed minimum after each round of six connections adding, completing, reopening, moving and deleting deadlines of one case at once', async () => {
    const c = await f.newCase(mediator.token);
    const other = await f.newCase(mediator.token);
    const clients = await Promise.all(Array.from({ length: 6 }, () => connection()));
    let seed = 7;
    const random = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
    const due = () => new Date(Date.UTC(2031, 0, 1) + Math.floor(random() * 365) * 86400_000).toISOString();
    const pick = `(SELECT id FROM deadlines WHERE case_id = $1 ORDER BY random() LIMIT 1)`;
    const errors: string[] = [];
    const stale: string[] = [];
    try {
      for (let round = 0; round < 30; round += 1) {
        // One write per transaction, held open a moment so that the writers overlap. (A
        // transaction that wrote a deadline row and then waits for the case while another holds
        // the case and waits for that row would deadlock whatever the trigger did; the app's
        // writers lock the case first: the edit envelope, the transition's write.)
        await Promise.all(
          clients.map(async (client) => {
            const op = Math.floor(random() * 6);
            const dueAt = due();
            const hold = random() * 0.01;
            try {
              await client.query('BEGIN');
              if (op <= 1) await addDeadline(client, c.id, dueAt);
              else if (op === 2) await client.query(`UPDATE deadlines SET done_at = now() WHERE id = ${pick}`, [c.id]);
              else if (op === 3) await client.query(`UPDATE deadlines SET done_at = NULL, due_at = $2 WHERE id = ${pick}`, [c.id, dueAt]);
              // Moving a deadline to another case: the trigger locks both cases, in id order.
              else if (op === 4) await client.query(`UPDATE deadlines SET case_id = $2 WHERE id = ${pick}`, [c.id, other.id]);
              else await client.query(`DELETE FROM deadlines WHERE id = ${pick}`, [c.id]);
              await client.query(`SELECT pg_sleep($1)`, [hold]);
              await client.query('COMMIT');
            } catch (error) {
              errors.push((error as Error).message);
              await client.query('ROLLBACK');
            }
          }),
        );
        for (const row of await both([c.id, other.id])) if (row.materialised !== row.computed) stale.push(`round ${round}: ${row.materialised} instead of ${row.computed}`);
      }
    } finally {
      await Promise.all(clients.map((client) => client.end()));
    }
    // No deadlock, no refusal: every transaction committed; and never a stale value.
    expect(errors).toEqual([]);
    expect(stale).toEqual([]);
  }, 60_000);
});

describe('the materialised next deadline as a property', () => {
  it('equals the computed minimum after any sequence of deadline inserts, updates, completions and deletes', async () => {
    const cases = [(await f.newCase(mediator.token)).id, (await f.newCase(mediator.token)).id, (await f.newCase(mediator.token)).id];
    const caseIndex = fc.integer({ min: 0, max: cases.length - 1 });
    const day = fc.integer({ min: 0, max: 40 }).map((d) => new Date(Date.UTC(2031, 0, 1 + d, 17)).toISOString());
    const command = fc.oneof(
      fc.record({ op: fc.constant('insert' as const), on: caseIndex, due: day, done: fc.boolean() }),
      // One statement over several rows and cases: the trigger runs once per statement.
      fc.record({ op: fc.constant('insertMany' as const), rows: fc.array(fc.tuple(caseIndex, day, fc.boolean()), { minLength: 1, maxLength: 4 }) }),
      fc.record({ op: fc.constant('complete' as const), on: caseIndex, nth: fc.nat(5) }),
      fc.record({ op: fc.constant('reopen' as const), on: caseIndex, nth: fc.nat(5) }),
      fc.record({ op: fc.constant('reschedule' as const), on: caseIndex, nth: fc.nat(5), due: day }),
      fc.record({ op: fc.constant('retitle' as const), on: caseIndex, nth: fc.nat(5) }),
      fc.record({ op: fc.constant('move' as const), on: caseIndex, nth: fc.nat(5), to: caseIndex }),
      fc.record({ op: fc.constant('completeAll' as const), on: caseIndex }),
      fc.record({ op: fc.constant('delete' as const), on: caseIndex, nth: fc.nat(5) }),
      fc.record({ op: fc.constant('deleteAll' as const), on: caseIndex }),
    );
    const nth = `(SELECT id FROM deadlines WHERE case_id = $1 ORDER BY id OFFSET $2 LIMIT 1)`;
    await fc.assert(
      fc.asyncProperty(fc.array(command, { minLength: 1, maxLength: 15 }), async (commands) => {
        await t.db.query(`DELETE FROM deadlines WHERE case_id = ANY($1)`, [cases]);
        for (const cmd of commands) {
          switch (cmd.op) {
            case 'insert':
              await t.db.query(`INSERT INTO deadlines (case_id, kind, title, due_at, source, done_at) VALUES ($1, 'OTHER', 'T', $2, 'MEDIATOR', $3)`, [
                cases[cmd.on],
                cmd.due,
                cmd.done ? cmd.due : null,
              ]);
              break;
            case 'insertMany':
              await t.db.query(
                `INSERT INTO deadlines (case_id, kind, title, due_at, source, done_at)
                 SELECT r.case_id, 'OTHER', 'T', r.due_at, 'MEDIATOR', CASE WHEN r.done THEN r.due_at END
                   FROM unnest($1::uuid[], $2::timestamptz[], $3::boolean[]) AS r(case_id, due_at, done)`,
                [cmd.rows.map(([on]) => cases[on]), cmd.rows.map(([, due]) => due), cmd.rows.map(([, , done]) => done)],
              );
              break;
            case 'complete':
              await t.db.query(`UPDATE deadlines SET done_at = now() WHERE id = ${nth}`, [cases[cmd.on], cmd.nth]);
              break;
            case 'reopen':
              await t.db.query(`UPDATE deadlines SET done_at = NULL WHERE id = ${nth}`, [cases[cmd.on], cmd.nth]);
              break;
            case 'reschedule':
              await t.db.query(`UPDATE deadlines SET due_at = $3 WHERE id = ${nth}`, [cases[cmd.on], cmd.nth, cmd.due]);
              break;
            case 'retitle':
              await t.db.query(`UPDATE deadlines SET title = title || '!' WHERE id = ${nth}`, [cases[cmd.on], cmd.nth]);
              break;
            case 'move':
              await t.db.query(`UPDATE deadlines SET case_id = $3 WHERE id = ${nth}`, [cases[cmd.on], cmd.nth, cases[cmd.to]]);
              break;
            case 'completeAll':
              await t.db.query(`UPDATE deadlines SET done_at = now() WHERE case_id = $1 AND done_at IS NULL`, [cases[cmd.on]]);
              break;
            case 'delete':
              await t.db.query(`DELETE FROM deadlines WHERE id = ${nth}`, [cases[cmd.on], cmd.nth]);
              break;
            case 'deleteAll':
              await t.db.query(`DELETE FROM deadlines WHERE case_id = $1`, [cases[cmd.on]]);
              break;
          }
          for (const row of await both(cases)) if (row.materialised !== row.computed) return false;
        }
        return true;
      }),
      { numRuns: 60, seed: 20261207 },
    );
  }, 120_000);
});

describe('who writes the materialised next deadline', () => {
  it('refuses the app writing it directly, and its upkeep moves no version, updated_at or seal', async () => {
    const c = await f.newCase(mediator.token);
    await expect(t.db.query(`UPDATE cases SET next_deadline_at = now() WHERE id = $1`, [c.id])).rejects.toThrow(/kept by the deadlines trigger/);
    const before = (await t.db.query(`SELECT version, updated_at, timeline_head_seq, timeline_seal, snapshot FROM cases WHERE id = $1`, [c.id]))[0];
    await addDeadline(t.db, c.id, '2031-02-02T17:00:00Z');
    const after = (await t.db.query(`SELECT version, updated_at, timeline_head_seq, timeline_seal, snapshot, next_deadline_at FROM cases WHERE id = $1`, [c.id]))[0];
    const { next_deadline_at: next, ...rest } = after;
    expect(rest).toEqual(before);
    expect(new Date(next).toISOString()).toBe('2031-02-02T17:00:00.000Z');
    // An UPDATE of other columns that leaves it alone is fine.
    await t.db.query(`UPDATE cases SET caption = caption WHERE id = $1`, [c.id]);
    // The deadline's row lock of the trigger does not disturb a transition after it.
    const moved = await t.gql(
      `mutation ($c: ID!, $v: Int!) { transitionCase(caseId: $c, expectedVersion: $v, event: { scheduleMediation: true }) { version nextDeadlineAt timelineIntegrity { intact } } }`,
      { c: c.id, v: c.version },
      mediator.token,
    );
    expect(moved.data!.transitionCase).toEqual({ version: c.version + 1, nextDeadlineAt: '2031-02-02T17:00:00.000Z', timelineIntegrity: { intact: true } });
  });
});

describe('the pipeline sorted by the materialised next deadline', () => {
  it('orders by next deadline; a case held only as program administrator sorts as one without deadlines, pages included', async () => {
    const viewer = await f.newUser(org, 'MEDIATOR');
    const other = await f.newUser(org, 'MEDIATOR');
    const later = await f.newCase(viewer.token);
    const sooner = await f.newCase(viewer.token);
    const none = await f.newCase(viewer.token);
    const none2 = await f.newCase(viewer.token);
    // Someone else's case, with the soonest deadline of all, the viewer holds as program administrator.
    const administered = await f.newCase(other.token);
    await f.addParticipant(administered.id, viewer.id, 'PROGRAM_ADMIN');
    await addDeadline(t.db, administered.id, '2030-01-01T17:00:00Z');
    await addDeadline(t.db, later.id, '2031-08-01T17:00:00Z');
    await addDeadline(t.db, sooner.id, '2031-02-01T17:00:00Z');
    await addDeadline(t.db, sooner.id, '2031-04-01T17:00:00Z');
    const [gone] = (await addDeadline(t.db, none2.id, '2030-06-01T17:00:00Z')) as { id: string }[];
    await t.db.query(`UPDATE deadlines SET done_at = now() WHERE id = $1`, [gone!.id]);

    const expected = [sooner.id, later.id, ...[none.id, none2.id, administered.id].sort()];
    const PAGE = `query ($first: Int!, $after: String) { cases(first: $first, after: $after) { edges { cursor node { id nextDeadlineAt } } pageInfo { hasNextPage endCursor } } }`;
    const whole = await t.gql(PAGE, { first: 50 }, viewer.token);
    const nodes = whole.data!.cases.edges.map((e: { node: { id: string; nextDeadlineAt: string | null } }) => e.node);
    expect(nodes.map((n: { id: string }) => n.id)).toEqual(expected);
    expect(nodes.find((n: { id: string }) => n.id === administered.id).nextDeadlineAt).toBeNull();
    expect(nodes[0].nextDeadlineAt).toBe('2031-02-01T17:00:00.000Z');

    for (const first of [1, 2]) {
      const seen: string[] = [];
      let after: string | null = null;
      for (;;) {
        const page: any = await t.gql(PAGE, { first, after }, viewer.token);
        seen.push(...page.data.cases.edges.map((e: { node: { id: string } }) => e.node.id));
        if (!page.data.cases.pageInfo.hasNextPage) break;
        after = page.data.cases.pageInfo.endCursor;
      }
      expect(seen).toEqual(expected);
    }
  });
});
