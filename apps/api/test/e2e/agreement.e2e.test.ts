/**
 * Signing a written agreement in the browser, as the parties do it: the panel says who still
 * has to sign, the signing dialog shows the exact text and asks for the password again, and
 * the agreement binds only with the last party's signature.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import { screenshotDir } from '../support/browser.js';
import { startDemoApp, type DemoApp } from '../support/e2e.js';

let app: DemoApp;
const PASSWORD = 'mediate-demo';
const CAPTION = 'Reyes Bakery v. Stonebridge Supply';

beforeAll(async () => {
  app = await startDemoApp('agreement');
}, 60_000);

afterAll(() => app?.close());

async function gql<T = any>(query: string, variables: Record<string, unknown>, token?: string): Promise<T> {
  const response = await fetch(`${app.server.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: T; errors?: unknown[] };
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body.data!;
}

const shot = (page: Page, name: string) => page.screenshot({ path: join(screenshotDir(), name), fullPage: true });

/** A case settled in session with a party on each side (invited, accepted) and its terms written. */
async function settledCase(): Promise<void> {
  const { signIn } = await gql(`mutation { signIn(input: { email: "mediator@demo.test", password: "${PASSWORD}" }) { token } }`, {});
  const m = signIn.token as string;
  const { createCase } = await gql(
    `mutation ($input: CreateCaseInput!) { createCase(input: $input) { id version sides { id } issues { id } } }`,
    {
      input: {
        caption: CAPTION,
        disputeType: 'CONTRACT',
        sides: [
          { label: 'Reyes Bakery', role: 'CLAIMANT' },
          { label: 'Stonebridge Supply', role: 'RESPONDENT' },
        ],
        issues: [{ label: 'Repayment schedule' }],
      },
    },
    m,
  );
  for (const [i, email, name] of [
    [0, 'ana.reyes@example.test', 'Ana Reyes'],
    [1, 'tom.stone@example.test', 'Tom Stone'],
  ] as const) {
    const { inviteToCase } = await gql(
      `mutation ($c: ID!, $input: InviteToCaseInput!) { inviteToCase(caseId: $c, input: $input) { url } }`,
      { c: createCase.id, input: { email, displayName: name, role: 'PARTY', sideId: createCase.sides[i].id } },
      m,
    );
    await gql(`mutation ($t: String!, $p: String) { acceptInvitation(token: $t, password: $p) { caseId } }`, { t: inviteToCase.url.replace('/invite/', ''), p: PASSWORD });
  }
  let v = createCase.version + 2; // two parties joined
  for (const e of [{ scheduleMediation: true }, { startSession: true }, { recordOutcome: { outcome: 'SETTLED', agreedIssueIds: [createCase.issues[0].id] } }]) {
    v = (await gql(`mutation ($c: ID!, $v: Int!, $e: CaseEventInput!) { transitionCase(caseId: $c, expectedVersion: $v, event: $e) { version } }`, { c: createCase.id, v, e }, m)).transitionCase.version;
  }
  await gql(
    `mutation ($c: ID!, $i: AgreementTermsInput!) { setAgreementTerms(caseId: $c, input: $i) { id } }`,
    { c: createCase.id, i: { issueId: createCase.issues[0].id, terms: 'Stonebridge pays 12 monthly instalments of $4,000 from 1 February.' } },
    m,
  );
}

async function signAs(email: string): Promise<Page> {
  const page = await app.signIn(email);
  await app.openCase(page, CAPTION);
  const panel = page.getByRole('region', { name: 'Written agreements' });
  await panel.getByRole('button', { name: 'Sign this agreement' }).click();
  const dialog = panel.getByRole('dialog', { name: 'Sign this agreement' });
  await dialog.getByText('Stonebridge pays 12 monthly instalments of $4,000 from 1 February.').waitFor();
  await dialog.getByLabel('Your password').fill(PASSWORD);
  return page;
}

describe('signing a written agreement', () => {
  it('shows who still has to sign, the exact text and the password prompt, and binds with the last party', async () => {
    await settledCase();
    const ana = await signAs('ana.reyes@example.test');
    await shot(ana, 'agreement-signing-dialog.png');
    await ana.getByRole('region', { name: 'Written agreements' }).getByRole('button', { name: 'Sign', exact: true }).click();
    const anaPanel = ana.getByRole('region', { name: 'Written agreements' });
    await anaPanel.getByText('Still to sign: Tom Stone (Stonebridge Supply).').waitFor();
    expect(await anaPanel.getByText('Not binding').count()).toBe(1);
    expect(await anaPanel.getByRole('button', { name: 'Sign this agreement' }).count()).toBe(0);
    await shot(ana, 'agreement-signed-by-one.png');

    const tom = await signAs('tom.stone@example.test');
    await tom.getByRole('region', { name: 'Written agreements' }).getByRole('button', { name: 'Sign', exact: true }).click();
    await tom.getByTestId('agreement-binding').waitFor({ timeout: 15_000 });
    await shot(tom, 'agreement-binding.png');
    await ana.context().close();
    await tom.context().close();
  }, 90_000);
});
