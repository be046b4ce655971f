import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { CaseContext, CaseStateView, StepResult } from '@impasse/case-machine';
import type { Viewer } from '../auth/viewer.js';
import { notFound } from '../common/errors.js';
import { CaseChangeNotifier } from './case-change.notifier.js';
import { LOCKED_CASE_SQL } from './case-sql.js';
import { CasesService, isUuid, toRow, type CaseRow } from './cases.service.js';
import type { EditEntry } from './timeline-entries.js';
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
  /** A step of the statechart the edit took (signatories, agreement text): stored, version + 1. */
  step?: StepResult;
  /**
   * The version moves although the snapshot did not: who is on the case changed, and a
   * transition prepared before that (its policy check read the old roles) must not land.
   */
  bumpVersion?: boolean;
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
      if (outcome.entries.length === 0 && !outcome.step && !outcome.bumpVersion) return outcome.result;
      const toState = outcome.step?.state ?? scope.state;
      if (outcome.step) {
        const { persisted, state } = outcome.step;
        await tx.query(
          `UPDATE cases SET snapshot = $2, machine_version = $3, resolution_state = $4, litigation_state = $5,
                  version = version + 1, updated_at = now() WHERE id = $1`,
          [caseId, persisted.snapshot, persisted.machineVersion, state.resolution, state.litigation],
        );
      } else {
        await tx.query(`UPDATE cases SET updated_at = now()${outcome.bumpVersion ? ', version = version + 1' : ''} WHERE id = $1`, [caseId]);
      }
      for (const [index, entry] of outcome.entries.entries()) {
        await appendEvent(tx, {
          caseId,
          actorUserId: outcome.actorUserId ?? actor.userId,
          type: entry.type,
          // The first entry records the move, if any; the rest happen in the state it reached.
          fromState: index === 0 ? scope.state : toState,
          toState,
          payload: entry.payload,
        });
      }
      await tx.query('SELECT pg_notify($1, $2)', [CaseChangeNotifier.CHANNEL, caseId]);
      return outcome.result;
    });
  }

  /** `edit`, then the case as the actor now sees it (read after commit, with its facts). */
  async editCase(actor: Viewer, caseId: string, spec: EditSpec<unknown>): Promise<CaseRow> {
    await this.edit(actor, caseId, spec);
    return this.cases.getForViewer(actor, caseId);
  }
}
