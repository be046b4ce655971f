import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import {
  allowedEvents,
  caseContext,
  CaseMachineError,
  createCase,
  type Effect,
  describeState,
  step,
  type CaseContext,
  type CaseEvent,
  type CaseRoleGrant,
  type CaseStateView,
  type EventType,
} from '@impasse/case-machine';
import type { Viewer } from '../auth/viewer.js';
import { AppError, badInput, notFound } from '../common/errors.js';
import { asCaseViewer, can } from '../policy/policy.js';
import { CaseChangeNotifier } from './case-change.notifier.js';
import type { CreateCaseInput } from './dto/create-case.input.js';
import type { CaseFilterInput } from './dto/case-filter.input.js';
import { summarise } from './dto/case-event.input.js';
import { afterSessionOutcome, completeDebriefIfAssessed } from './post-impasse.js';
import { appendEvent } from './timeline.js';

/** One case as the viewer may see it, with what the pipeline needs computed in SQL. */
export interface CaseRow {
  id: string;
  organisationId: string;
  caption: string;
  docketNumber: string | null;
  disputeType: string;
  courtOrdered: boolean;
  programId: string | null;
  referralSource: string | null;
  referralDate: string | null;
  machineVersion: number;
  snapshot: Record<string, unknown>;
  resolutionState: string;
  litigationState: string;
  version: number;
  updatedAt: Date;
  nextDeadlineAt: Date | null;
  roles: CaseRoleGrant[];
  needsAttention: AttentionReason[];
}

export type AttentionReason = 'OVERDUE_TOUCHPOINT' | 'DEADLINE_WITHIN_7_DAYS' | 'IMPASSE_WITHOUT_OWNER' | 'DEBRIEF_OVERDUE';

export interface CasePage {
  rows: CaseRow[];
  hasNextPage: boolean;
}

const MAX_PAGE = 100;

/**
 * The viewer's cases with everything the pipeline shows, in one statement. The inner query
 * picks the page (participation, filters, the next open deadline as the sort key) and the
 * outer one adds roles and the "needs attention" reasons for those rows only. `$1` is the
 * viewer's user id, `$2` their organisation; `where` and `limit` refer to further params.
 */
const ATTENTION = {
  OVERDUE_TOUCHPOINT: `(COALESCE(od.touchpoint_overdue, false)
      OR (c.snapshot #>> '{context,assessment,outreach,touchpointDate}')::date < current_date)`,
  DEADLINE_WITHIN_7_DAYS: `COALESCE(od.deadline_soon, false)`,
  IMPASSE_WITHOUT_OWNER: `(c.resolution_state = 'impasse'
      AND jsonb_typeof(c.snapshot #> '{context,assessment,outreach}') IS DISTINCT FROM 'object')`,
  // The latest debrief is still open 48 hours after its session.
  DEBRIEF_OVERDUE: `COALESCE((SELECT db.completed_at IS NULL AND db.due_at < now() FROM debriefs db
      WHERE db.case_id = c.id ORDER BY db.opened_at DESC, db.id LIMIT 1), false)`,
} as const;
const ANY_ATTENTION = `(${Object.values(ATTENTION).join(' OR ')})`;

/** The same columns for one case by id (`$3`): a plan far cheaper than the page query's. */
const ONE_CASE_SQL = `
  SELECT c.id, c.organisation_id AS "organisationId", c.caption, c.docket_number AS "docketNumber",
         c.dispute_type AS "disputeType", c.court_ordered AS "courtOrdered", c.program_id AS "programId",
         c.referral_source AS "referralSource", to_char(c.referral_date, 'YYYY-MM-DD') AS "referralDate",
         c.machine_version AS "machineVersion", c.snapshot, c.resolution_state AS "resolutionState",
         c.litigation_state AS "litigationState", c.version, c.updated_at AS "updatedAt",
         od.next_deadline_at AS "nextDeadlineAt", r.roles,
         array_remove(ARRAY[${Object.entries(ATTENTION)
           .map(([reason, condition]) => `CASE WHEN ${condition} THEN '${reason}' END`)
           .join(', ')}], NULL) AS "needsAttention"
    FROM cases c
    CROSS JOIN LATERAL (
      SELECT jsonb_agg(jsonb_strip_nulls(jsonb_build_object('role', p.role, 'sideId', p.side_id))) AS roles
        FROM participants p WHERE p.case_id = c.id AND p.user_id = $1
    ) r
    CROSS JOIN LATERAL (
      SELECT min(d.due_at) AS next_deadline_at,
             bool_or(d.due_at <= now() + interval '7 days') AS deadline_soon,
             bool_or(d.kind = 'NEXT_TOUCHPOINT' AND d.due_at < now()) AS touchpoint_overdue
        FROM deadlines d WHERE d.case_id = c.id AND d.done_at IS NULL
    ) od
   WHERE c.id = $3 AND c.organisation_id = $2 AND r.roles IS NOT NULL`;

function casesSql(where: string[], limit: string): string {
  return `
  WITH page AS (
    SELECT c.id, od.next_deadline_at, od.deadline_soon, od.touchpoint_overdue,
           COALESCE(od.next_deadline_at, 'infinity'::timestamptz) AS sort_key
      FROM cases c
      LEFT JOIN LATERAL (
        SELECT min(d.due_at) AS next_deadline_at,
               bool_or(d.due_at <= now() + interval '7 days') AS deadline_soon,
               bool_or(d.kind = 'NEXT_TOUCHPOINT' AND d.due_at < now()) AS touchpoint_overdue
          FROM deadlines d WHERE d.case_id = c.id AND d.done_at IS NULL
      ) od ON true
     WHERE c.organisation_id = $2
       AND EXISTS (SELECT 1 FROM participants p WHERE p.case_id = c.id AND p.user_id = $1)
       ${where.map((w) => `AND ${w}`).join('\n       ')}
     ORDER BY sort_key, c.id
     LIMIT ${limit}
  )
  SELECT c.id, c.organisation_id AS "organisationId", c.caption, c.docket_number AS "docketNumber",
         c.dispute_type AS "disputeType", c.court_ordered AS "courtOrdered", c.program_id AS "programId",
         c.referral_source AS "referralSource", to_char(c.referral_date, 'YYYY-MM-DD') AS "referralDate",
         c.machine_version AS "machineVersion", c.snapshot, c.resolution_state AS "resolutionState",
         c.litigation_state AS "litigationState", c.version, c.updated_at AS "updatedAt",
         od.next_deadline_at AS "nextDeadlineAt", od.sort_key,
         (SELECT jsonb_agg(jsonb_strip_nulls(jsonb_build_object('role', p.role, 'sideId', p.side_id)))
            FROM participants p WHERE p.case_id = c.id AND p.user_id = $1) AS roles,
         array_remove(ARRAY[${Object.entries(ATTENTION)
           .map(([reason, condition]) => `CASE WHEN ${condition} THEN '${reason}' END`)
           .join(', ')}], NULL) AS "needsAttention"
    FROM page od JOIN cases c ON c.id = od.id
   ORDER BY od.sort_key, c.id`;
}

/**
 * Cases: read through the viewer's participation, created with their sides and issues,
 * and moved only by the statechart, one compare-and-set transaction per event.
 */
@Injectable()
export class CasesService {
  constructor(
    @Inject(DataSource) private readonly db: DataSource,
    private readonly notifier: CaseChangeNotifier,
  ) {}

  /** One page of the viewer's cases, soonest open deadline first; one SQL statement. */
  async listForViewer(viewer: Viewer, filter: CaseFilterInput = {}, first = 50, after?: string | null): Promise<CasePage> {
    const limit = Math.min(Math.max(first, 1), MAX_PAGE);
    const params: unknown[] = [viewer.userId, viewer.organisationId];
    const where: string[] = [];
    const param = (value: unknown) => {
      params.push(value);
      return `$${params.length}`;
    };
    if (filter.resolution) where.push(`(c.resolution_state = ${param(filter.resolution)} OR c.resolution_state LIKE ${param(`${filter.resolution}.%`)})`);
    if (filter.litigation) where.push(`c.litigation_state = ${param(filter.litigation)}`);
    if (filter.disputeTypes?.length) where.push(`c.dispute_type = ANY(${param(filter.disputeTypes)})`);
    if (filter.programId) where.push(`c.program_id = ${param(filter.programId)}`);
    // "Needs attention" is case-shared (it reads touchpoints and deadlines): for a case the viewer
    // holds only as program administrator it is always empty, so the filter cannot probe it.
    const programOnly = `NOT EXISTS (SELECT 1 FROM participants p WHERE p.case_id = c.id AND p.user_id = $1 AND p.role <> 'PROGRAM_ADMIN')`;
    if (filter.needsAttention === true) where.push(`(${ANY_ATTENTION} AND NOT ${programOnly})`);
    if (filter.needsAttention === false) where.push(`(NOT ${ANY_ATTENTION} OR ${programOnly})`);
    if (after) {
      const cursor = decodeCursor(after);
      where.push(`(COALESCE(od.next_deadline_at, 'infinity'::timestamptz), c.id) > (${param(cursor.key)}::timestamptz, ${param(cursor.id)}::uuid)`);
    }
    const rows: (CaseRow & { sort_key: Date | string })[] = await this.db.query(casesSql(where, param(limit + 1)), params);
    return { rows: rows.slice(0, limit).map(toRow), hasNextPage: rows.length > limit };
  }

  /** NOT_FOUND, never FORBIDDEN, for a case the viewer is not on: its existence is not disclosed. */
  async getForViewer(viewer: Viewer, caseId: string, manager: EntityManager = this.db.manager): Promise<CaseRow> {
    if (!isUuid(caseId)) throw notFound('case');
    const [row] = await manager.query(ONE_CASE_SQL, [viewer.userId, viewer.organisationId, caseId]);
    if (!row || !can(viewer, { type: 'case.read', caseRoles: toRow(row).roles })) throw notFound('case');
    return toRow(row);
  }

  allowedEventsFor(row: CaseRow): EventType[] {
    return allowedEvents(persisted(row), asCaseViewer(row.roles));
  }

  stateOf(row: CaseRow): CaseStateView {
    return describeState(persisted(row));
  }

  contextOf(row: CaseRow): CaseContext {
    return caseContext(persisted(row));
  }

  async create(viewer: Viewer, input: CreateCaseInput): Promise<CaseRow> {
    if (!can(viewer, { type: 'case.create' })) {
      throw new AppError('FORBIDDEN', 'Only mediators and program administrators can open a case.');
    }
    const id = await this.db.transaction(async (tx) => {
      if (input.programId) {
        const [program] = await tx.query(`SELECT id FROM programs WHERE id = $1 AND organisation_id = $2`, [input.programId, viewer.organisationId]);
        if (!program) throw badInput('programId', 'no program with that id in your organisation');
      }
      const [created] = await tx.query(
        `INSERT INTO cases (organisation_id, caption, docket_number, dispute_type, court_ordered, program_id, referral_source, referral_date,
                            machine_version, snapshot, resolution_state, litigation_state)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 0, '{}', '', '') RETURNING id`,
        [
          viewer.organisationId,
          input.caption.trim(),
          input.docketNumber?.trim() || null,
          input.disputeType,
          input.courtOrdered ?? false,
          input.programId ?? null,
          input.referralSource ?? null,
          input.referralDate ?? null,
        ],
      );
      const caseId: string = created.id;
      const sides: { id: string; label: string }[] = [];
      for (const [position, side] of input.sides.entries()) {
        const [row] = await tx.query(`INSERT INTO sides (case_id, label, role, position) VALUES ($1, $2, $3, $4) RETURNING id, label`, [
          caseId,
          side.label.trim(),
          side.role,
          position,
        ]);
        sides.push(row);
      }
      const issues: { id: string; label: string }[] = [];
      for (const [position, issue] of (input.issues ?? []).entries()) {
        const [row] = await tx.query(
          `INSERT INTO issues (id, case_id, label, description, position) VALUES (gen_random_uuid(), $1, $2, $3, $4) RETURNING id, label`,
          [caseId, issue.label.trim(), issue.description?.trim() || null, position],
        );
        issues.push(row);
      }
      const { persisted: snapshot, state } = createCase({
        sides,
        issues,
        courtOrdered: input.courtOrdered ?? false,
        arbitrationClause: input.arbitrationClause ?? false,
      });
      await tx.query(
        `UPDATE cases SET machine_version = $2, snapshot = $3, resolution_state = $4, litigation_state = $5 WHERE id = $1`,
        [caseId, snapshot.machineVersion, snapshot.snapshot, state.resolution, state.litigation],
      );
      await tx.query(`INSERT INTO participants (case_id, user_id, role) VALUES ($1, $2, $3)`, [
        caseId,
        viewer.userId,
        viewer.orgRole === 'PROGRAM_ADMIN' ? 'PROGRAM_ADMIN' : 'MEDIATOR',
      ]);
      await appendEvent(tx, { caseId, actorUserId: viewer.userId, type: 'CASE_OPENED', fromState: null, toState: state, payload: {} });
      return caseId;
    });
    this.notifier.caseChanged(id);
    return this.getForViewer(viewer, id);
  }

  /**
   * One transaction: load → machine step → compare-and-set UPDATE → records → timeline row
   * → commit, then publish. Nothing is written when any step refuses.
   */
  async transition(viewer: Viewer, caseId: string, expectedVersion: number, event: CaseEvent): Promise<CaseRow> {
    await this.db.transaction(async (tx) => {
      const row = await this.getForViewer(viewer, caseId, tx);
      const context = this.contextOf(row);
      if (!can(viewer, { type: 'case.transition', caseRoles: row.roles, event, context })) {
        throw new AppError('FORBIDDEN', `Your role in this case cannot send ${event.type}${'sideId' in event ? ' for that side' : ''}.`);
      }
      if (row.version !== expectedVersion) throw versionConflict();
      await this.checkReferences(tx, caseId, event);
      let result;
      try {
        result = step(persisted(row), event);
      } catch (error) {
        if (error instanceof CaseMachineError) {
          if (error.code === 'INVALID_TRANSITION') throw new AppError('INVALID_TRANSITION', error.message);
          if (error.code === 'INVALID_EVENT') throw badInput('event', error.message);
        }
        throw error;
      }
      const updated: unknown[] = await tx.query(
        `UPDATE cases
            SET snapshot = $3, machine_version = $4, resolution_state = $5, litigation_state = $6,
                version = version + 1, updated_at = now()
          WHERE id = $1 AND version = $2
          RETURNING id`,
        [caseId, expectedVersion, result.persisted.snapshot, result.persisted.machineVersion, result.state.resolution, result.state.litigation],
      );
      if (rowCount(updated) === 0) throw versionConflict();
      await this.applyToRecords(tx, caseId, event, result.effects);
      await completeDebriefIfAssessed(tx, caseId, caseContext(result.persisted));
      const { payload } = summarise(event as CaseEvent & Record<string, unknown>);
      await appendEvent(tx, { caseId, actorUserId: viewer.userId, type: event.type, fromState: this.stateOf(row), toState: result.state, payload });
    });
    this.notifier.caseChanged(caseId);
    return this.getForViewer(viewer, caseId);
  }

  /** Ids an event names must belong to this case. */
  private async checkReferences(tx: EntityManager, caseId: string, event: CaseEvent): Promise<void> {
    if (event.type === 'ASSIGN_OUTREACH_OWNER') {
      const [owner] = await tx.query(`SELECT id FROM participants WHERE id = $1 AND case_id = $2`, [isUuid(event.ownerId) ? event.ownerId : null, caseId]);
      if (!owner) throw badInput('event.assignOutreachOwner.ownerId', 'the owner must be a participant of this case');
    }
  }

  /** The records an event creates beside the snapshot. */
  private async applyToRecords(tx: EntityManager, caseId: string, event: CaseEvent, effects: readonly Effect[]): Promise<void> {
    switch (event.type) {
      case 'ADD_ISSUE':
        await tx.query(
          `INSERT INTO issues (id, case_id, label, position)
           VALUES ($1, $2, $3, (SELECT COALESCE(max(position) + 1, 0) FROM issues WHERE case_id = $2))`,
          [event.issueId, caseId, event.label.trim()],
        );
        break;
      case 'RECORD_OUTCOME':
      case 'RECORD_SESSION_NOT_HELD': {
        const updated: unknown[] = await tx.query(
          `UPDATE mediation_sessions SET outcome = $2, updated_at = now()
            WHERE id = (SELECT id FROM mediation_sessions WHERE case_id = $1 AND outcome IS NULL ORDER BY starts_at DESC LIMIT 1)
            RETURNING id, starts_at AS "startsAt"`,
          [caseId, event.type === 'RECORD_OUTCOME' ? event.outcome : 'NOT_HELD'],
        );
        const [session] = (Array.isArray(updated[0]) ? updated[0] : updated) as { id: string; startsAt: Date }[];
        // The debrief (partial or no agreement) and the mediator's report (court-ordered).
        await afterSessionOutcome(tx, caseId, event, effects, session ?? null);
        break;
      }
      case 'ASSIGN_OUTREACH_OWNER':
        await tx.query(`UPDATE deadlines SET done_at = now(), updated_at = now() WHERE case_id = $1 AND kind = 'NEXT_TOUCHPOINT' AND done_at IS NULL`, [caseId]);
        await tx.query(
          `INSERT INTO deadlines (case_id, kind, title, due_at, source, owner_participant_id)
           VALUES ($1, 'NEXT_TOUCHPOINT', 'Next touchpoint', ($2::date + time '17:00') AT TIME ZONE 'UTC', 'MEDIATOR', $3)`,
          [caseId, event.touchpointDate, event.ownerId],
        );
        break;
      default:
        break;
    }
  }
}

export function persisted(row: Pick<CaseRow, 'machineVersion' | 'snapshot'>) {
  return { machineVersion: row.machineVersion, snapshot: row.snapshot };
}

const versionConflict = () =>
  new AppError('VERSION_CONFLICT', 'Someone changed this case since you loaded it. Reload it to see the change, then try again.');

function toRow(raw: object): CaseRow {
  const { sort_key: _sortKey, ...row } = raw as unknown as CaseRow & { sort_key: unknown };
  return { ...row, roles: (row.roles ?? []) as CaseRoleGrant[], needsAttention: (row.needsAttention ?? []) as AttentionReason[] };
}

export function encodeCursor(row: CaseRow): string {
  const key = row.nextDeadlineAt ? new Date(row.nextDeadlineAt).toISOString() : 'infinity';
  return Buffer.from(JSON.stringify([key, row.id])).toString('base64url');
}

function decodeCursor(cursor: string): { key: string; id: string } {
  try {
    const [key, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [string, string];
    if ((key === 'infinity' || !Number.isNaN(Date.parse(key))) && isUuid(id)) return { key, id };
  } catch {
    // fall through
  }
  throw badInput('after', 'is not a cursor this api gave out; start again without it');
}

export function isUuid(value: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);
}

/** pg returns [rows, count] for UPDATE … RETURNING through TypeORM's query(). */
function rowCount(result: unknown[]): number {
  if (Array.isArray(result[0])) return (result[0] as unknown[]).length;
  return result.length;
}
