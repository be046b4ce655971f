import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { CaseContext, CaseEvent, CaseStateView, StepResult } from '@impasse/case-machine';
import type { Viewer } from '../auth/viewer.js';
import { notFound } from '../common/errors.js';
import { CaseChangeNotifier } from './case-change.notifier.js';
import { LOCKED_CASE_SQL } from './case-sql.js';
import { CasesService, isUuid, toRow, type CaseRow } from './cases.service.js';
import { summarise } from './dto/case-event.input.js';
import { VERSION_MOVING_EDITS, type EditEntry } from './timeline-entries.js';
import { appendEvent } from './timeline.js';

/** What an edit sees: the case and the actor's roles, read after the case row was locked. */
export interface EditScope {
  tx: EntityManager;
  actor: Viewer;
  row: CaseRow;
  context: CaseContext;
  state: CaseStateView;
}

/** What an edit did, for the envelope to record. */
export interface EditOutcome<R> {
  /** The timeline entries of the edit, in order; none for an edit that changed nothing. */
  entries: EditEntry[];
  /**
   * A step of the statechart the edit took (the agreement's text changed): stored, version + 1,
   * and its event on the timeline as a row of its own after the edit's entries.
   */
  step?: { event: CaseEvent; result: StepResult };
  result: R;
  /** Who the timeline names, when not the actor (an invitation's new account joining). */
  actorUserId?: string;
}

/** The actor of an edit by someone not signed in (an invitation being accepted): no account yet. */
export const NOBODY: Viewer = {
  userId: '00000000-0000-0000-0000-000000000000',
  organisationId: '00000000-0000-0000-0000-000000000000',
  email: '',
  displayName: '',
  orgRole: 'MEMBER',
  sessionId: '',
};

export interface EditSpec<R> {
  /**
   * Whether the actor may make this edit, decided on what was read under the lock: throw the
   * refusal (FORBIDDEN, NOT_FOUND) here. Runs before `write`.
   */
  authorize(scope: EditScope): void;
  write(scope: EditScope): Promise<EditOutcome<R>>;
  /**
   * The actor need not be on the case yet (accepting an invitation): their roles are read
   * like anyone's, possibly none, and `authorize` alone decides. Default: NOT_FOUND for a case
   * the actor is not on, as everywhere.
   */
  outsider?: boolean;
}

/**
 * The one way to edit a case outside a transition. In one transaction: lock the case row,
 * read its snapshot and the actor's roles under the lock, `authorize` (the policy), `write`,
 * store a statechart step if the edit took one, append the edit's typed timeline entries
 * (linked to the tip read under the same lock, so their states are the case's current ones),
 * and announce the change with `pg_notify`, which PostgreSQL delivers at commit and never
 * before (a crash between commit and a later NOTIFY would lose it). No edit path opens a
 * transaction of its own.
 */
@Injectable()
export class CaseEditor {
  constructor(
    @Inject(DataSource) private readonly db: DataSource,
    private readonly cases: CasesService,
  ) {}

  async edit<R>(actor: Viewer, caseId: string, spec: EditSpec<R>): Promise<R> {
    if (!isUuid(caseId)) throw notFound('case');
    return this.db.transaction(async (tx) => {
      const [raw] = await tx.query(LOCKED_CASE_SQL, [actor.userId, caseId]);
      if (!raw) throw notFound('case');
      const row = toRow(raw);
      if (!spec.outsider && (row.organisationId !== actor.organisationId || row.roles.length === 0)) throw notFound('case');
      const scope: EditScope = { tx, actor, row, context: this.cases.contextOf(row), state: this.cases.stateOf(row) };
      spec.authorize(scope);
      const outcome = await spec.write(scope);
      const { entries, step } = outcome;
      if (entries.length === 0 && !step) return outcome.result;
      // Each entry that changes who is on the case moves the version, and so does a step: the
      // timeline verifier counts exactly these rows against the version.
      const moves = entries.filter((e) => (VERSION_MOVING_EDITS as readonly string[]).includes(e.type)).length + (step ? 1 : 0);
      if (step) {
        const { persisted, state } = step.result;
        await tx.query(
          `UPDATE cases SET snapshot = $2, machine_version = $3, resolution_state = $4, litigation_state = $5,
                  version = version + $6, updated_at = now() WHERE id = $1`,
          [caseId, persisted.snapshot, persisted.machineVersion, state.resolution, state.litigation, moves],
        );
      } else {
        await tx.query(`UPDATE cases SET updated_at = now(), version = version + $2 WHERE id = $1`, [caseId, moves]);
      }
      const actorUserId = outcome.actorUserId ?? actor.userId;
      for (const entry of entries) {
        await appendEvent(tx, { caseId, actorUserId, type: entry.type, fromState: scope.state, toState: scope.state, payload: entry.payload });
      }
      if (step) {
        const { payload } = summarise(step.event as CaseEvent & Record<string, unknown>);
        await appendEvent(tx, { caseId, actorUserId, type: step.event.type, fromState: scope.state, toState: step.result.state, payload });
      }
      await CaseChangeNotifier.announce(tx, caseId);
      return outcome.result;
    });
  }

  /** `edit`, then the case as the actor now sees it (read after commit, with its facts). */
  async editCase(actor: Viewer, caseId: string, spec: EditSpec<unknown>): Promise<CaseRow> {
    await this.edit(actor, caseId, spec);
    return this.cases.getForViewer(actor, caseId);
  }
}
