import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { factories, startTestApp, type TestApp } from '../support/app.js';

let t: TestApp;
let f: ReturnType<typeof factories>;

beforeAll(async () => {
  t = await startTestApp('debriefws');
  f = factories(t);
});
afterAll(() => t.close());

const ADD = `mutation ($c: ID!, $s: ID!, $input: WorkspaceItemInput!) { addWorkspaceItem(caseId: $c, sideId: $s, input: $input) { id kind body } }`;
const READ = `query ($id: ID!) { case(id: $id) { myWorkspace { items { kind body } } } }`;

describe("a side's debrief notes", () => {
  it('keeps missing information and signals of flexibility in that side’s private workspace only', async () => {
    const org = await f.newOrganisation();
    const mediator = await f.newUser(org, 'MEDIATOR');
    const a = await f.newUser(org);
    const b = await f.newUser(org);
    const c = await f.newCase(mediator.token);
    await f.addParticipant(c.id, a.id, 'COUNSEL', c.sides[0]!.id);
    await f.addParticipant(c.id, b.id, 'COUNSEL', c.sides[1]!.id);

    for (const [kind, body] of [
      ['MISSING_INFORMATION', 'Their Q3 cash-flow statement'],
      ['FLEXIBILITY_SIGNAL', '"We could live with a payment plan"'],
    ]) {
      const added = await t.gql(ADD, { c: c.id, s: c.sides[0]!.id, input: { kind, body } }, a.token);
      expect(added.errors).toBeUndefined();
      expect(added.data!.addWorkspaceItem).toMatchObject({ kind, body });
    }
    const empty = await t.gql(ADD, { c: c.id, s: c.sides[0]!.id, input: { kind: 'MISSING_INFORMATION', body: '' } }, a.token);
    expect(empty.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(empty.errors?.[0]?.message).toContain('body');

    const mine = await t.gql(READ, { id: c.id }, a.token);
    expect(mine.data!.case.myWorkspace.items.map((i: { kind: string }) => i.kind).sort()).toEqual(['FLEXIBILITY_SIGNAL', 'MISSING_INFORMATION']);
    const theirs = await t.gql(READ, { id: c.id }, b.token);
    expect(JSON.stringify(theirs.data)).not.toContain('cash-flow');
    expect(JSON.stringify(theirs.data)).not.toContain('payment plan');
  });
});
