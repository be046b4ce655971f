import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { MailRoom } from '../../src/mail/mail-room.service.js';
import { factories, startTestApp, startTestAppOn, type TestApp } from '../support/app.js';
import { API_DIR } from '../support/process.js';
import { startTestSmtp, type TestSmtp } from '../support/smtp.js';
import { until } from '../support/until.js';

/** Exactly once per mail, with a worker killed mid-job and with several instances at once. */

let t: TestApp;
let smtp: TestSmtp;
const extra: TestApp[] = [];
const children: ChildProcess[] = [];
const INVITE = `mutation ($caseId: ID!, $input: InviteToCaseInput!) { inviteToCase(caseId: $caseId, input: $input) { invitationId } }`;

beforeAll(async () => {
  smtp = await startTestSmtp();
  // Mails go through the SMTP server, but this instance runs no jobs: the tests choose who sends.
  t = await startTestApp('mail-jobs', { SMTP_URL: smtp.url, MAIL_FROM: 'Case Desk <desk@courts.example>' });
});
afterAll(async () => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
  for (const app of extra) await app.close().catch(() => undefined);
  await t.close();
  await smtp.close();
});

/** An invitation whose mail waits in the outbox (PENDING); returns the invitee's address and the mail's id. */
async function pendingMail(): Promise<{ email: string; outboxId: string }> {
  const f = factories(t);
  const org = await f.newOrganisation();
  const mediator = await f.newUser(org, 'MEDIATOR');
  const c = await f.newCase(mediator.token);
  const email = `once.${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}@example.test`;
  const r = await t.gql(INVITE, { caseId: c.id, input: { email, displayName: 'Once Only', role: 'PARTY', sideId: c.sides[0]!.id } }, mediator.token);
  expect(r.errors).toBeUndefined();
  const [row] = await t.db.query(`SELECT id, status FROM mail_outbox WHERE invitation_id = $1`, [r.data!.inviteToCase.invitationId]);
  expect(row.status).toBe('PENDING');
  return { email, outboxId: row.id };
}

describe('sending exactly once', () => {
  it('sends one mail when its worker is killed mid-job and a surviving instance retries it', async () => {
    const { email, outboxId } = await pendingMail();
    const child = spawn(process.execPath, [join(API_DIR, 'test/support/mail-worker.mjs'), t.databaseUrl, smtp.url, '2', outboxId], { cwd: API_DIR });
    children.push(child);
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr!.on('data', (chunk: Buffer) => (out += chunk.toString()));
    await until('the worker to pick the job', async () => out.includes(`picked ${outboxId}`), 20_000);
    // The worker holds the mail's row inside its transaction; nothing went to the server.
    expect(smtp.to(email)).toEqual([]);
    const survivor = await startTestAppOn(t.databaseUrl, { JOBS: 'on', JOBS_RECOVERY_SECONDS: '2', SMTP_URL: smtp.url, MAIL_RETRY_DELAY_SECONDS: '1' });
    extra.push(survivor);
    const exited = new Promise((r) => child.on('exit', r));
    child.kill('SIGKILL');
    await exited;
    await until('the retried mail', async () => smtp.to(email).length === 1, 40_000);
    await until('the mail recorded as sent', async () => (await t.db.query(`SELECT status FROM mail_outbox WHERE id = $1`, [outboxId]))[0].status === 'SENT');
    // Time for a duplicate to arrive, were there one.
    await new Promise((r) => setTimeout(r, 2000));
    expect(smtp.to(email)).toHaveLength(1);
    const [job] = await t.db.query(`SELECT state, retry_count AS "retries" FROM pgboss.job WHERE name = 'mail-send' AND data->>'outboxId' = $1`, [outboxId]);
    expect(job.state).toBe('completed');
    expect(job.retries).toBeGreaterThanOrEqual(1);
    await survivor.close();
    extra.length = 0;
  });

  it('sends one mail when two instances run its job at the same moment', async () => {
    const { email, outboxId } = await pendingMail();
    const other = await startTestAppOn(t.databaseUrl, { SMTP_URL: smtp.url });
    extra.push(other);
    const outcomes = await Promise.all([t, other, t, other].map((app) => app.app.get(MailRoom).jobs.handle(outboxId)));
    expect(outcomes.sort()).toEqual(['already-done', 'already-done', 'already-done', 'sent']);
    expect(smtp.to(email)).toHaveLength(1);
    // Written again (a duplicate event): the same key writes nothing.
    await other.close();
    extra.length = 0;
  });
});
