// A bare reminder worker in its own process, for the crash test: pg-boss and the reminder
// handler from the build, no Nest. It scans once, and inside the first reminder's transaction
// (rows written, not committed) prints "picked <deadline id>" and waits forever, so the test
// can SIGKILL it mid-job. Usage: node reminder-worker.mjs <database url> <recovery seconds>
import { connect } from '../../dist/database/data-source.js';
import { ReminderJobs } from '../../dist/reminders/reminder-jobs.js';

const [url, recovery = '2'] = process.argv.slice(2);
const db = await connect({ url });
const jobs = new ReminderJobs(
  db,
  {
    recoverySeconds: Number(recovery),
    schedule: false,
    beforeCommit: async (job) => {
      process.stdout.write(`picked ${job.deadlineId}\n`);
      await new Promise(() => undefined);
    },
  },
  (error) => process.stderr.write(`worker error: ${error instanceof Error ? error.message : String(error)}\n`),
);
await jobs.start();
const sent = await jobs.scan();
process.stdout.write(`scanned ${sent}\n`);
