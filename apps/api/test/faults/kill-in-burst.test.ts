import { afterEach, describe, expect, it } from '@jest/globals';
import { freePort } from '../../src/database/embedded.js';
import { adminClient, createTestDatabase, serverEnv } from '../support/database.js';
import { killLaunched, launch } from '../support/process.js';
import { disposeClients, socketClient, subscribe, type LiveSubscription } from '../support/subscriptions.js';
import { gql, signIn, until } from './support.js';

afterEach(async () => {
  await disposeClients();
  await killLaunched();
});

const CREATE = `mutation ($caption: String!) { createCase(input: { caption: $caption, disputeType: EMPLOYMENT, sides: [{ label: "Worker", role: CLAIMANT }, { label: "Employer", role: RESPONDENT }] }) { id version } }`;
const TRANSITION = `mutation ($c: ID!, $v: Int!, $e: CaseEventInput!) { transitionCase(caseId: $c, expectedVersion: $v, event: $e) { version } }`;
const CASES = 10;
const SUBSCRIBERS_PER_CASE = 2;
/** Acknowledged transitions after which the instance is killed, mid-burst. */
const KILL_AFTER = 80;

interface Ack {
  caseId: string;
  version: number;
  type: string;
}

describe('kill -9 of an api instance in a burst of transitions', () => {
  it('loses no acknowledged transition, and every subscriber on the other instance ends at every case’s last version', async () => {
    const url = await createTestDatabase('burst');
    // The trial, for the demo's sign-ins with their printed password.
    const env = { ...serverEnv(url), MODE: 'trial', JOBS: 'off' };
    const a = launch({ ...env, DEMO_DATA: 'true', PORT: String(await freePort()) });
    const atA = await a.ready;
    const b = launch({ ...env, PORT: String(await freePort()) });
    const atB = await b.ready;
    const token = await signIn(atA);

    // Cases in session, so that they can adjourn and resume for as long as the burst lasts.
    const ids: string[] = [];
    for (let i = 0; i < CASES; i += 1) {
      const id = (await gql(atA, CREATE, { caption: `Burst ${i}` }, token)).data.createCase.id as string;
      for (const [v, e] of [[1, { scheduleMediation: true }], [2, { startSession: true }]] as const) {
        const answer = await gql(atA, TRANSITION, { c: id, v, e }, token);
        expect(answer.errors).toBeUndefined();
      }
      ids.push(id);
    }

    // Subscribers on the other instance, two per case, on two sockets (10 a socket at most).
    const subscribers: { caseId: string; live: LiveSubscription<{ caseChanged: { version: number } }> }[] = [];
    const sockets = [socketClient({ url: atB }, { token }), socketClient({ url: atB }, { token })];
    for (const caseId of ids) {
      for (let s = 0; s < SUBSCRIBERS_PER_CASE; s += 1) {
        subscribers.push({ caseId, live: subscribe(sockets[s]!, `subscription ($id: ID!) { caseChanged(caseId: $id) { version } }`, { id: caseId }) });
      }
    }
    for (const { live } of subscribers) expect((await live.next('the first delivery')).data?.caseChanged.version).toBe(3);

    // The burst: each case adjourns and resumes in a loop on instance A; A is killed mid-way.
    const acks: Ack[] = [];
    let killed = false;
    const burst = ids.map(async (caseId) => {
      let version = 3;
      for (let adjourned = false; !killed; adjourned = !adjourned) {
        const type = adjourned ? 'RESUME_SESSION' : 'ADJOURN_SESSION';
        let answer;
        try {
          answer = await gql(atA, TRANSITION, { c: caseId, v: version, e: adjourned ? { resumeSession: true } : { adjournSession: true } }, token);
        } catch {
          return; // the instance is gone
        }
        if (answer.errors) throw new Error(`transition refused: ${JSON.stringify(answer.errors)}`);
        version = answer.data.transitionCase.version as number;
        acks.push({ caseId, version, type });
        if (acks.length >= KILL_AFTER && !killed) {
          killed = true;
          a.child.kill('SIGKILL');
        }
      }
    });
    await Promise.all(burst);
    await a.exited;
    expect(acks.length).toBeGreaterThanOrEqual(KILL_AFTER);

    const admin = await adminClient(url);
    try {
      // Every acknowledged transition is in the database, with its timeline row.
      const rows = (
        await admin.query(`SELECT e.case_id, e.seq, e.type, c.version FROM case_events e JOIN cases c ON c.id = e.case_id WHERE e.case_id = ANY($1)`, [ids])
      ).rows as { case_id: string; seq: number; type: string; version: number }[];
      const stored = new Set(rows.map((row) => `${row.case_id}/${row.seq}/${row.type}`));
      expect(acks.filter((ack) => !stored.has(`${ack.caseId}/${ack.version}/${ack.type}`))).toEqual([]);
      const last = new Map(rows.map((row) => [row.case_id, row.version]));
      for (const ack of acks) expect(last.get(ack.caseId)).toBeGreaterThanOrEqual(ack.version);

      // Every subscriber on B ends at its case's last version, acknowledged or not.
      const latest = (s: (typeof subscribers)[number]) => {
        const versions = s.live.received.map((r) => r.data?.caseChanged.version ?? 0);
        return Math.max(...versions);
      };
      await until('every subscriber to reach its case’s last version', () => subscribers.every((s) => latest(s) === last.get(s.caseId)), 10_000).catch(() => undefined);
      const behind = subscribers.filter((s) => latest(s) !== last.get(s.caseId)).map((s) => ({ caseId: s.caseId, has: latest(s), last: last.get(s.caseId) }));
      expect(behind).toEqual([]);
      for (const s of subscribers) expect(s.live.received.filter((r) => r.errors)).toEqual([]);
    } finally {
      await admin.end();
    }
    b.child.kill('SIGINT');
    expect((await b.exited).code).toBe(0);
  }, 90_000);
});
