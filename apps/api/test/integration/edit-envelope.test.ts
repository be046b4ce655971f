/**
 * Every edit locks, then reads: record edits, playbook ticks, invitations and the mediator's
 * proposal run in one envelope (lock the case row, read snapshot and roles under the lock,
 * check, write, append, notify). Raced against transitions from several connections, the
 * timeline must read as one story (each row starts where the previous one ended) and a
 * transition whose version is still current must never be told VERSION_CONFLICT.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { factories, startTestApp, type GqlResult, type TestApp } from '../support/app.js';

let t: TestApp;
let f: ReturnType<typeof factories>;

beforeAll(async () => {
  t = await startTestApp('edit-envelope');
  f = factories(t);
});
afterAll(() => t.close());

const TRANSITION = `mutation ($caseId: ID!, $v: Int!, $event: CaseEventInput!) {
  transitionCase(caseId: $caseId, expectedVersion: $v, event: $event) { version state { resolution } } }`;
const ADD_DEADLINE = `mutation ($caseId: ID!, $input: DeadlineInput!) { addDeadline(caseId: $caseId, input: $input) { id } }`;
const TICK = `mutation ($caseId: ID!, $itemId: String!, $done: Boolean!) { setPlaybookItemDone(caseId: $caseId, itemId: $itemId, done: $done) { id } }`;
const INVITE = `mutation ($caseId: ID!, $input: InviteToCaseInput!) { inviteToCase(caseId: $caseId, input: $input) { url } }`;
const code = (r: GqlResult) => r.errors?.[0]?.extensions?.code;

describe('the edit envelope', () => {
  it('keeps the timeline one story and never answers a spurious VERSION_CONFLICT under concurrent edits and transitions', async () => {
    const org = await f.newOrganisation();
    const mediator = await f.newUser(org, 'MEDIATOR');
    const c = await f.newCase(mediator.token);
    await t.db.query(`SELECT 1`);

    // One writer of transitions: every VERSION_CONFLICT it sees would be spurious.
    const cycle = [{ scheduleMediation: true }, { startSession: true }, ...Array.from({ length: 14 }, (_, i) => (i % 2 === 0 ? { adjournSession: true } : { resumeSession: true }))];
    const conflicts: string[] = [];
    const transitions = (async () => {
      let version = c.version;
      for (const event of cycle) {
        const result = await t.gql<{ transitionCase: { version: number } }>(TRANSITION, { caseId: c.id, v: version, event }, mediator.token);
        if (result.errors) {
          conflicts.push(`${Object.keys(event)[0]}: ${code(result)} ${result.errors[0]!.message}`);
          return;
        }
        version = result.data!.transitionCase.version;
      }
    })();
    const editErrors: string[] = [];
    const editor = async (worker: number) => {
      for (let i = 0; i < 12; i += 1) {
        const kind = (worker + i) % 3;
        const result =
          kind === 0
            ? await t.gql(ADD_DEADLINE, { caseId: c.id, input: { kind: 'OTHER', title: `w${worker} ${i}`, dueAt: '2031-01-01T17:00:00Z', source: 'MEDIATOR' } }, mediator.token)
            : kind === 1
              ? await t.gql(TICK, { caseId: c.id, itemId: 'remediation.tighter-agenda', done: i % 2 === 0 }, mediator.token)
              : await t.gql(INVITE, { caseId: c.id, input: { email: `w${worker}.${i}@example.test`, displayName: 'Someone', role: 'COUNSEL', sideId: c.sides[0]!.id } }, mediator.token);
        if (result.errors) editErrors.push(`${kind}: ${code(result)} ${result.errors[0]!.message}`);
      }
    };
    await Promise.all([transitions, editor(0), editor(1), editor(2)]);

    expect(conflicts).toEqual([]);
    expect(editErrors).toEqual([]);
    const rows: { seq: number; type: string; from: unknown; to: unknown }[] = await t.db.query(
      `SELECT seq, type, from_state AS from, to_state AS to FROM case_events WHERE case_id = $1 ORDER BY seq`,
      [c.id],
    );
    expect(rows.length).toBeGreaterThan(cycle.length + 20);
    const broken = rows.slice(1).filter((row, i) => JSON.stringify(row.from) !== JSON.stringify(rows[i]!.to));
    expect(broken.map((row) => `${row.seq} ${row.type}`)).toEqual([]);
  });
});
