import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { factories, startTestApp, type TestApp } from '../support/app.js';
import { MACHINE_VERSION } from '@impasse/case-machine';
import { adminClient } from '../support/database.js';

let t: TestApp;
let f: ReturnType<typeof factories>;
let org: string;
let mediator: { id: string; token: string };

const TRANSITION = `mutation ($caseId: ID!, $v: Int!, $event: CaseEventInput!) {
  transitionCase(caseId: $caseId, expectedVersion: $v, event: $event) { id version state { resolution litigation } allowedEvents }
}`;

async function counts(caseId: string) {
  const [row] = await t.db.query(
    `SELECT (SELECT version FROM cases WHERE id = $1) AS version, (SELECT count(*)::int FROM case_events WHERE case_id = $1) AS events`,
    [caseId],
  );
  return row as { version: number; events: number };
}

beforeAll(async () => {
  t = await startTestApp('cases');
  f = factories(t);
  org = await f.newOrganisation();
  mediator = await f.newUser(org, 'MEDIATOR');
});
afterAll(() => t.close());

describe('opening a case', () => {
  it('stores the case with its sides, in intake, with the opening on the timeline', async () => {
    const result = await t.gql(
      `mutation ($input: CreateCaseInput!) { createCase(input: $input) {
          id caption docketNumber disputeType courtOrdered version state { resolution litigation done }
          sides { label role } myRoles { role } allowedEvents timeline { seq type summary }
      } }`,
      {
        input: {
          caption: '  Reyes v. Coastal Insurance  ',
          docketNumber: '2026-CV-9',
          disputeType: 'PERSONAL_INJURY',
          courtOrdered: true,
          sides: [
            { label: 'Ana Reyes', role: 'PLAINTIFF' },
            { label: 'Coastal Insurance', role: 'INSURER' },
            { label: 'Dock Co', role: 'DEFENDANT' },
          ],
        },
      },
      mediator.token,
    );
    expect(result.errors).toBeUndefined();
    const created = result.data!.createCase;
    expect(created.allowedEvents).toContain('SCHEDULE_MEDIATION');
    expect(created.allowedEvents).not.toContain('START_SESSION');
    expect(created).toMatchObject({
      caption: 'Reyes v. Coastal Insurance',
      docketNumber: '2026-CV-9',
      disputeType: 'PERSONAL_INJURY',
      courtOrdered: true,
      version: 1,
      state: { resolution: 'intake', litigation: 'notFiled', done: false },
      sides: [
        { label: 'Ana Reyes', role: 'PLAINTIFF' },
        { label: 'Coastal Insurance', role: 'INSURER' },
        { label: 'Dock Co', role: 'DEFENDANT' },
      ],
      myRoles: [{ role: 'MEDIATOR' }],
      timeline: [{ seq: 1, type: 'CASE_OPENED', summary: 'Case opened' }],
    });
    const [stored] = await t.db.query(`SELECT resolution_state, machine_version, snapshot FROM cases WHERE id = $1`, [created.id]);
    expect(stored.resolution_state).toBe('intake');
    expect(stored.machine_version).toBe(MACHINE_VERSION);
    expect(stored.snapshot.value).toEqual({ resolution: 'intake', litigation: 'notFiled' });
  });

  it.each([
    ['an empty caption', { caption: '' }, 'caption'],
    ['a single side', { sides: [{ label: 'Alone', role: 'CLAIMANT' }] }, 'sides'],
    ['a side without a label', { sides: [{ label: '', role: 'CLAIMANT' }, { label: 'B', role: 'RESPONDENT' }] }, 'sides.0.label'],
    ['a caption over 300 characters', { caption: 'x'.repeat(301) }, 'caption'],
  ])('refuses %s with BAD_USER_INPUT naming the field, writing nothing', async (_what, overrides, field) => {
    const before = await t.db.query(`SELECT count(*)::int AS n FROM cases`);
    const result = await t.gql(
      `mutation ($input: CreateCaseInput!) { createCase(input: $input) { id } }`,
      { input: { caption: 'Valid', disputeType: 'CONTRACT', sides: [{ label: 'A', role: 'CLAIMANT' }, { label: 'B', role: 'RESPONDENT' }], ...overrides } },
      mediator.token,
    );
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0]?.message).toContain(field);
    const after = await t.db.query(`SELECT count(*)::int AS n FROM cases`);
    expect(after[0].n).toBe(before[0].n);
  });

  it('refuses an unknown dispute type at the schema', async () => {
    const result = await t.gql(
      `mutation { createCase(input: { caption: "X", disputeType: PIRACY, sides: [{ label: "A", role: CLAIMANT }, { label: "B", role: RESPONDENT }] }) { id } }`,
      {},
      mediator.token,
    );
    expect(result.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('lets only mediators and program administrators open cases', async () => {
    const member = await f.newUser(org, 'MEMBER');
    const result = await t.gql(
      `mutation { createCase(input: { caption: "X", disputeType: CONTRACT, sides: [{ label: "A", role: CLAIMANT }, { label: "B", role: RESPONDENT }] }) { id } }`,
      {},
      member.token,
    );
    expect(result.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('asks an anonymous caller to sign in', async () => {
    const result = await t.gql(`{ cases { edges { node { id } } } }`);
    expect(result.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});

describe('transitionCase', () => {
  it('moves the case through the statechart and appends to the timeline', async () => {
    const c = await f.newCase(mediator.token);
    const first = await t.gql(TRANSITION, { caseId: c.id, v: 1, event: { scheduleMediation: true } }, mediator.token);
    expect(first.data!.transitionCase).toMatchObject({ version: 2, state: { resolution: 'mediation.scheduled' } });
    expect(first.data!.transitionCase.allowedEvents).toContain('START_SESSION');
    expect(first.data!.transitionCase.allowedEvents).not.toContain('SCHEDULE_MEDIATION');
    const second = await t.gql(TRANSITION, { caseId: c.id, v: 2, event: { startSession: true } }, mediator.token);
    expect(second.data!.transitionCase.state.resolution).toBe('mediation.inSession');
    const third = await t.gql(TRANSITION, { caseId: c.id, v: 3, event: { recordOutcome: { outcome: 'NO_AGREEMENT' } } }, mediator.token);
    expect(third.errors).toBeUndefined();
    const timeline = await t.gql(`query ($id: ID!) { case(id: $id) { timeline { seq type fromState { resolution } toState { resolution } summary actorName } } }`, { id: c.id }, mediator.token);
    const entries = timeline.data!.case.timeline;
    expect(entries.map((e: { type: string }) => e.type)).toEqual(['RECORD_OUTCOME', 'START_SESSION', 'SCHEDULE_MEDIATION', 'CASE_OPENED']);
    expect(entries[0]).toMatchObject({ fromState: { resolution: 'mediation.inSession' }, summary: 'Outcome recorded: no agreement' });
    expect(entries[0].actorName).toMatch(/^Person/);
  });

  it('answers VERSION_CONFLICT for a stale version and writes nothing', async () => {
    const c = await f.newCase(mediator.token);
    await t.gql(TRANSITION, { caseId: c.id, v: 1, event: { scheduleMediation: true } }, mediator.token);
    const before = await counts(c.id);
    const stale = await t.gql(TRANSITION, { caseId: c.id, v: 1, event: { startSession: true } }, mediator.token);
    expect(stale.errors?.[0]?.extensions?.code).toBe('VERSION_CONFLICT');
    expect(await counts(c.id)).toEqual(before);
  });

  it('lets exactly one of two simultaneous senders win', async () => {
    const c = await f.newCase(mediator.token);
    const results = await Promise.all([
      t.gql(TRANSITION, { caseId: c.id, v: 1, event: { scheduleMediation: true } }, mediator.token),
      t.gql(TRANSITION, { caseId: c.id, v: 1, event: { scheduleMediation: true } }, mediator.token),
    ]);
    const codes = results.map((r) => r.errors?.[0]?.extensions?.code ?? 'OK').sort();
    expect(codes).toEqual(['OK', 'VERSION_CONFLICT']);
    expect(await counts(c.id)).toEqual({ version: 2, events: 2 });
  });

  it('answers INVALID_TRANSITION for an event the state does not accept, writing nothing', async () => {
    const c = await f.newCase(mediator.token);
    const result = await t.gql(TRANSITION, { caseId: c.id, v: 1, event: { startSession: true } }, mediator.token);
    expect(result.errors?.[0]?.extensions?.code).toBe('INVALID_TRANSITION');
    expect(result.errors?.[0]?.message).toContain('intake');
    expect(await counts(c.id)).toEqual({ version: 1, events: 1 });
  });

  it('answers FORBIDDEN when the role may not send the event, even with the web bypassed', async () => {
    const c = await f.newCase(mediator.token);
    const counsel = await f.newUser(org);
    await f.addParticipant(c.id, counsel.id, 'COUNSEL', c.sides[0]!.id);
    const view = await t.gql(`query ($id: ID!) { case(id: $id) { allowedEvents myRoles { role sideId } } }`, { id: c.id }, counsel.token);
    expect(view.data!.case.myRoles).toEqual([{ role: 'COUNSEL', sideId: c.sides[0]!.id }]);
    // The machine accepts SCHEDULE_MEDIATION now, but not from counsel: it is not offered to them.
    expect(view.data!.case.allowedEvents).not.toContain('SCHEDULE_MEDIATION');
    const result = await t.gql(TRANSITION, { caseId: c.id, v: 1, event: { scheduleMediation: true } }, counsel.token);
    expect(result.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(await counts(c.id)).toEqual({ version: 1, events: 1 });
  });

  it('refuses an event input that sets two events at once', async () => {
    const c = await f.newCase(mediator.token);
    const result = await t.gql(TRANSITION, { caseId: c.id, v: 1, event: { scheduleMediation: true, startSession: true } }, mediator.token);
    expect(result.errors?.[0]?.extensions?.code).toMatch(/BAD_USER_INPUT|GRAPHQL_VALIDATION_FAILED/);
    expect(await counts(c.id)).toEqual({ version: 1, events: 1 });
  });

  it('answers NOT_FOUND for a case of another organisation or one the viewer is not on, revealing nothing', async () => {
    const c = await f.newCase(mediator.token);
    const outsider = await f.newUser(await f.newOrganisation(), 'MEDIATOR');
    const colleague = await f.newUser(org, 'MEDIATOR');
    for (const token of [outsider.token, colleague.token]) {
      const read = await t.gql(`query ($id: ID!) { case(id: $id) { caption } }`, { id: c.id }, token);
      expect(read.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
      const write = await t.gql(TRANSITION, { caseId: c.id, v: 1, event: { scheduleMediation: true } }, token);
      expect(write.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
      const list = await t.gql(`{ cases { edges { node { id } } } }`, {}, token);
      expect(list.data!.cases.edges).toEqual([]);
    }
    const garbage = await t.gql(`{ case(id: "not-a-uuid") { id } }`, {}, mediator.token);
    expect(garbage.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(await counts(c.id)).toEqual({ version: 1, events: 1 });
  });
});

describe('transitionCase against concurrent edits of the records', () => {
  const ADD_DEADLINE = `mutation ($c: ID!, $d: DateTime!) { addDeadline(caseId: $c, input: { kind: FILING_DEADLINE, title: "Answer due", dueAt: $d, source: COURT_ORDER }) { id } }`;
  const soon = () => new Date(Date.now() + 3 * 24 * 3600 * 1000).toISOString();

  /**
   * Runs `edit` right after each of the next `times` reads a transition makes (between its
   * read and its compare-and-set write), the window where an edit of the records, which
   * leaves the version alone, can append to the timeline first.
   */
  async function withEditAfterTransitionRead<T>(times: number, edit: () => Promise<unknown>, run: () => Promise<T>): Promise<{ result: T; edits: number }> {
    const { TRANSITION_READ_SQL } = await import('../../src/cases/case-sql.js');
    // The read is a prepared statement on the pool under TypeORM (database/prepared.ts).
    const pool = (t.db.driver as unknown as { master: { query: (config: { text?: string }, ...rest: unknown[]) => Promise<unknown> } }).master;
    const original = pool.query;
    let edits = 0;
    pool.query = async function (this: unknown, config: { text?: string }, ...rest: unknown[]) {
      const result = await original.call(this, config, ...rest);
      if (config?.text === TRANSITION_READ_SQL && edits < times) {
        edits += 1;
        await edit();
      }
      return result;
    };
    try {
      return { result: await run(), edits };
    } finally {
      pool.query = original;
    }
  }

  it('reads again when an edit appended to the timeline between its read and its write, and keeps the chain', async () => {
    const c = await f.newCase(mediator.token);
    const { result, edits } = await withEditAfterTransitionRead(
      1,
      () => t.gql(ADD_DEADLINE, { c: c.id, d: soon() }, mediator.token),
      () => t.gql(TRANSITION, { caseId: c.id, v: 1, event: { scheduleMediation: true } }, mediator.token),
    );
    expect(edits).toBe(1);
    expect(result.errors).toBeUndefined();
    expect(result.data!.transitionCase).toMatchObject({ version: 2, state: { resolution: 'mediation.scheduled' } });
    const view = await t.gql(`query ($id: ID!) { case(id: $id) { timeline { seq type } timelineIntegrity { intact rows } } }`, { id: c.id }, mediator.token);
    expect(view.data!.case.timeline.map((e: { seq: number; type: string }) => `${e.seq} ${e.type}`)).toEqual(['3 SCHEDULE_MEDIATION', '2 DEADLINE_ADDED', '1 CASE_OPENED']);
    expect(view.data!.case.timelineIntegrity).toEqual({ intact: true, rows: 3 });
  });

  it('when edits keep appending, takes the case row lock and lands: a version still current is never a conflict', async () => {
    const c = await f.newCase(mediator.token);
    const { result, edits } = await withEditAfterTransitionRead(
      10,
      () => t.gql(ADD_DEADLINE, { c: c.id, d: soon() }, mediator.token),
      () => t.gql(TRANSITION, { caseId: c.id, v: 1, event: { scheduleMediation: true } }, mediator.token),
    );
    // The first attempt lost the race; the second read under the lock, where no edit can append.
    expect(edits).toBe(1);
    expect(result.errors).toBeUndefined();
    expect(await counts(c.id)).toEqual({ version: 2, events: 3 });
    const types = await t.db.query(`SELECT type FROM case_events WHERE case_id = $1 ORDER BY seq`, [c.id]);
    expect(types.map((r: { type: string }) => r.type)).toEqual(['CASE_OPENED', 'DEADLINE_ADDED', 'SCHEDULE_MEDIATION']);
  });

  it('answers with the next deadline and the attention reasons as they are after the step', async () => {
    const c = await f.newCase(mediator.token);
    await t.gql(ADD_DEADLINE, { c: c.id, d: soon() }, mediator.token);
    await t.gql(TRANSITION, { caseId: c.id, v: 1, event: { scheduleMediation: true } }, mediator.token);
    await t.gql(TRANSITION, { caseId: c.id, v: 2, event: { startSession: true } }, mediator.token);
    const impasse = await t.gql(
      `mutation ($caseId: ID!, $v: Int!, $event: CaseEventInput!) {
        transitionCase(caseId: $caseId, expectedVersion: $v, event: $event) { version nextDeadlineAt needsAttention }
      }`,
      { caseId: c.id, v: 3, event: { recordOutcome: { outcome: 'NO_AGREEMENT' } } },
      mediator.token,
    );
    expect(impasse.errors).toBeUndefined();
    const fresh = await t.gql(`query ($id: ID!) { case(id: $id) { version nextDeadlineAt needsAttention } }`, { id: c.id }, mediator.token);
    expect(impasse.data!.transitionCase).toEqual(fresh.data!.case);
    expect(fresh.data!.case.needsAttention).toEqual(expect.arrayContaining(['DEADLINE_WITHIN_7_DAYS', 'IMPASSE_WITHOUT_OWNER']));
  });
});

describe('the timeline', () => {
  it('rejects UPDATE, DELETE and TRUNCATE of case_events, even by a superuser while its trigger is on', async () => {
    const c = await f.newCase(mediator.token);
    const admin = await adminClient(t.databaseUrl);
    try {
      await expect(admin.query(`UPDATE case_events SET type = 'X' WHERE case_id = $1`, [c.id])).rejects.toThrow(/append-only/);
      await expect(admin.query(`DELETE FROM case_events WHERE case_id = $1`, [c.id])).rejects.toThrow(/append-only/);
      await expect(admin.query(`TRUNCATE case_events CASCADE`)).rejects.toThrow(/append-only/);
    } finally {
      await admin.end();
    }
  });

  it('chains each row to the previous row of the same case by hash', async () => {
    const c = await f.newCase(mediator.token);
    await t.gql(TRANSITION, { caseId: c.id, v: 1, event: { scheduleMediation: true } }, mediator.token);
    await t.gql(TRANSITION, { caseId: c.id, v: 2, event: { startSession: true } }, mediator.token);
    const rows = await t.db.query(`SELECT seq, prev_hash, hash FROM case_events WHERE case_id = $1 ORDER BY seq`, [c.id]);
    expect(rows).toHaveLength(3);
    expect(rows[0].prev_hash).toBeNull();
    expect(rows[1].prev_hash).toBe(rows[0].hash);
    expect(rows[2].prev_hash).toBe(rows[1].hash);
    expect(new Set(rows.map((r: { hash: string }) => r.hash)).size).toBe(3);
  });
});

describe('health', () => {
  it('answers /healthz and /readyz', async () => {
    const health = await fetch(`${t.url}/healthz`);
    expect(health.status).toBe(200);
    const ready = await fetch(`${t.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready' });
  });
});
