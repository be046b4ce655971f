import { randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { createCase, step, type CaseEvent } from '@impasse/case-machine';
import { hashPassword, verifyPassword } from '../auth/passwords.js';
import { summarise } from '../cases/dto/case-event.input.js';
import { appendEvent, type NewTimelineRow } from '../cases/timeline.js';

/**
 * The demo sign-ins printed at start-up. Only ever loaded into a demo database. DEMO_PASSWORD
 * is theirs only while nobody else can reach the app (the trial on 127.0.0.1): see
 * `demoPasswordFor` and `setDemoPasswords`.
 */
export const DEMO_PASSWORD = 'mediate-demo';
export const DEMO_USERS = [
  { email: 'mediator@demo.test', displayName: 'Maya Okafor', orgRole: 'MEDIATOR', what: 'mediator' },
  { email: 'counsel.claimant@demo.test', displayName: 'Daniel Reyes', orgRole: 'MEMBER', what: 'counsel for a claimant' },
  { email: 'counsel.respondent@demo.test', displayName: 'Priya Shah', orgRole: 'MEMBER', what: 'counsel for a respondent' },
  { email: 'program@demo.test', displayName: 'Court ADR Program', orgRole: 'PROGRAM_ADMIN', what: 'program administrator' },
] as const;

interface DemoCase {
  caption: string;
  docketNumber: string;
  disputeType: string;
  courtOrdered: boolean;
  sides: { label: string; role: string }[];
  events: CaseEvent[];
  /** A joint session held this many hours ago, with the outcome the events record; its debrief opens. */
  sessionHoursAgo?: number;
}

const DEMO_CASES: DemoCase[] = [
  {
    caption: 'Alvarez v. Northgate Logistics',
    docketNumber: '2026-CV-01482',
    disputeType: 'PERSONAL_INJURY',
    courtOrdered: true,
    sides: [
      { label: 'Rosa Alvarez', role: 'PLAINTIFF' },
      { label: 'Northgate Logistics LLC', role: 'DEFENDANT' },
    ],
    events: [],
  },
  {
    caption: 'In re Marriage of Chen and Brooks',
    docketNumber: '2026-FL-00317',
    disputeType: 'FAMILY',
    courtOrdered: true,
    sides: [
      { label: 'Lin Chen', role: 'PETITIONER' },
      { label: 'Marcus Brooks', role: 'RESPONDENT' },
    ],
    events: [{ type: 'SCHEDULE_MEDIATION' }],
  },
  {
    caption: 'Harbor & Finch Partners dissolution',
    docketNumber: 'PRIV-2026-044',
    disputeType: 'BUSINESS',
    courtOrdered: false,
    sides: [
      { label: 'Elena Harbor', role: 'CLAIMANT' },
      { label: 'Tom Finch', role: 'RESPONDENT' },
    ],
    events: [{ type: 'SCHEDULE_MEDIATION' }, { type: 'START_SESSION' }, { type: 'RECORD_OUTCOME', outcome: 'NO_AGREEMENT' }],
    sessionHoursAgo: 26,
  },
];

/** True when the database has no organisation yet, i.e. it was never used. */
export async function isEmpty(db: DataSource): Promise<boolean> {
  const [{ count }] = await db.query('SELECT count(*)::int AS count FROM organisations');
  return count === 0;
}

/**
 * The password the demo accounts get: the printed DEMO_PASSWORD in the trial listening on
 * loopback only, else (reachable from the network, or a deployment, which may sit behind a
 * proxy on the same machine) a fresh random one for this start, 96 bits, printed in the banner.
 */
export function demoPasswordFor(mode: 'trial' | 'deployment', host: string): string {
  return mode === 'trial' && isLoopback(host) ? DEMO_PASSWORD : randomBytes(12).toString('base64url');
}

/** 127.0.0.0/8, ::1 (also IPv4-mapped) and localhost: an address only this machine reaches. */
export function isLoopback(host: string): boolean {
  const address = host.toLowerCase().replace(/^\[|\]$/g, '').replace(/^::ffff:/, '');
  return address === 'localhost' || address === '::1' || /^127(?:\.\d{1,3}){3}$/.test(address);
}

/**
 * Gives existing demo accounts `password` for this start, and says whether there are any.
 * A fresh password (an exposed start) replaces whatever they had, the demo password first of
 * all, since the last one printed is gone with its banner; the demo password (the trial on
 * loopback) is put back on those that lost it to an exposed start, so the banner stays true.
 * One argon2 check per distinct hash (one, usually) when nothing changes.
 */
export async function setDemoPasswords(db: DataSource, password: string): Promise<boolean> {
  const rows: { id: string; password_hash: string }[] = await db.query(`SELECT id, password_hash FROM users WHERE email = ANY($1)`, [
    DEMO_USERS.map((u) => u.email),
  ]);
  if (rows.length === 0) return false;
  const stale: string[] = [];
  const verdicts = new Map<string, boolean>();
  for (const row of rows) {
    if (password !== DEMO_PASSWORD) {
      stale.push(row.id);
      continue;
    }
    if (!verdicts.has(row.password_hash)) verdicts.set(row.password_hash, await verifyPassword(row.password_hash, password));
    if (!verdicts.get(row.password_hash)) stale.push(row.id);
  }
  if (stale.length > 0) await db.query(`UPDATE users SET password_hash = $1 WHERE id = ANY($2)`, [await hashPassword(password), stale]);
  return true;
}

/** Loads the demo organisation, people (with `password`) and cases in one transaction. */
export async function seedDemo(db: DataSource, password: string = DEMO_PASSWORD): Promise<void> {
  const passwordHash = await hashPassword(password);
  await db.transaction(async (tx) => {
    const [org] = await tx.query(`INSERT INTO organisations (name) VALUES ('Demo Mediation Center') RETURNING id`);
    const users: Record<string, string> = {};
    for (const user of DEMO_USERS) {
      const [row] = await tx.query(
        `INSERT INTO users (organisation_id, email, display_name, password_hash, org_role) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
        [org.id, user.email, user.displayName, passwordHash, user.orgRole],
      );
      users[user.email] = row.id;
    }
    for (const demo of DEMO_CASES) {
      const [caseRow] = await tx.query(
        `INSERT INTO cases (organisation_id, caption, docket_number, dispute_type, court_ordered, machine_version, snapshot, resolution_state, litigation_state)
         VALUES ($1, $2, $3, $4, $5, 0, '{}', '', '') RETURNING id`,
        [org.id, demo.caption, demo.docketNumber, demo.disputeType, demo.courtOrdered],
      );
      const sideIds: string[] = [];
      for (const [position, side] of demo.sides.entries()) {
        const [row] = await tx.query(`INSERT INTO sides (case_id, label, role, position) VALUES ($1, $2, $3, $4) RETURNING id`, [
          caseRow.id,
          side.label,
          side.role,
          position,
        ]);
        sideIds.push(row.id);
      }
      let { persisted, state } = createCase({ sides: sideIds.map((id, i) => ({ id, label: demo.sides[i]!.label })), courtOrdered: demo.courtOrdered });
      const history: Omit<NewTimelineRow, 'caseId' | 'actorUserId'>[] = [
        { type: 'CASE_OPENED', fromState: null, toState: state, payload: {} },
      ];
      for (const event of demo.events) {
        const next = step(persisted, event);
        history.push({ type: event.type, fromState: state, toState: next.state, payload: summarise(event).payload });
        ({ persisted, state } = next);
      }
      await tx.query(
        `UPDATE cases SET machine_version = $2, snapshot = $3, resolution_state = $4, litigation_state = $5, version = $6 WHERE id = $1`,
        [caseRow.id, persisted.machineVersion, persisted.snapshot, state.resolution, state.litigation, history.length],
      );
      const participants: [string, string, string | null][] = [
        [users['mediator@demo.test']!, 'MEDIATOR', null],
        [users['counsel.claimant@demo.test']!, 'COUNSEL', sideIds[0]!],
        [users['counsel.respondent@demo.test']!, 'COUNSEL', sideIds[1]!],
      ];
      if (demo.courtOrdered) participants.push([users['program@demo.test']!, 'PROGRAM_ADMIN', null]);
      for (const [userId, role, sideId] of participants) {
        await tx.query(`INSERT INTO participants (case_id, user_id, role, side_id) VALUES ($1, $2, $3, $4)`, [caseRow.id, userId, role, sideId]);
      }
      for (const entry of history) {
        await appendEvent(tx, { caseId: caseRow.id, actorUserId: users['mediator@demo.test']!, ...entry });
      }
      if (demo.sessionHoursAgo !== undefined) {
        // The session the events describe, and the 48-hour debrief it opened (as CasesService does).
        const [session] = await tx.query(
          `INSERT INTO mediation_sessions (case_id, starts_at, format, outcome)
           VALUES ($1, now() - make_interval(hours => $2), 'JOINT', 'NO_AGREEMENT') RETURNING id, starts_at`,
          [caseRow.id, demo.sessionHoursAgo],
        );
        await tx.query(`INSERT INTO debriefs (case_id, session_id, opened_at, due_at) VALUES ($1, $2, $3, $3::timestamptz + interval '48 hours')`, [
          caseRow.id,
          session.id,
          session.starts_at,
        ]);
      }
    }
  });
}
