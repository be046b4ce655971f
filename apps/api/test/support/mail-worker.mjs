// A bare mail worker in its own process, for the crash test: pg-boss and the mail job handler
// from the build, no Nest. It enqueues the given mail and, inside that mail's transaction (its
// row locked, nothing sent yet), prints "picked <outbox id>" and waits forever, so the test can
// SIGKILL it mid-job. Usage: node mail-worker.mjs <database url> <smtp url> <recovery seconds> <outbox id>
import { randomBytes } from 'node:crypto';
import { connect } from '../../dist/database/data-source.js';
import { MailJobs } from '../../dist/mail/mail-jobs.js';
import { smtpTransport } from '../../dist/mail/transport.js';

const [url, smtpUrl, recovery = '2', outboxId] = process.argv.slice(2);
const db = await connect({ url });
const jobs = new MailJobs(
  db,
  {
    settings: { from: 'Case Desk <desk@courts.example>', replyTo: null, baseUrl: () => 'http://127.0.0.1:1', linkKey: randomBytes(32), delivering: true },
    transport: smtpTransport(smtpUrl),
    recoverySeconds: Number(recovery),
    retry: { limit: 5, delaySeconds: 1 },
    schedule: false,
    beforeSend: async (id) => {
      process.stdout.write(`picked ${id}\n`);
      await new Promise(() => undefined);
    },
  },
  (error) => process.stderr.write(`worker error: ${error instanceof Error ? error.message : String(error)}\n`),
);
await jobs.start();
await jobs.dispatch([outboxId]);
process.stdout.write('dispatched\n');
