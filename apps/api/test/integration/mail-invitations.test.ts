import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { factories, startTestApp, startTestAppOn, type GqlResult, type TestApp } from '../support/app.js';
import { header, linksOf, startTestSmtp, type TestSmtp } from '../support/smtp.js';
import { until } from '../support/until.js';

/**
 * Invitation mails: kept in the outbox without an SMTP server (the trial), sent through a real
 * SMTP server in the test's process with one, refused by it for an unknown address; the
 * mediator follows each invitation's mail and acceptance.
 */

let kept: TestApp;
let sending: TestApp;
let smtp: TestSmtp;

const INVITE = `mutation ($caseId: ID!, $input: InviteToCaseInput!) { inviteToCase(caseId: $caseId, input: $input) { url expiresAt invitationId } }`;
const INVITATIONS = `query ($caseId: ID!) { caseInvitations(caseId: $caseId) { id email displayName role sideLabel acceptedAt expired mailStatus mailReply mailAt } }`;
const OUTBOX = `{ outbox { id kind to subject status text html lastReply } }`;
const LOOKUP = `query ($token: String!) { invitation(token: $token) { caseCaption sideLabel email used } }`;
const ACCEPT = `mutation ($token: String!, $password: String) { acceptInvitation(token: $token, password: $password) { caseId token } }`;
const PASSWORD = 'a long unguessable passphrase 42';

const code = (r: GqlResult) => r.errors?.[0]?.extensions?.code;
/** Mails name a loopback api as the banner does: localhost. */
const local = (url: string) => url.replace('//127.0.0.1:', '//localhost:');

beforeAll(async () => {
  smtp = await startTestSmtp();
  kept = await startTestApp('mail-invitations');
  sending = await startTestAppOn(kept.databaseUrl, {
    JOBS: 'on',
    JOBS_RECOVERY_SECONDS: '2',
    SMTP_URL: smtp.url,
    MAIL_FROM: 'Case Desk <desk@courts.example>',
    MAIL_REPLY_TO: 'Case Help <help@courts.example>',
    MAIL_RETRY_DELAY_SECONDS: '1',
  });
});
afterAll(async () => {
  await sending?.close();
  await kept?.close();
  await smtp?.close();
});

async function people(t: TestApp) {
  const f = factories(t);
  const org = await f.newOrganisation();
  const mediator = await f.newUser(org, 'MEDIATOR');
  const admin = await f.newUser(org, 'ORG_ADMIN');
  const c = await f.newCase(mediator.token, { caption: 'Acme Supply v. Beta Retail', docketNumber: '2025-CV-0142' });
  return { f, org, mediator, admin, case: c };
}

const invitee = (prefix = 'invitee') => `${prefix}.${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}@example.test`;

describe('without an SMTP server', () => {
  it('keeps the invitation mail in the outbox, where the organisation admin reads it and its link works', async () => {
    const p = await people(kept);
    const email = invitee();
    const invited = await kept.gql(INVITE, { caseId: p.case.id, input: { email, displayName: 'Ines Invitee', role: 'COUNSEL', sideId: p.case.sides[0]!.id } }, p.mediator.token);
    expect(invited.errors).toBeUndefined();
    // The mediator still has the link to copy.
    expect(invited.data!.inviteToCase.url).toMatch(/^\/invite\/[A-Za-z0-9_-]{43}$/);

    const outbox = await kept.gql(OUTBOX, {}, p.admin.token);
    expect(outbox.errors).toBeUndefined();
    const [mail] = outbox.data!.outbox;
    expect(mail).toEqual(
      expect.objectContaining({ kind: 'INVITATION', to: email, status: 'KEPT', subject: expect.stringContaining('Acme Supply v. Beta Retail') }),
    );
    const link = linksOf(mail.text).find((l) => l.includes('/invite/'))!;
    expect(link).toBe(`${local(kept.url)}${invited.data!.inviteToCase.url}`);
    expect(mail.html).toContain(link);
    expect(linksOf(mail.text)).toContain(`${local(kept.url)}/settings`);
    // The link from the mail opens the invitation.
    const token = link.split('/invite/')[1]!;
    const lookup = await kept.gql(LOOKUP, { token });
    expect(lookup.data!.invitation).toEqual({ caseCaption: 'Acme Supply v. Beta Retail', sideLabel: 'Acme Supply', email, used: false });

    const list = await kept.gql(INVITATIONS, { caseId: p.case.id }, p.mediator.token);
    expect(list.data!.caseInvitations).toEqual([
      expect.objectContaining({ email, displayName: 'Ines Invitee', role: 'COUNSEL', sideLabel: 'Acme Supply', mailStatus: 'KEPT', acceptedAt: null, expired: false }),
    ]);
  });

  it('shows the outbox to organisation admins of that organisation only', async () => {
    const p = await people(kept);
    await kept.gql(INVITE, { caseId: p.case.id, input: { email: invitee(), displayName: 'Ines', role: 'PARTY', sideId: p.case.sides[1]!.id } }, p.mediator.token);
    expect(code(await kept.gql(OUTBOX, {}, p.mediator.token))).toBe('FORBIDDEN');
    const other = await people(kept);
    const theirs = await kept.gql(OUTBOX, {}, other.admin.token);
    expect(theirs.data!.outbox).toEqual([]);
    expect(code(await kept.gql(OUTBOX, {}))).toBe('UNAUTHENTICATED');
  });

  it("lets only the case's mediator or program administrator read its invitations", async () => {
    const p = await people(kept);
    const counsel = await p.f.newUser(p.org);
    await p.f.addParticipant(p.case.id, counsel.id, 'COUNSEL', p.case.sides[0]!.id);
    expect(code(await kept.gql(INVITATIONS, { caseId: p.case.id }, counsel.token))).toBe('FORBIDDEN');
    const stranger = await p.f.newUser(p.org, 'MEDIATOR');
    expect(code(await kept.gql(INVITATIONS, { caseId: p.case.id }, stranger.token))).toBe('NOT_FOUND');
  });

  it('names the case by docket number where the program keeps captions out of mails', async () => {
    const p = await people(kept);
    const [program] = await kept.db.query(
      `INSERT INTO programs (organisation_id, name, mail_names_case_by_docket) VALUES ($1, 'Family Mediation Program', true) RETURNING id`,
      [p.org],
    );
    await kept.db.query(`UPDATE cases SET program_id = $2 WHERE id = $1`, [p.case.id, program.id]);
    await kept.gql(INVITE, { caseId: p.case.id, input: { email: invitee(), displayName: 'Ines', role: 'PARTY', sideId: p.case.sides[0]!.id } }, p.mediator.token);
    const [mail] = (await kept.gql(OUTBOX, {}, p.admin.token)).data!.outbox;
    expect(mail.subject).toContain('case no. 2025-CV-0142');
    for (const part of [mail.subject, mail.text, mail.html]) expect(part).not.toContain('Acme Supply v. Beta');
  });
});

describe('through an SMTP server', () => {
  it('sends the invitation mail with its link, sender and reply-to; the mediator sees it sent, then accepted', async () => {
    const p = await people(sending);
    const email = invitee();
    const invited = await sending.gql(INVITE, { caseId: p.case.id, input: { email, displayName: 'Ines Invitee', role: 'COUNSEL', sideId: p.case.sides[0]!.id } }, p.mediator.token);
    expect(invited.errors).toBeUndefined();
    const [mail] = await until('the invitation mail', async () => (smtp.to(email).length > 0 ? smtp.to(email) : null));
    expect(mail!.parsed.from?.value).toEqual([{ address: 'desk@courts.example', name: 'Case Desk' }]);
    expect(mail!.parsed.replyTo?.value).toEqual([{ address: 'help@courts.example', name: 'Case Help' }]);
    expect(mail!.parsed.to).toEqual(expect.objectContaining({ value: [{ address: email, name: '' }] }));
    expect(mail!.parsed.subject).toContain('invited you to Acme Supply v. Beta Retail');
    expect(mail!.parsed.text).toContain('as counsel for Acme Supply');
    expect(mail!.parsed.html).toContain('as counsel for Acme Supply');
    // No one-click unsubscribe on an invitation: it is not a list.
    expect(header(mail!, 'List-Unsubscribe')).toBeUndefined();
    expect(header(mail!, 'Message-ID')).toMatch(/^<[0-9a-f]{32}@courts\.example>$/);
    const link = linksOf(mail!).find((l) => l.includes('/invite/'))!;
    expect(link).toBe(`${local(sending.url)}${invited.data!.inviteToCase.url}`);
    expect(mail!.parsed.html).toContain(`href="${link}"`);

    const sent = await until('the mail recorded as sent', async () => {
      const [row] = (await sending.gql(INVITATIONS, { caseId: p.case.id }, p.mediator.token)).data!.caseInvitations;
      return row.mailStatus === 'SENT' ? row : null;
    });
    expect(sent.mailReply).toMatch(/^250/);
    // Sent mails keep their envelope, not their links.
    const [row] = await sending.db.query(`SELECT params, status FROM mail_outbox WHERE invitation_id = $1`, [sent.id]);
    expect(row).toEqual({ params: null, status: 'SENT' });

    // Following the mail's link: the invitee accepts and is on the case.
    const token = link.split('/invite/')[1]!;
    const accepted = await sending.gql(ACCEPT, { token, password: PASSWORD });
    expect(accepted.errors).toBeUndefined();
    expect(accepted.data!.acceptInvitation.caseId).toBe(p.case.id);
    const [after] = (await sending.gql(INVITATIONS, { caseId: p.case.id }, p.mediator.token)).data!.caseInvitations;
    expect(after.acceptedAt).toEqual(expect.any(String));
  });

  it('shows the mediator an address the mail server refuses, with its reply', async () => {
    const p = await people(sending);
    const email = invitee('refuse');
    await sending.gql(INVITE, { caseId: p.case.id, input: { email, displayName: 'Nobody Here', role: 'PARTY', sideId: p.case.sides[1]!.id } }, p.mediator.token);
    const refused = await until('the refusal', async () => {
      const [row] = (await sending.gql(INVITATIONS, { caseId: p.case.id }, p.mediator.token)).data!.caseInvitations;
      return row.mailStatus === 'REFUSED' ? row : null;
    });
    expect(refused.mailReply).toMatch(/^550 .*User unknown/);
    expect(smtp.to(email)).toEqual([]);
    // Refused for good: not retried.
    const [row] = await sending.db.query(`SELECT attempts FROM mail_outbox WHERE invitation_id = $1`, [refused.id]);
    expect(row.attempts).toBe(1);
  });

  it('retries a temporary failure (4xx) with back-off and sends the mail once', async () => {
    const p = await people(sending);
    const email = invitee('busy');
    await sending.gql(INVITE, { caseId: p.case.id, input: { email, displayName: 'Busy Person', role: 'PARTY', sideId: p.case.sides[1]!.id } }, p.mediator.token);
    const row = await until(
      'the retried mail',
      async () => {
        const [r] = (await sending.gql(INVITATIONS, { caseId: p.case.id }, p.mediator.token)).data!.caseInvitations;
        return r.mailStatus === 'SENT' ? r : null;
      },
      40_000,
    );
    expect(smtp.to(email)).toHaveLength(1);
    const [outbox] = await sending.db.query(`SELECT attempts FROM mail_outbox WHERE invitation_id = $1`, [row.id]);
    expect(outbox.attempts).toBe(2);
  });
});
