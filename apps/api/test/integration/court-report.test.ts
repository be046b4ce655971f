import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { factories, startTestApp, type TestApp } from '../support/app.js';

let t: TestApp;
let f: ReturnType<typeof factories>;

beforeAll(async () => {
  t = await startTestApp('courtreport');
  f = factories(t);
});
afterAll(() => t.close());

const REPORT = `query ($id: ID!) { case(id: $id) { version courtReport { mediationOccurred terminated settlement sessionsHeld } } }`;
const TRANSITION = `mutation ($c: ID!, $v: Int!, $e: CaseEventInput!) { transitionCase(caseId: $c, expectedVersion: $v, event: $e) { version } }`;

describe('the court report (UMA §7)', () => {
  it('counts a session the statechart saw held, even when nobody put it on the calendar', async () => {
    const org = await f.newOrganisation();
    const mediator = await f.newUser(org, 'MEDIATOR');
    const program = await f.newUser(org, 'PROGRAM_ADMIN');
    const c = await f.newCase(mediator.token, { courtOrdered: true });
    await f.addParticipant(c.id, program.id, 'PROGRAM_ADMIN');

    const before = await t.gql(REPORT, { id: c.id }, program.token);
    expect(before.data!.case.courtReport).toEqual({ mediationOccurred: false, terminated: false, settlement: 'PENDING', sessionsHeld: 0 });

    let v = 1;
    for (const e of [{ scheduleMediation: true }, { startSession: true }, { recordOutcome: { outcome: 'NO_AGREEMENT' } }]) {
      const result = await t.gql(TRANSITION, { c: c.id, v, e }, mediator.token);
      expect(result.errors).toBeUndefined();
      v += 1;
    }
    const after = await t.gql(REPORT, { id: c.id }, program.token);
    expect(after.data!.case.courtReport).toEqual({ mediationOccurred: true, terminated: true, settlement: 'NONE', sessionsHeld: 1 });
  });

  /** A court-ordered case with two issues, its program administrator, through a session that ends with `outcome`. */
  async function afterSession(outcome: 'SETTLED' | 'PARTIAL_AGREEMENT') {
    const org = await f.newOrganisation();
    const mediator = await f.newUser(org, 'MEDIATOR');
    const program = await f.newUser(org, 'PROGRAM_ADMIN');
    const c = await f.newCase(mediator.token, { courtOrdered: true, issues: [{ label: 'Price' }, { label: 'Delivery' }] });
    await f.addParticipant(c.id, program.id, 'PROGRAM_ADMIN');
    const issues = await t.gql(`query ($id: ID!) { case(id: $id) { issues { id } } }`, { id: c.id }, mediator.token);
    const ids: string[] = issues.data!.case.issues.map((i: { id: string }) => i.id);
    const agreed = outcome === 'SETTLED' ? ids : ids.slice(0, 1);
    let v = 1;
    for (const e of [{ scheduleMediation: true }, { startSession: true }, { recordOutcome: { outcome, agreedIssueIds: agreed } }]) {
      expect((await t.gql(TRANSITION, { c: c.id, v, e }, mediator.token)).errors).toBeUndefined();
      v += 1;
    }
    return (await t.gql(REPORT, { id: c.id }, program.token)).data!.case.courtReport;
  }

  it('reports PENDING, not "no settlement", while a written agreement awaits signatures', async () => {
    expect(await afterSession('SETTLED')).toEqual({ mediationOccurred: true, terminated: true, settlement: 'PENDING', sessionsHeld: 1 });
  });

  it('reports PENDING after a partial agreement that nobody has signed yet', async () => {
    expect((await afterSession('PARTIAL_AGREEMENT')).settlement).toBe('PENDING');
  });
});
