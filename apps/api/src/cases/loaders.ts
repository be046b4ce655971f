import DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import type { CaseStateView } from '@impasse/case-machine';
import { CASE_FACTS_SQL, type AttentionReason } from './case-sql.js';
import { COURT_REPORT_ROWS_SQL, type CourtReportRow } from './court-filing.js';
import { verifyChains, type ChainVerdict } from './timeline.js';

/**
 * Per-request batch loaders, keyed by case id: a page of N cases costs one statement per
 * kind of child record, whatever N is. Created lazily for each GraphQL request context
 * (never request-scoped providers, which would slow every request).
 */
export interface SideRow { id: string; caseId: string; label: string; role: string; position: number }
export interface IssueRow { id: string; caseId: string; label: string; description: string | null; position: number }
export interface ParticipantRow { id: string; caseId: string; userId: string; role: string; sideId: string | null; name: string }
export interface SessionRow {
  id: string;
  caseId: string;
  startsAt: Date;
  format: string;
  /** The ADR process the session belongs to: MEDIATION, SETTLEMENT_CONFERENCE, EARLY_NEUTRAL_EVALUATION. */
  process: string;
  outcome: string | null;
  attendance: { participantId: string; name: string; attended: boolean; authorityToSettle: boolean }[];
}
export interface DeadlineRow {
  id: string;
  caseId: string;
  kind: string;
  title: string;
  dueAt: Date;
  source: string;
  ownerParticipantId: string | null;
  ownerName: string | null;
  doneAt: Date | null;
}
export interface TermRow { caseId: string; issueId: string; terms: string }
export interface TimelineRow {
  id: string;
  caseId: string;
  seq: number;
  type: string;
  actorName: string | null;
  fromState: CaseStateView | null;
  toState: CaseStateView;
  payload: Record<string, unknown>;
  at: Date;
}

export interface MediatorAssignmentRow {
  id: string;
  caseId: string;
  mediatorUserId: string;
  mediatorName: string;
  status: string;
  findings: { kind: string; sentence: string }[];
  acknowledgedSideIds: string[];
  proposedAt: Date;
  acceptedAt: Date | null;
}

export interface WorkspaceItemRow {
  id: string;
  caseId: string;
  sideId: string;
  kind: string;
  body: string | null;
  amount: string | null;
  currency: string | null;
  nonMoneyTerms: string | null;
  category: string | null;
  nextWeek: string | null;
  threeMonths: string | null;
  costToDecision: string | null;
  whoDecides: string | null;
  probability: string | null;
  rangeLow: string | null;
  rangeHigh: string | null;
  sharedWithMediator: boolean;
  createdByName: string | null;
  createdAt: Date;
  updatedAt: Date;
}
export interface DebriefRow {
  id: string;
  caseId: string;
  openedAt: Date;
  dueAt: Date;
  completedAt: Date | null;
  overdue: boolean;
}
export interface PlaybookDoneRow { caseId: string; itemId: string; sideId: string | null; doneAt: Date }
export interface MediatorNoteRow {
  id: string;
  caseId: string;
  authorUserId: string;
  body: string;
  caucusSideId: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export const WORKSPACE_ITEM_COLUMNS = `w.id, w.case_id AS "caseId", w.side_id AS "sideId", w.kind, w.body, w.amount::text AS amount, w.currency,
  w.non_money_terms AS "nonMoneyTerms", w.category, w.next_week AS "nextWeek", w.three_months AS "threeMonths",
  w.cost_to_decision AS "costToDecision", w.who_decides AS "whoDecides", w.probability::text AS probability,
  w.range_low::text AS "rangeLow", w.range_high::text AS "rangeHigh", w.shared_with_mediator AS "sharedWithMediator",
  (SELECT display_name FROM users u WHERE u.id = w.created_by) AS "createdByName", w.created_at AS "createdAt", w.updated_at AS "updatedAt"`;
export const MEDIATOR_NOTE_COLUMNS = `n.id, n.case_id AS "caseId", n.author_user_id AS "authorUserId", n.body, n.caucus_side_id AS "caucusSideId",
  n.created_at AS "createdAt", n.updated_at AS "updatedAt"`;

export interface CaseFactsRow { caseId: string; nextDeadlineAt: Date | null; needsAttention: AttentionReason[] }

export interface CaseLoaders {
  /** The pipeline's facts of a case (next deadline, "needs attention"), for a row read without them. */
  facts: DataLoader<string, CaseFactsRow[]>;
  sides: DataLoader<string, SideRow[]>;
  issues: DataLoader<string, IssueRow[]>;
  participants: DataLoader<string, ParticipantRow[]>;
  sessions: DataLoader<string, SessionRow[]>;
  deadlines: DataLoader<string, DeadlineRow[]>;
  terms: DataLoader<string, TermRow[]>;
  timeline: DataLoader<string, TimelineRow[]>;
  /** Each case's timeline verified (`verifyChains`): two statements for a page of cases. */
  timelineIntegrity: DataLoader<string, ChainVerdict>;
  /** Every side's items: callers keep only what the policy lets the viewer read. */
  workspaceItems: DataLoader<string, WorkspaceItemRow[]>;
  /** The latest mediator assignment that was not withdrawn (conflict check), at most one per case. */
  mediatorAssignments: DataLoader<string, MediatorAssignmentRow[]>;
  /** Every mediator's notes: callers keep only what the policy lets the viewer read. */
  mediatorNotes: DataLoader<string, MediatorNoteRow[]>;
  /** The latest debrief of each case, at most one. */
  debriefs: DataLoader<string, DebriefRow[]>;
  /** Playbook items ticked done. */
  playbookDone: DataLoader<string, PlaybookDoneRow[]>;
  /** The reports to the court, due and filed, each with the facts it would be filed with now. */
  courtReports: DataLoader<string, CourtReportRow[]>;
}

function grouped<T extends { caseId: string }>(load: (ids: string[]) => Promise<T[]>): DataLoader<string, T[]> {
  return new DataLoader<string, T[]>(async (ids) => {
    const rows = await load([...ids]);
    const byCase = new Map<string, T[]>(ids.map((id) => [id, []]));
    for (const row of rows) byCase.get(row.caseId)?.push(row);
    return ids.map((id) => byCase.get(id) ?? []);
  });
}

export function createLoaders(db: DataSource): CaseLoaders {
  return {
    facts: grouped((ids) => db.query(CASE_FACTS_SQL, [ids])),
    sides: grouped((ids) =>
      db.query(`SELECT id, case_id AS "caseId", label, role, position FROM sides WHERE case_id = ANY($1) ORDER BY position`, [ids]),
    ),
    issues: grouped((ids) =>
      db.query(
        `SELECT id, case_id AS "caseId", label, description, position FROM issues WHERE case_id = ANY($1) ORDER BY position`,
        [ids],
      ),
    ),
    participants: grouped((ids) =>
      db.query(
        `SELECT p.id, p.case_id AS "caseId", p.user_id AS "userId", p.role, p.side_id AS "sideId", u.display_name AS name
           FROM participants p JOIN users u ON u.id = p.user_id
          WHERE p.case_id = ANY($1) ORDER BY p.role, u.display_name`,
        [ids],
      ),
    ),
    sessions: grouped((ids) =>
      db.query(
        `SELECT s.id, s.case_id AS "caseId", s.starts_at AS "startsAt", s.format, s.process, s.outcome,
                COALESCE(jsonb_agg(jsonb_build_object('participantId', a.participant_id, 'name', u.display_name,
                  'attended', a.attended, 'authorityToSettle', a.authority_to_settle) ORDER BY u.display_name)
                  FILTER (WHERE a.participant_id IS NOT NULL), '[]'::jsonb) AS attendance
           FROM mediation_sessions s
           LEFT JOIN session_attendance a ON a.session_id = s.id
           LEFT JOIN participants p ON p.id = a.participant_id
           LEFT JOIN users u ON u.id = p.user_id
          WHERE s.case_id = ANY($1)
          GROUP BY s.id ORDER BY s.starts_at`,
        [ids],
      ),
    ),
    deadlines: grouped((ids) =>
      db.query(
        `SELECT d.id, d.case_id AS "caseId", d.kind, d.title, d.due_at AS "dueAt", d.source,
                d.owner_participant_id AS "ownerParticipantId", u.display_name AS "ownerName", d.done_at AS "doneAt"
           FROM deadlines d
           LEFT JOIN participants p ON p.id = d.owner_participant_id
           LEFT JOIN users u ON u.id = p.user_id
          WHERE d.case_id = ANY($1) ORDER BY d.done_at IS NOT NULL, d.due_at`,
        [ids],
      ),
    ),
    terms: grouped((ids) =>
      db.query(`SELECT case_id AS "caseId", issue_id AS "issueId", terms FROM agreement_terms WHERE case_id = ANY($1)`, [ids]),
    ),
    timeline: grouped((ids) =>
      db.query(
        `SELECT e.id::text AS id, e.case_id AS "caseId", e.seq, e.type, u.display_name AS "actorName",
                e.from_state AS "fromState", e.to_state AS "toState", e.payload, e.created_at AS at
           FROM case_events e LEFT JOIN users u ON u.id = e.actor_user_id
          WHERE e.case_id = ANY($1) ORDER BY e.seq DESC`,
        [ids],
      ),
    ),
    timelineIntegrity: new DataLoader<string, ChainVerdict>((ids) => verifyChains(db, ids)),
    workspaceItems: grouped((ids) =>
      db.query(`SELECT ${WORKSPACE_ITEM_COLUMNS} FROM side_workspace_items w WHERE w.case_id = ANY($1) ORDER BY w.created_at, w.id`, [ids]),
    ),
    mediatorAssignments: grouped((ids) =>
      db.query(
        `SELECT DISTINCT ON (a.case_id) a.id, a.case_id AS "caseId", a.mediator_user_id AS "mediatorUserId", u.display_name AS "mediatorName",
                a.status, a.findings, a.created_at AS "proposedAt", a.accepted_at AS "acceptedAt",
                ARRAY(SELECT k.side_id::text FROM mediator_assignment_acks k WHERE k.assignment_id = a.id ORDER BY k.at, k.side_id) AS "acknowledgedSideIds"
           FROM mediator_assignments a JOIN users u ON u.id = a.mediator_user_id
          WHERE a.case_id = ANY($1) AND a.status <> 'WITHDRAWN'
          ORDER BY a.case_id, a.created_at DESC, a.id`,
        [ids],
      ),
    ),
    mediatorNotes: grouped((ids) =>
      db.query(`SELECT ${MEDIATOR_NOTE_COLUMNS} FROM mediator_notes n WHERE n.case_id = ANY($1) ORDER BY n.created_at, n.id`, [ids]),
    ),
    debriefs: grouped((ids) =>
      db.query(
        `SELECT DISTINCT ON (d.case_id) d.id, d.case_id AS "caseId", d.opened_at AS "openedAt", d.due_at AS "dueAt",
                d.completed_at AS "completedAt", (d.completed_at IS NULL AND d.due_at < now()) AS overdue
           FROM debriefs d WHERE d.case_id = ANY($1) ORDER BY d.case_id, d.opened_at DESC, d.id`,
        [ids],
      ),
    ),
    playbookDone: grouped((ids) =>
      db.query(`SELECT case_id AS "caseId", item_id AS "itemId", side_id AS "sideId", done_at AS "doneAt" FROM case_playbook_items WHERE case_id = ANY($1)`, [ids]),
    ),
    courtReports: grouped((ids) => db.query(COURT_REPORT_ROWS_SQL('cases'), [ids])),
  };
}

const perRequest = new WeakMap<object, CaseLoaders>();

/** The loaders of one GraphQL request, made on first use. */
export function loadersFor(requestContext: object, db: DataSource): CaseLoaders {
  let loaders = perRequest.get(requestContext);
  if (!loaders) {
    loaders = createLoaders(db);
    perRequest.set(requestContext, loaders);
  }
  return loaders;
}
