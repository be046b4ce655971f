import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { replayProgramRounds } from '../../src/database/migrations/1765100000000-ProgramRounds.js';
import { backfillRoundFacts, ROUND_FACTS_SQL } from '../../src/database/migrations/1765130000000-RoundReportFacts.js';
import { NEXT_STEPS_SQL } from '../../src/reporting/figures.js';
import { adminClient } from '../support/database.js';
import { factories, startTestApp, type TestApp } from '../support/app.js';

const TRANSITION = `mutation ($c: ID!, $v: Int!, $e: CaseEventInput!) { transitionCase(caseId: $c, expectedVersion: $v, event: $e) { version } }`;

let t: TestApp;
let f: ReturnType<typeof factories>;
let mediator: { id: string; token: string };
let programId: string;

beforeAll(async () => {
  t = await startTestApp('program-rounds');
  f = factories(t);
  const org = await f.newOrganisation();
  mediator = await f.newUser(org, 'MEDIATOR');
  const [program] = await t.db.query(`INSERT INTO programs (organisation_id, name, time_zone) VALUES ($1, 'Circuit Civil ADR', 'America/Chicago') RETURNING id`, [org]);
  programId = program.id;
});
afterAll(async () => {
  await t.close();
});

/** A case of the program, referred on `referralDate`, moved through `events` by the mediator. */
async function caseThrough(events: Record<string, unknown>[], overrides: Record<string, unknown> = {}): Promise<string> {
  const c = await f.newCase(mediator.token, { programId, referralDate: '2026-01-10', issues: [{ label: 'Price' }], ...overrides });
  let v = c.version;
  for (const e of events) {
    const moved = await t.gql(TRANSITION, { c: c.id, v, e }, mediator.token);
    if (moved.errors) throw new Error(`${Object.keys(e)[0]}: ${JSON.stringify(moved.errors)}`);
    v = moved.data!.transitionCase.version;
  }
  return c.id;
}

async function rounds(caseId: string) {
  return t.db.query(
    `SELECT round, to_char(referred_on, 'YYYY-MM-DD') AS "referredOn", session_held AS "sessionHeld", disposition,
            (disposed_on IS NOT NULL) AS disposed
       FROM program_rounds WHERE case_id = $1 ORDER BY round`,
    [caseId],
  );
}

async function owner(caseId: string): Promise<string> {
  const [row] = await t.db.query(`SELECT id FROM participants WHERE case_id = $1 AND role = 'MEDIATOR'`, [caseId]);
  return row.id;
}

const held = [{ scheduleMediation: true }, { startSession: true }];

describe('program rounds: each referral of a case to the program and how it ended', () => {
  it('opens the first round at the referral date and leaves it pending while the case waits', async () => {
    const id = await caseThrough([{ scheduleMediation: true }]);
    expect(await rounds(id)).toEqual([{ round: 1, referredOn: '2026-01-10', sessionHeld: false, disposition: null, disposed: false }]);
  });

  it('closes a held session by its outcome', async () => {
    const none = await caseThrough([...held, { recordOutcome: { outcome: 'NO_AGREEMENT' } }]);
    expect(await rounds(none)).toEqual([expect.objectContaining({ round: 1, sessionHeld: true, disposition: 'NOT_SETTLED', disposed: true })]);
  });

  it('counts a re-mediation after an impasse as a new round, referred on the day it re-opened', async () => {
    const id = await caseThrough([...held, { recordOutcome: { outcome: 'NO_AGREEMENT' } }], { issues: [{ label: 'Price' }, { label: 'Delivery' }] });
    const ownerId = await owner(id);
    const [first] = await t.db.query(`SELECT id FROM issues WHERE case_id = $1 ORDER BY position LIMIT 1`, [id]);
    const [{ version }] = await t.db.query(`SELECT version FROM cases WHERE id = $1`, [id]);
    let v = version as number;
    for (const e of [
      { recordStallReason: { reason: 'LACKED_INFORMATION' } },
      { recordRemedy: { remedy: 'INFORMATION_EXCHANGED' } },
      { assignOutreachOwner: { ownerId, touchpointDate: '2026-12-20' } },
      { remediate: {} },
      { startSession: true },
      { recordOutcome: { outcome: 'PARTIAL_AGREEMENT', agreedIssueIds: [first.id] } },
    ]) {
      const moved = await t.gql(TRANSITION, { c: id, v, e }, mediator.token);
      if (moved.errors) throw new Error(`${Object.keys(e)[0]}: ${JSON.stringify(moved.errors)}`);
      v = moved.data!.transitionCase.version;
    }
    const [today] = await t.db.query(`SELECT to_char((now() AT TIME ZONE 'America/Chicago')::date, 'YYYY-MM-DD') AS day`);
    expect(await rounds(id)).toEqual([
      { round: 1, referredOn: '2026-01-10', sessionHeld: true, disposition: 'NOT_SETTLED', disposed: true },
      { round: 2, referredOn: today.day, sessionHeld: true, disposition: 'SETTLED_IN_PART', disposed: true },
    ]);
    // The first referral went on to mediation again; the second is still at impasse.
    const next = await t.db.query(`SELECT * FROM (${NEXT_STEPS_SQL}) n ORDER BY next`, [programId, '2000-01-01', '2100-12-31']);
    expect(next.filter((n: { next: string }) => n.next === 'REMEDIATION')).toEqual([{ next: 'REMEDIATION', CASES: 1, SETTLED: 0, ENDED_OTHERWISE: 0, OPEN: 1 }]);
  });

  it('closes a session not held by its NCSC reason, and opens a new round when it is rescheduled', async () => {
    const id = await caseThrough([{ recordSessionNotHeld: { reason: 'NO_RESPONSE' } }, { scheduleMediation: true }]);
    expect(await rounds(id)).toEqual([
      expect.objectContaining({ round: 1, sessionHeld: false, disposition: 'NOT_HELD_NO_RESPONSE', disposed: true }),
      expect.objectContaining({ round: 2, disposition: null, disposed: false }),
    ]);
    for (const reason of ['INAPPROPRIATE_FOR_ADR', 'OTHER'] as const) {
      const other = await caseThrough([{ scheduleMediation: true }, { recordSessionNotHeld: { reason } }]);
      expect((await rounds(other))[0].disposition).toBe(reason === 'OTHER' ? 'NOT_HELD_OTHER' : 'NOT_HELD_INAPPROPRIATE_FOR_ADR');
    }
  });

  it('closes a round the case left another way: held → other after a session, not held → other before one', async () => {
    const c1 = await f.newCase(mediator.token, { programId, referralDate: '2026-01-10', issues: [{ label: 'Price' }] });
    const c2 = await f.newCase(mediator.token, { programId, referralDate: '2026-01-10', issues: [{ label: 'Price' }] });
    const counsel = await f.newUser((await t.db.query(`SELECT organisation_id AS id FROM cases WHERE id = $1`, [c1.id]))[0].id);
    await f.addParticipant(c1.id, counsel.id, 'COUNSEL', c1.sides[0]!.id);
    await f.addParticipant(c2.id, counsel.id, 'COUNSEL', c2.sides[0]!.id);
    let v1 = c1.version;
    for (const [e, who] of [...held.map((e) => [e, mediator] as const), [{ adjournSession: true }, mediator] as const, [{ withdrawSide: { sideId: c1.sides[0]!.id } }, counsel] as const]) {
      const moved = await t.gql(TRANSITION, { c: c1.id, v: v1, e }, who.token);
      if (moved.errors) throw new Error(JSON.stringify(moved.errors));
      v1 = moved.data!.transitionCase.version;
    }
    const moved = await t.gql(TRANSITION, { c: c2.id, v: c2.version, e: { withdrawSide: { sideId: c2.sides[0]!.id } } }, counsel.token);
    expect(moved.errors).toBeUndefined();
    expect((await rounds(c1.id))[0]).toMatchObject({ sessionHeld: true, disposition: 'HELD_OTHER', disposed: true });
    expect((await rounds(c2.id))[0]).toMatchObject({ sessionHeld: false, disposition: 'NOT_HELD_OTHER', disposed: true });
  });

  it('keeps no round for a case outside a program', async () => {
    const id = await caseThrough([...held, { recordOutcome: { outcome: 'NO_AGREEMENT' } }], { programId: null, referralDate: null });
    expect(await rounds(id)).toEqual([]);
  });

  it('keeps each round’s report facts (first session, where the case went after it, how the case closed) as the timeline and the case give them', async () => {
    // Random walks through the statechart by the mediator (an event the case does not accept
    // in its state is refused and skipped): after each, the facts the trigger kept on the
    // case's rounds are the ones the definitions give over the base data (ROUND_FACTS_SQL).
    const steps = (ownerId: string, issues: string[]): Record<string, unknown>[][] => [
      [{ scheduleMediation: true }],
      [{ startSession: true }],
      [{ adjournSession: true }, { resumeSession: true }],
      [{ recordOutcome: { outcome: 'NO_AGREEMENT' } }],
      [{ recordOutcome: { outcome: 'PARTIAL_AGREEMENT', agreedIssueIds: [issues[0]] } }],
      [{ recordOutcome: { outcome: 'SETTLED', agreedIssueIds: issues } }],
      [{ recordSessionNotHeld: { reason: 'NO_RESPONSE' } }],
      [{ recordSessionNotHeld: { reason: 'PRIOR_SETTLEMENT' } }],
      [{ recordStallReason: { reason: 'LACKED_INFORMATION' } }, { recordRemedy: { remedy: 'INFORMATION_EXCHANGED' } }, { assignOutreachOwner: { ownerId, touchpointDate: '2026-12-20' } }],
      [{ remediate: {} }],
      [{ startNegotiation: true }],
      [{ endNegotiation: true }],
      [{ pursueLitigation: true }],
      [{ scheduleSettlementConference: true }],
      [{ recordAdrOutcome: { outcome: 'NO_AGREEMENT' } }],
      [{ fileSuit: true }],
      [{ dismissCase: true }],
      [{ pursueLitigation: true }, { fileSuit: true }, { dismissCase: true }],
    ];
    const facts = `to_char(first_session_on, 'YYYY-MM-DD') AS "firstSession", went_next AS "wentNext", case_closed_as AS "closedAs", to_char(mediator_on, 'YYYY-MM-DD') AS "mediatorOn", mediator_user_id AS "mediatorId", dispute_type AS "disputeType", referral_source AS "source", court_ordered AS "ordered"`;
    let moves = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(fc.nat(17), { minLength: 3, maxLength: 12 }), async (walk) => {
        const c = await f.newCase(mediator.token, { programId, referralDate: '2026-01-10', issues: [{ label: 'Price' }, { label: 'Delivery' }] });
        const ownerId = await owner(c.id);
        const issues = (await t.db.query(`SELECT id FROM issues WHERE case_id = $1 ORDER BY position`, [c.id])).map((i: { id: string }) => i.id);
        let v = c.version;
        const menu = steps(ownerId, issues);
        for (const pick of walk) {
          // The picked step, or the next on the menu that the case accepts.
          for (let k = 0; k < menu.length; k += 1) {
            const [first, ...rest] = menu[(pick + k) % menu.length]!;
            const moved = await t.gql(TRANSITION, { c: c.id, v, e: first }, mediator.token);
            if (moved.errors) continue;
            v = moved.data!.transitionCase.version;
            moves += 1;
            for (const e of rest) {
              const then = await t.gql(TRANSITION, { c: c.id, v, e }, mediator.token);
              if (then.errors) break;
              v = then.data!.transitionCase.version;
              moves += 1;
            }
            break;
          }
        }
        const kept = await t.db.query(`SELECT id, ${facts} FROM program_rounds WHERE case_id = $1 ORDER BY id`, [c.id]);
        const defined = await t.db.query(`SELECT id, ${facts} FROM (${ROUND_FACTS_SQL}) f WHERE id = ANY($1) ORDER BY id`, [kept.map((r: { id: string }) => r.id)]);
        expect(kept).toEqual(defined);
      }),
      { seed: 20261204, numRuns: 12 },
    );
    // The walks went somewhere: sessions, impasses left for elsewhere, closed cases.
    expect(moves).toBeGreaterThan(60);
    const [seen] = await t.db.query(
      `SELECT count(first_session_on)::int AS sessions, count(*) FILTER (WHERE went_next IS NOT NULL AND disposition IN ('NOT_SETTLED', 'SETTLED_IN_PART'))::int AS went, count(case_closed_as)::int AS closed FROM program_rounds`,
    );
    expect(seen.sessions).toBeGreaterThan(3);
    expect(seen.went).toBeGreaterThan(1);
    expect(seen.closed).toBeGreaterThan(0);
  }, 180_000);

  it('keeps the day the first mediator was on the case as its participants and accepted assignments change', async () => {
    const facts = async (caseId: string) => {
      const columns = `id, to_char(mediator_on, 'YYYY-MM-DD') AS "mediatorOn", mediator_user_id AS "mediatorId"`;
      const [kept] = await t.db.query(`SELECT ${columns} FROM program_rounds WHERE case_id = $1 AND round = 1`, [caseId]);
      const [defined] = await t.db.query(`SELECT ${columns} FROM (${ROUND_FACTS_SQL}) f WHERE id = $1`, [kept.id]);
      expect(kept).toEqual(defined);
      return kept.mediatorOn as string | null;
    };
    const id = await caseThrough([]);
    const [today] = await t.db.query(`SELECT to_char((now() AT TIME ZONE 'America/Chicago')::date, 'YYYY-MM-DD') AS day`);
    // Opened by its mediator: on the case the day it was opened.
    expect(await facts(id)).toBe(today.day);
    // An assignment accepted earlier (as an import would record it) comes first; withdrawn, it no longer counts.
    const [assignment] = await t.db.query(
      `INSERT INTO mediator_assignments (case_id, mediator_user_id, status, proposed_by, accepted_at) VALUES ($1, $2, 'ACCEPTED', $2, '2026-01-02T15:00:00Z') RETURNING id`,
      [id, mediator.id],
    );
    expect(await facts(id)).toBe('2026-01-02');
    await t.db.query(`UPDATE mediator_assignments SET status = 'WITHDRAWN', accepted_at = NULL WHERE id = $1`, [assignment.id]);
    expect(await facts(id)).toBe(today.day);
    // The mediator off the case: nobody who opened it is its mediator any more.
    await t.db.query(`UPDATE participants SET role = 'PROGRAM_ADMIN' WHERE case_id = $1 AND role = 'MEDIATOR'`, [id]);
    expect(await facts(id)).toBeNull();
  });

  it('keeps the case’s type and referral on its rounds, as the case has them now', async () => {
    const id = await caseThrough([{ recordSessionNotHeld: { reason: 'NO_RESPONSE' } }, { scheduleMediation: true }], { disputeType: 'FAMILY' });
    const facts = async () => {
      const columns = `id, dispute_type AS "disputeType", referral_source AS "source", court_ordered AS "ordered"`;
      const kept = await t.db.query(`SELECT ${columns} FROM program_rounds WHERE case_id = $1 ORDER BY id`, [id]);
      expect(kept).toEqual(await t.db.query(`SELECT ${columns} FROM (${ROUND_FACTS_SQL}) f WHERE id = ANY($1) ORDER BY id`, [kept.map((r: { id: string }) => r.id)]));
      return kept.map((r: { disputeType: string; ordered: boolean }) => [r.disputeType, r.ordered]);
    };
    expect(await facts()).toEqual([['FAMILY', false], ['FAMILY', false]]);
    // Should a case's type or referral ever be corrected, its rounds follow.
    await t.db.query(`UPDATE cases SET dispute_type = 'CONTRACT', court_ordered = true WHERE id = $1`, [id]);
    expect(await facts()).toEqual([['CONTRACT', true], ['CONTRACT', true]]);
  });

  it('cannot be written by the app’s role; the migrations rebuild the same rounds from the timeline', async () => {
    await expect(t.db.query(`DELETE FROM program_rounds`)).rejects.toThrow(/permission denied/);
    await expect(t.db.query(`UPDATE program_rounds SET disposition = 'SETTLED'`)).rejects.toThrow(/permission denied/);
    const columns = `case_id, round, referred_on, session_held, disposed_on, disposition, opened_seq, closed_seq, first_session_on, went_next, case_closed_as, mediator_on, mediator_user_id, dispute_type, referral_source, court_ordered`;
    const before = await t.db.query(`SELECT ${columns} FROM program_rounds ORDER BY case_id, round`);
    expect(before.length).toBeGreaterThan(5);
    const admin = await adminClient(t.databaseUrl);
    try {
      await admin.query(`DELETE FROM program_rounds`);
      await replayProgramRounds(admin);
      await backfillRoundFacts(admin);
      const { rows: after } = await admin.query(`SELECT ${columns} FROM program_rounds ORDER BY case_id, round`);
      expect(after).toEqual(before);
    } finally {
      await admin.end();
    }
  });
});
