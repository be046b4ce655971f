import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import {
  CaseMachineError,
  createCase,
  formatState,
  openCase,
  pendingAgreement,
  readsOnlyCourtReportable,
  type CaseContext,
  type CaseEvent,
  type CaseRoleGrant,
  type CaseStateView,
  type Effect,
  type EventType,
  type OpenCase,
  type SigningRule,
  type StepResult,
} from '@impasse/case-machine';
import type { Viewer } from '../auth/viewer.js';
import { AppError, badInput, notFound } from '../common/errors.js';
import { preparedQuery } from '../database/prepared.js';
import { asCaseViewer, can } from '../policy/policy.js';
import { CASE_FIELD_TIERS } from '../policy/tiers.js';
import { CaseChangeNotifier } from './case-change.notifier.js';
import { casesSql, ONE_CASE_SQL, TRANSITION_READ_SQL, type AttentionReason, type PageCursor } from './case-sql.js';
import type { CreateCaseInput } from './dto/create-case.input.js';
import type { CaseFilterInput } from './dto/case-filter.input.js';
import { summarise } from './dto/case-event.input.js';
import { textRecording } from './agreement-text.js';
import { afterSessionOutcome, debriefComplete } from './post-impasse.js';
import { processOfState } from './court-filing.js';
import { RECORD_STALL_REASON_SQL } from '../reporting/stalls.js';
import { appendEvent, TIMELINE_COLUMN_COUNT, TIMELINE_COLUMNS, timelineValues, type TimelineTip } from './timeline.js';

export type { AttentionReason } from './case-sql.js';

/** One case as the viewer may see it. */
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
  /** The viewer's roles on the case. */
  roles: CaseRoleGrant[];
  /** The case's party participants as [side id, participant id] pairs: who must sign for each side. */
  parties: [string, string][] | null;
  /** What the pipeline computes in SQL; null on a row a transition returns (read on demand then). */
  facts: CaseFacts | null;
}

/** Case-shared facts the pipeline sorts and flags by. */
export interface CaseFacts {
  nextDeadlineAt: Date | null;
  needsAttention: AttentionReason[];
}

export interface CasePage {
  rows: CaseRow[];
  hasNextPage: boolean;
}

const MAX_PAGE = 100;

/**
 * Cases: read through the viewer's participation, created with their sides and issues,
 * and moved only by the statechart, one compare-and-set transaction per event.
 */
@Injectable()
export class CasesService {
  constructor(@Inject(DataSource) private readonly db: DataSource) {}

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
    let cursor: PageCursor | null = null;
    if (after) {
      const { key, id } = decodeCursor(after);
      cursor = { keyParam: param(key), idParam: param(id), infinite: key === 'infinity' };
    }
    // "Needs attention" is case-shared (it reads touchpoints and deadlines): for a case the viewer
    // holds only as program administrator it is always empty, so the filter cannot probe it.
    const sql = casesSql({ where, needsAttention: filter.needsAttention ?? undefined, cursor, limit: param(limit + 1) });
    const rows: (CaseRow & { sort_key: Date | string })[] = await this.db.query(sql, params);
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
    return openRow(row).allowedEvents(asCaseViewer(row.roles));
  }

  /** What the machine accepts now, whoever sends it (the recommendations of the case as a whole). */
  enabledEventsFor(row: CaseRow): EventType[] {
    return openRow(row).enabledEvents();
  }

  stateOf(row: CaseRow): CaseStateView {
    return openRow(row).state;
  }

  contextOf(row: CaseRow): CaseContext {
    return openRow(row).context;
  }

  /** A step of the statechart on this row, by the api itself (no policy: the caller decided); throws as the machine does. */
  stepRow(row: CaseRow, event: CaseEvent): StepResult {
    return openRow(row).step(event);
  }

  async create(viewer: Viewer, input: CreateCaseInput): Promise<CaseRow> {
    if (!can(viewer, { type: 'case.create' })) {
      throw new AppError('FORBIDDEN', 'Only mediators and program administrators can open a case.');
    }
    const id = await this.db.transaction(async (tx) => {
      let signingRule: SigningRule = 'PARTIES';
      if (input.programId) {
        const [program] = await tx.query(`SELECT id, signing_rule AS "signingRule" FROM programs WHERE id = $1 AND organisation_id = $2`, [
          input.programId,
          viewer.organisationId,
        ]);
        if (!program) throw badInput('programId', 'no program with that id in your organisation');
        signingRule = program.signingRule;
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
        // The program's rule of who signs; the parties themselves are read from participants.
        signingRule,
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
      await CaseChangeNotifier.announce(tx, caseId);
      return caseId;
    });
    return this.getForViewer(viewer, id);
  }

  /**
   * Load → policy → machine step → one compare-and-set write. The write is a single statement
   * (UPDATE … WHERE id AND version, the timeline row linked to the tip read with the case, and
   * the change notice, which PostgreSQL delivers at commit); an event that also writes records (an issue, a session outcome, a
   * touchpoint) runs it in a transaction with them. Nothing is written when any step refuses.
   */
  async transition(viewer: Viewer, caseId: string, expectedVersion: number, event: CaseEvent): Promise<CaseRow> {
    try {
      return await this.transitionOnce(viewer, caseId, expectedVersion, event, null);
    } catch (error) {
      // An edit (which may leave the version alone) appended to the timeline between our read
      // and our write. The version may still hold: take the row lock, so that nobody else can
      // append, and try again; now only a version that really moved answers VERSION_CONFLICT.
      if (!isTimelineRace(error)) throw error;
      return this.db.transaction(async (tx) => {
        await tx.query(`SELECT id FROM cases WHERE id = $1 FOR UPDATE`, [caseId]);
        return this.transitionOnce(viewer, caseId, expectedVersion, event, tx);
      });
    }
  }

  /**
   * One attempt. Without `locked` it reads outside any transaction and writes in one
   * statement (or a transaction of its own with the records it writes); with `locked`, the
   * caller's transaction already holds the case row's lock and everything runs in it.
   */
  private async transitionOnce(viewer: Viewer, caseId: string, expectedVersion: number, event: CaseEvent, locked: EntityManager | null): Promise<CaseRow> {
    if (!isUuid(caseId)) throw notFound('case');
    const readParams = [viewer.userId, viewer.organisationId, caseId];
    const [read] = locked ? await locked.query(TRANSITION_READ_SQL, readParams) : await preparedQuery(this.db, TRANSITION_READ_SQL, readParams);
    if (!read) throw notFound('case');
    const { tipSeq, tipHash, ...columns } = read as Record<string, unknown> & { tipSeq: number | null; tipHash: string | null };
    const row = toRow({ ...columns, facts: null });
    if (!can(viewer, { type: 'case.read', caseRoles: row.roles })) throw notFound('case');
    const current = openRow(row);
    if (!can(viewer, { type: 'case.transition', caseRoles: row.roles, event, context: current.context })) {
      throw new AppError('FORBIDDEN', `Your role in this case cannot send ${event.type}${'sideId' in event ? ' for that side' : ''}.`);
    }
    if (row.version !== expectedVersion) throw versionConflict();
    await this.checkReferences(locked ?? this.db.manager, caseId, event);
    const stepped = stepOrRefuse(current, event, can(viewer, { type: 'field.read', tier: 'case-shared', caseRoles: row.roles }));
    // A step that creates the pending agreement or changes its issues leaves its text to record.
    const result = await withAgreementText(locked ?? this.db.manager, caseId, stepped);
    const { payload } = summarise(event as CaseEvent & Record<string, unknown>);
    const entry = timelineValues(
      { caseId, actorUserId: viewer.userId, type: event.type, fromState: current.state, toState: result.state, payload },
      tipSeq === null ? null : ({ seq: tipSeq, hash: tipHash } as TimelineTip),
    );
    const write = moveAndAppend(entry, debriefComplete(result.next.context));
    const params = [caseId, expectedVersion, result.persisted.snapshot, result.persisted.machineVersion, result.state.resolution, result.state.litigation, ...entry];
    type Moved = { version: number; updatedAt: Date };
    const written = (rows: Moved[]) => {
      if (!rows[0]) throw versionConflict();
      return rows[0];
    };
    const inTransaction = async (tx: EntityManager) => {
      const done = written(await tx.query(write, params));
      await writeRecords(tx, caseId, event, result.effects, current.state);
      return done;
    };
    const moved = locked
      ? await inTransaction(locked)
      : writesRecords(event)
        ? await this.db.transaction(inTransaction)
        : written(await preparedQuery<Moved>(this.db, write, params));
    const next: CaseRow = {
      ...row,
      machineVersion: result.persisted.machineVersion,
      snapshot: result.persisted.snapshot,
      resolutionState: result.state.resolution,
      litigationState: result.state.litigation,
      version: moved.version,
      updatedAt: moved.updatedAt,
      facts: null,
    };
    opened.set(next, result.next);
    return next;
  }

  /**
   * A signature of the pending agreement: the signed-in person signs, as a party, or as
   * counsel for a party of their side (`forPartyId`) where the program allows it. `digest` is
   * the text they read; a text changed since is refused, and so is a wrong password.
   */
  async sign(viewer: Viewer, caseId: string, expectedVersion: number, input: { digest: string; forPartyId?: string | null }): Promise<CaseRow> {
    const row = await this.getForViewer(viewer, caseId);
    const context = this.contextOf(row);
    // Who signs is decided first, on the viewer's grants and the program's rule only: a
    // refusal for someone who may not sign says nothing about the agreement itself.
    let signer: { role: 'PARTY' | 'COUNSEL'; sideId: string; participantId: string };
    if (input.forPartyId) {
      const counsel = row.roles.find((r) => r.role === 'COUNSEL' && r.participantId);
      if (!counsel) throw new AppError('FORBIDDEN', 'Only counsel sign for a client, and only for a party of their own side.');
      if (context.signingRule !== 'PARTIES_OR_COUNSEL') {
        throw new AppError('FORBIDDEN', 'In this program every party signs in person: counsel cannot sign for a client.');
      }
      signer = { role: 'COUNSEL', sideId: counsel.sideId!, participantId: counsel.participantId! };
    } else {
      const party = row.roles.find((r) => r.role === 'PARTY' && r.participantId);
      if (!party) {
        throw new AppError(
          'FORBIDDEN',
          context.signingRule === 'PARTIES_OR_COUNSEL'
            ? 'Only the parties sign for themselves; as counsel, sign for a client of your side.'
            : 'Only the parties sign, each in person: in this program counsel cannot sign for a client.',
        );
      }
      signer = { role: 'PARTY', sideId: party.sideId!, participantId: party.participantId! };
    }
    const pending = pendingAgreement(context);
    if (!pending) throw new AppError('INVALID_TRANSITION', 'There is no written agreement waiting for signatures on this case.');
    if (!pending.text || pending.text.digest !== input.digest) {
      throw new AppError('INVALID_TRANSITION', 'The text of the agreement changed since you read it. Read it again, then sign.');
    }
    const event: CaseEvent =
      signer.role === 'COUNSEL'
        ? { type: 'SIGN_AGREEMENT_FOR_CLIENT', sideId: signer.sideId, partyId: input.forPartyId!, signerId: signer.participantId, digest: input.digest }
        : { type: 'SIGN_AGREEMENT', sideId: signer.sideId, partyId: signer.participantId, digest: input.digest };
    return this.transition(viewer, caseId, expectedVersion, event);
  }

  /** Ids an event names must belong to this case. */
  private async checkReferences(manager: EntityManager, caseId: string, event: CaseEvent): Promise<void> {
    if (event.type === 'ASSIGN_OUTREACH_OWNER') {
      const [owner] = await manager.query(`SELECT id FROM participants WHERE id = $1 AND case_id = $2`, [isUuid(event.ownerId) ? event.ownerId : null, caseId]);
      if (!owner) throw badInput('event.assignOutreachOwner.ownerId', 'the owner must be a participant of this case');
    }
  }
}

/**
 * The stored snapshot with each side's parties as the participants table has them now: the
 * people who must sign are never a stale copy (a party who joins counts at once).
 */
function persisted(row: Pick<CaseRow, 'machineVersion' | 'snapshot' | 'parties'>) {
  const context = row.snapshot.context as { sides?: { id: string }[] } | undefined;
  if (!context || !Array.isArray(context.sides)) return { machineVersion: row.machineVersion, snapshot: row.snapshot };
  const sides = context.sides.map((side) => ({
    ...side,
    partyIds: (row.parties ?? []).filter(([sideId]) => sideId === side.id).map(([, participantId]) => participantId).sort(),
  }));
  return { machineVersion: row.machineVersion, snapshot: { ...row.snapshot, context: { ...context, sides } } };
}

/** Each row's snapshot restored at most once: the state, context, allowed events and step all read it. */
const opened = new WeakMap<CaseRow, OpenCase>();

function openRow(row: CaseRow): OpenCase {
  let open = opened.get(row);
  if (!open) {
    open = openCase(persisted(row));
    opened.set(row, open);
  }
  return open;
}

type RecordWriter<T extends EventType> = (
  tx: EntityManager,
  caseId: string,
  event: Extract<CaseEvent, { type: T }>,
  effects: readonly Effect[],
  before: CaseStateView,
) => Promise<void>;

/**
 * The session whose outcome an event records (the latest without one, of the process the case
 * was in), and what follows it (debrief, report to the court).
 */
async function recordSessionOutcome(
  tx: EntityManager,
  caseId: string,
  event: Extract<CaseEvent, { type: 'RECORD_OUTCOME' | 'RECORD_SESSION_NOT_HELD' | 'RECORD_ADR_OUTCOME' }>,
  effects: readonly Effect[],
  before: CaseStateView,
): Promise<void> {
  const updated: unknown[] = await tx.query(
    `UPDATE mediation_sessions SET outcome = $2, updated_at = now()
      WHERE id = (SELECT id FROM mediation_sessions WHERE case_id = $1 AND outcome IS NULL AND process = $3 ORDER BY starts_at DESC LIMIT 1)
      RETURNING id, starts_at AS "startsAt"`,
    [caseId, event.type === 'RECORD_SESSION_NOT_HELD' ? 'NOT_HELD' : event.outcome, processOfState(before.resolution)],
  );
  const [session] = (Array.isArray(updated[0]) ? updated[0] : updated) as { id: string; startsAt: Date }[];
  // The debrief (partial or no agreement) and the report to the court (court-ordered).
  await afterSessionOutcome(tx, caseId, event, effects, session ?? null);
}

/**
 * The rows an event writes beside the snapshot, in the transaction of its transition. An event
 * listed here runs its compare-and-set write in a transaction with them; any other, alone.
 */
const RECORD_WRITERS: { readonly [T in EventType]?: RecordWriter<T> } = {
  ADD_ISSUE: async (tx, caseId, event) => {
    await tx.query(
      `INSERT INTO issues (id, case_id, label, position)
       VALUES ($1, $2, $3, (SELECT COALESCE(max(position) + 1, 0) FROM issues WHERE case_id = $2))`,
      [event.issueId, caseId, event.label.trim()],
    );
  },
  RECORD_OUTCOME: recordSessionOutcome,
  RECORD_SESSION_NOT_HELD: recordSessionOutcome,
  RECORD_ADR_OUTCOME: recordSessionOutcome,
  // When the reason was recorded, for the program reports' stall table (reporting/stalls.ts).
  RECORD_STALL_REASON: async (tx, caseId, event) => {
    await tx.query(RECORD_STALL_REASON_SQL, [caseId, event.reason]);
  },
  ASSIGN_OUTREACH_OWNER: async (tx, caseId, event) => {
    await tx.query(`UPDATE deadlines SET done_at = now(), updated_at = now() WHERE case_id = $1 AND kind = 'NEXT_TOUCHPOINT' AND done_at IS NULL`, [caseId]);
    await tx.query(
      `INSERT INTO deadlines (case_id, kind, title, due_at, source, owner_participant_id)
       VALUES ($1, 'NEXT_TOUCHPOINT', 'Next touchpoint', ($2::date + time '17:00') AT TIME ZONE 'UTC', 'MEDIATOR', $3)`,
      [caseId, event.touchpointDate, event.ownerId],
    );
  },
};

const writesRecords = (event: CaseEvent): boolean => RECORD_WRITERS[event.type] !== undefined;

function writeRecords(tx: EntityManager, caseId: string, event: CaseEvent, effects: readonly Effect[], before: CaseStateView): Promise<void> {
  const write = RECORD_WRITERS[event.type] as RecordWriter<EventType> | undefined;
  return write ? write(tx, caseId, event as never, effects, before) : Promise.resolve();
}

/**
 * The compare-and-set write of a transition, one statement: `$1` case, `$2` expected version,
 * `$3`–`$6` the new snapshot and states, `$7`… the timeline row (`timelineValues`: its columns,
 * then the seal of the new head, set on the case here). No row comes back when the version moved on. The new row's seq follows the tip read with the case,
 * so a row appended since then makes UNIQUE (case_id, seq) refuse the whole statement.
 * When the step completed the debrief, the open debrief is closed in the same statement. The
 * change notice goes out from the same statement, so only a write that happened announces.
 */
function moveAndAppend(entry: unknown[], closesDebrief: boolean): string {
  const values = entry.slice(0, TIMELINE_COLUMN_COUNT).map((_, i) => `$${7 + i}`).join(', ');
  const seal = `$${7 + TIMELINE_COLUMN_COUNT}`;
  return `
    WITH moved AS (
      UPDATE cases
         SET snapshot = $3, machine_version = $4, resolution_state = $5, litigation_state = $6,
             version = version + 1, updated_at = now(), timeline_head_seq = $8, timeline_seal = ${seal}
       WHERE id = $1 AND version = $2
      RETURNING id, version, updated_at
    ), appended AS (
      INSERT INTO case_events (${TIMELINE_COLUMNS}) SELECT ${values} FROM moved RETURNING case_id
    ), announced AS (
      ${CaseChangeNotifier.announceCte('moved')}
    )${
      closesDebrief
        ? `, closed AS (
      UPDATE debriefs SET completed_at = now() WHERE case_id = $1 AND completed_at IS NULL AND EXISTS (SELECT 1 FROM moved)
    )`
        : ''
    }
    SELECT moved.version, moved.updated_at AS "updatedAt" FROM moved JOIN appended ON appended.case_id = moved.id CROSS JOIN announced`;
}

/**
 * The machine's step, its refusals as GraphQL errors. A refusal names the rules that refused;
 * for a viewer who may not read the case-shared tier (a program administrator), one whose rules
 * read more than the court-reportable context says only that the case cannot take the event in
 * its state, so that its text tells them nothing their tier does not.
 */
/**
 * The step, with the pending agreement's text recorded from the tables when the step left it
 * unrecorded or different (one more machine step, in the same write and version).
 */
async function withAgreementText(manager: EntityManager, caseId: string, result: StepResult & { next: OpenCase }): Promise<StepResult & { next: OpenCase }> {
  const recording = await textRecording(manager, caseId, result.next.context);
  if (!recording) return result;
  const recorded = result.next.step(recording);
  return { ...recorded, effects: [...result.effects, ...recorded.effects] };
}

function stepOrRefuse(current: OpenCase, event: CaseEvent, readsCaseShared: boolean) {
  try {
    return current.step(event);
  } catch (error) {
    if (error instanceof CaseMachineError) {
      if (error.code === 'INVALID_TRANSITION') {
        const explained = readsCaseShared || readsOnlyCourtReportable(error.failedGuards);
        throw new AppError('INVALID_TRANSITION', explained ? error.message : `${event.type} is not possible while the case is in ${formatState(current.state)}.`);
      }
      if (error.code === 'INVALID_EVENT') throw badInput('event', error.message);
    }
    throw error;
  }
}

/** The unique (case_id, seq) refused the timeline row: another writer appended first. */
function isTimelineRace(error: unknown): boolean {
  const e = error as { code?: string; constraint?: string; driverError?: { code?: string; constraint?: string } };
  const code = e.code ?? e.driverError?.code;
  const constraint = e.constraint ?? e.driverError?.constraint;
  return code === '23505' && constraint === 'case_events_case_id_seq_key';
}

const versionConflict = () =>
  new AppError('VERSION_CONFLICT', 'Someone changed this case since you loaded it. Reload it to see the change, then try again.');

export function toRow(raw: object): CaseRow {
  const { sort_key: _sortKey, nextDeadlineAt, needsAttention, facts, ...row } = raw as Record<string, unknown>;
  return {
    ...(row as unknown as CaseRow),
    roles: (row.roles ?? []) as CaseRoleGrant[],
    facts:
      facts === null
        ? null
        : { nextDeadlineAt: (nextDeadlineAt ?? null) as Date | null, needsAttention: (needsAttention ?? []) as AttentionReason[] },
  };
}

/** The cursor carries the row's sort key: its next deadline only for a viewer who may read it (as casesSql orders). */
export function encodeCursor(viewer: Viewer | null, row: CaseRow): string {
  const next = can(viewer, { type: 'field.read', tier: CASE_FIELD_TIERS.nextDeadlineAt, caseRoles: row.roles }) ? row.facts?.nextDeadlineAt : null;
  const key = next ? new Date(next).toISOString() : 'infinity';
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

