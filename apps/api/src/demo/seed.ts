import { randomBytes, randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { createCase, step, type CaseEvent, type CaseStateView, type Effect } from '@impasse/case-machine';
import { makeReportDue, processOfState } from '../cases/court-filing.js';
import { hashPassword, verifyPassword } from '../auth/passwords.js';
import { summarise } from '../cases/dto/case-event.input.js';
import { appendEvent, type NewTimelineRow } from '../cases/timeline.js';
import { RECORD_STALL_REASON_SQL } from '../reporting/stalls.js';
import { programHistory } from './program-history.js';

/** The demo's court program, and how many past referrals it has for its reports. */
const DEMO_PROGRAM = { name: 'Circuit Court Civil ADR Program', timeZone: 'America/New_York' };
const HISTORY_CASES = 300;

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
  { email: 'admin@demo.test', displayName: 'Olu Adeyemi', orgRole: 'ORG_ADMIN', what: 'organisation admin: the Outbox' },
] as const;

interface DemoCase {
  caption: string;
  docketNumber: string;
  disputeType: string;
  courtOrdered: boolean;
  sides: { label: string; role: string }[];
  events: CaseEvent[];
  /**
   * A joint session held this many hours ago, attended by the mediator and both counsel, whose
   * outcome the last event records: its debrief opens and, in a court-ordered case, its report to
   * the court falls due, as CasesService does.
   */
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
  // Two court-ordered cases of the program whose reports to the court are due: the program
  // administrator's Deadlines page lists them, and the mediator files them from the case page.
  {
    caption: 'Okoye v. Brightline Property Management',
    docketNumber: '2026-CV-02214',
    disputeType: 'REAL_PROPERTY',
    courtOrdered: true,
    sides: [
      { label: 'Adaeze Okoye', role: 'PLAINTIFF' },
      { label: 'Brightline Property Management Inc.', role: 'DEFENDANT' },
    ],
    events: [{ type: 'SCHEDULE_MEDIATION' }, { type: 'START_SESSION' }, { type: 'RECORD_OUTCOME', outcome: 'NO_AGREEMENT' }],
    sessionHoursAgo: 30,
  },
  {
    caption: 'Delgado v. Summit Mutual Insurance',
    docketNumber: '2026-CV-01977',
    disputeType: 'CONTRACT',
    courtOrdered: true,
    sides: [
      { label: 'Marisol Delgado', role: 'PLAINTIFF' },
      { label: 'Summit Mutual Insurance Co.', role: 'DEFENDANT' },
    ],
    // Suit filed, the court orders a settlement conference, held two days ago without agreement.
    events: [{ type: 'FILE_SUIT' }, { type: 'ORDER_ADR', process: 'SETTLEMENT_CONFERENCE' }, { type: 'RECORD_ADR_OUTCOME', outcome: 'NO_AGREEMENT' }],
    sessionHoursAgo: 50,
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
    const [program] = await tx.query(`INSERT INTO programs (organisation_id, name, time_zone) VALUES ($1, $2, $3) RETURNING id`, [
      org.id,
      DEMO_PROGRAM.name,
      DEMO_PROGRAM.timeZone,
    ]);
    for (const [index, demo] of DEMO_CASES.entries()) {
      // The court-ordered cases were referred by the program, a few weeks ago.
      const inProgram = demo.courtOrdered;
      const [caseRow] = await tx.query(
        `INSERT INTO cases (organisation_id, caption, docket_number, dispute_type, court_ordered, machine_version, snapshot, resolution_state, litigation_state,
                            program_id, referral_source, referral_date)
         VALUES ($1, $2, $3, $4, $5, 0, '{}', '', '', $6, $7, CASE WHEN $6::uuid IS NULL THEN NULL ELSE current_date - $8::int END) RETURNING id`,
        [org.id, demo.caption, demo.docketNumber, demo.disputeType, demo.courtOrdered, inProgram ? program.id : null, inProgram ? 'COURT_ORDER' : 'SELF', 14 + index * 9],
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
      // The last event and what it asked for: the session the demo describes ended with it.
      let last: { event: CaseEvent; effects: Effect[]; before: CaseStateView } | null = null;
      for (const event of demo.events) {
        const next = step(persisted, event);
        history.push({ type: event.type, fromState: state, toState: next.state, payload: summarise(event).payload });
        last = { event, effects: next.effects, before: state };
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
      if (demo.sessionHoursAgo !== undefined && last && (last.event.type === 'RECORD_OUTCOME' || last.event.type === 'RECORD_ADR_OUTCOME')) {
        // The session the events describe (of the process the case was in), who attended it, the
        // 48-hour debrief a mediation without settlement opens, and the report to the court a
        // court-ordered case owes (as CasesService does).
        const [session] = await tx.query(
          `INSERT INTO mediation_sessions (case_id, starts_at, format, outcome, process)
           VALUES ($1, now() - make_interval(hours => $2), 'JOINT', $3, $4) RETURNING id, starts_at AS "startsAt"`,
          [caseRow.id, demo.sessionHoursAgo, last.event.outcome, processOfState(last.before.resolution)],
        );
        await tx.query(
          `INSERT INTO session_attendance (session_id, participant_id, attended)
           SELECT $1, p.id, true FROM participants p WHERE p.case_id = $2 AND p.role IN ('MEDIATOR', 'COUNSEL')`,
          [session.id, caseRow.id],
        );
        if (last.event.type === 'RECORD_OUTCOME' && last.event.outcome !== 'SETTLED') {
          await tx.query(`INSERT INTO debriefs (case_id, session_id, opened_at, due_at) VALUES ($1, $2, $3, $3::timestamptz + interval '48 hours')`, [
            caseRow.id,
            session.id,
            session.startsAt,
          ]);
        }
        await makeReportDue(tx, caseRow.id, last.event, last.effects, session);
      }
    }
    await seedProgramHistory(tx, org.id, program.id);
  });
}

/**
 * The program's past year: referrals mediated by three roster mediators (no demo sign-in: their
 * closed cases stay out of the demo people's pipelines), so the Reports page has figures.
 */
async function seedProgramHistory(tx: EntityManager, organisationId: string, programId: string): Promise<void> {
  // Three roster mediators; the third mediates few enough referrals that the figures by mediator suppress them.
  const roster: string[] = [];
  for (const [email, name] of [
    ['roster.mediator@demo.test', 'Jordan Ellis'],
    ['roster.mediator2@demo.test', 'Priya Raman'],
    ['roster.mediator3@demo.test', 'Theo Marsh'],
  ]) {
    const [row] = await tx.query(
      `INSERT INTO users (organisation_id, email, display_name, password_hash, org_role) VALUES ($1, $2, $3, $4, 'MEDIATOR') RETURNING id`,
      [organisationId, email, name, await hashPassword(`${randomUUID()}${randomUUID()}`)], // a password nobody knows: nobody signs in as a roster mediator
    );
    roster.push(row.id);
  }
  const issueIds: [string, string][] = [];
  const history = programHistory(HISTORY_CASES, (i) => (issueIds[i] ??= [randomUUID(), randomUUID()]));
  const day = 86_400_000;
  for (const [i, past] of history.entries()) {
    const opened = new Date(Date.now() - past.referredDaysAgo * day);
    const [caseRow] = await tx.query(
      `INSERT INTO cases (organisation_id, caption, docket_number, dispute_type, court_ordered, machine_version, snapshot, resolution_state, litigation_state,
                          program_id, referral_source, referral_date, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, 0, '{}', '', '', $6, $7, ($8::timestamptz AT TIME ZONE 'America/New_York')::date, $8, $8) RETURNING id`,
      [organisationId, past.caption, past.docketNumber, past.disputeType, past.referralSource === 'COURT_ORDER', programId, past.referralSource, opened],
    );
    const sides: { id: string; label: string }[] = [];
    for (const [position, [label, role]] of [
      [past.caption.split(' v. ')[0] ?? 'Petitioner', 'CLAIMANT'],
      [past.caption.split(' v. ')[1] ?? 'Respondent', 'RESPONDENT'],
    ].entries()) {
      const [row] = await tx.query(`INSERT INTO sides (case_id, label, role, position) VALUES ($1, $2, $3, $4) RETURNING id`, [caseRow.id, label, role, position]);
      sides.push({ id: row.id, label: label! });
    }
    const [liability, damages] = issueIds[i] ?? [randomUUID(), randomUUID()];
    const issues = [
      { id: liability, label: past.disputeType === 'FAMILY' ? 'Parenting schedule' : 'Liability' },
      { id: damages, label: past.disputeType === 'FAMILY' ? 'Support' : 'Damages' },
    ];
    for (const [position, issue] of issues.entries()) {
      await tx.query(`INSERT INTO issues (id, case_id, label, position) VALUES ($1, $2, $3, $4)`, [issue.id, caseRow.id, issue.label, position]);
    }
    let { persisted, state } = createCase({ sides, issues, courtOrdered: past.referralSource === 'COURT_ORDER' });
    const rows: Omit<NewTimelineRow, 'caseId' | 'actorUserId'>[] = [{ type: 'CASE_OPENED', fromState: null, toState: state, payload: {}, createdAt: opened }];
    for (const { event, daysAgo } of past.events) {
      const next = step(persisted, event);
      rows.push({ type: event.type, fromState: state, toState: next.state, payload: summarise(event).payload, createdAt: new Date(Date.now() - daysAgo * day) });
      ({ persisted, state } = next);
    }
    await tx.query(
      `UPDATE cases SET machine_version = $2, snapshot = $3, resolution_state = $4, litigation_state = $5, version = $6, updated_at = $7 WHERE id = $1`,
      [caseRow.id, persisted.machineVersion, persisted.snapshot, state.resolution, state.litigation, rows.length, rows.at(-1)!.createdAt],
    );
    const mediator = roster[i % 40 === 7 ? 2 : i % 4 === 1 ? 1 : 0]!;
    await tx.query(`INSERT INTO participants (case_id, user_id, role) VALUES ($1, $2, 'MEDIATOR')`, [caseRow.id, mediator]);
    for (const [j, row] of rows.entries()) {
      await appendEvent(tx, { caseId: caseRow.id, actorUserId: mediator, ...row });
      // As the transition does: when the reason was recorded (the row's time), for the stall table.
      const event = j > 0 ? past.events[j - 1]!.event : null;
      if (event?.type === 'RECORD_STALL_REASON') await tx.query(RECORD_STALL_REASON_SQL, [caseRow.id, event.reason]);
    }
  }
}
