import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Viewer } from '../auth/viewer.js';
import { AppError, badInput, notFound } from '../common/errors.js';
import { can, type Action } from '../policy/policy.js';
import { CaseEditor, type EditScope } from './case-edit.js';
import { pendingAgreement, validSignatures } from '@impasse/case-machine';
import { textRecording } from './agreement-text.js';
import { CasesService, isUuid, type CaseRow } from './cases.service.js';
import { processOfState } from './court-filing.js';
import type {
  AgreementTermsInput,
  DeadlineInput,
  RecordAttendanceInput,
  SessionInput,
  UpdateDeadlineInput,
  UpdateIssueInput,
  UpdateSessionInput,
} from './dto/records.input.js';
import type { EditEntry } from './timeline-entries.js';

type EditAction = Extract<Action, { type: 'case.editRecords' | 'case.editSessions' }>['type'];

/**
 * The working records around a case that are not statechart state: issue details,
 * sessions and attendance, deadlines, agreement terms. Each goes through the edit envelope
 * (`case-edit.ts`) and notes itself on the timeline (without confidential text).
 */
@Injectable()
export class CaseRecordsService {
  constructor(
    private readonly editor: CaseEditor,
    private readonly cases: CasesService,
  ) {}

  updateIssue(viewer: Viewer, caseId: string, issueId: string, input: UpdateIssueInput): Promise<CaseRow> {
    return this.edit(viewer, caseId, 'case.editRecords', async (tx, { context }) => {
      const [issue] = await tx.query(`SELECT id FROM issues WHERE id = $1 AND case_id = $2`, [uuidOrNull(issueId), caseId]);
      if (!issue) throw notFound('issue');
      if (input.label === undefined && input.description === undefined) throw badInput('input', 'change the label or the description');
      // The label and description of an agreed issue are part of the agreement's text.
      if (context.agreements.some((a) => a.status === 'BINDING' && a.issueIds.includes(issueId))) {
        throw new AppError('INVALID_TRANSITION', 'That issue is in a binding agreement: its words can no longer change.');
      }
      await tx.query(
        `UPDATE issues SET label = COALESCE($3, label), description = CASE WHEN $4::boolean THEN NULLIF($5, '') ELSE description END, updated_at = now()
          WHERE id = $1 AND case_id = $2`,
        [issueId, caseId, input.label?.trim() ?? null, input.description !== undefined, input.description?.trim() ?? null],
      );
      return { type: 'ISSUE_EDITED', payload: { issueId } };
    });
  }

  /** A session of the process the case is in: a settlement conference's or an evaluation's while the case is in one, else a mediation's. */
  scheduleSession(viewer: Viewer, caseId: string, input: SessionInput): Promise<CaseRow> {
    return this.edit(viewer, caseId, 'case.editSessions', async (tx, { state }) => {
      const [row] = await tx.query(`INSERT INTO mediation_sessions (case_id, starts_at, format, process) VALUES ($1, $2, $3, $4) RETURNING id`, [
        caseId,
        input.startsAt,
        input.format,
        processOfState(state.resolution),
      ]);
      return { type: 'SESSION_SCHEDULED', payload: { sessionId: row.id, startsAt: input.startsAt.toISOString(), format: input.format } };
    });
  }

  updateSession(viewer: Viewer, caseId: string, sessionId: string, input: UpdateSessionInput): Promise<CaseRow> {
    return this.edit(viewer, caseId, 'case.editSessions', async (tx) => {
      await this.requireSession(tx, caseId, sessionId);
      await tx.query(
        `UPDATE mediation_sessions SET starts_at = COALESCE($3, starts_at), format = COALESCE($4, format), updated_at = now() WHERE id = $1 AND case_id = $2`,
        [sessionId, caseId, input.startsAt ?? null, input.format ?? null],
      );
      return { type: 'SESSION_CHANGED', payload: { sessionId } };
    });
  }

  recordAttendance(viewer: Viewer, caseId: string, sessionId: string, input: RecordAttendanceInput): Promise<CaseRow> {
    return this.edit(viewer, caseId, 'case.editSessions', async (tx) => {
      await this.requireSession(tx, caseId, sessionId);
      const ids = input.attendance.map((a) => a.participantId);
      if (new Set(ids).size !== ids.length) throw badInput('attendance', 'list each participant once');
      const known: { id: string }[] = await tx.query(`SELECT id FROM participants WHERE case_id = $1 AND id = ANY($2)`, [caseId, ids]);
      const unknown = ids.filter((id) => !known.some((k) => k.id === id));
      if (unknown.length > 0) throw badInput('attendance.participantId', `not participants of this case: ${unknown.join(', ')}`);
      for (const a of input.attendance) {
        await tx.query(
          `INSERT INTO session_attendance (session_id, participant_id, attended, authority_to_settle) VALUES ($1, $2, $3, $4)
           ON CONFLICT (session_id, participant_id) DO UPDATE SET attended = EXCLUDED.attended, authority_to_settle = EXCLUDED.authority_to_settle`,
          [sessionId, a.participantId, a.attended, a.authorityToSettle],
        );
      }
      return { type: 'ATTENDANCE_RECORDED', payload: { sessionId } };
    });
  }

  addDeadline(viewer: Viewer, caseId: string, input: DeadlineInput): Promise<CaseRow> {
    return this.edit(viewer, caseId, 'case.editRecords', async (tx) => {
      if (input.ownerParticipantId) await this.requireParticipant(tx, caseId, input.ownerParticipantId);
      const [row] = await tx.query(
        `INSERT INTO deadlines (case_id, kind, title, due_at, source, owner_participant_id) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
        [caseId, input.kind, input.title.trim(), input.dueAt, input.source, input.ownerParticipantId ?? null],
      );
      return { type: 'DEADLINE_ADDED', payload: { deadlineId: row.id, kind: input.kind, dueAt: input.dueAt.toISOString() } };
    });
  }

  updateDeadline(viewer: Viewer, caseId: string, deadlineId: string, input: UpdateDeadlineInput): Promise<CaseRow> {
    return this.edit(viewer, caseId, 'case.editRecords', async (tx) => {
      const [deadline] = await tx.query(`SELECT id FROM deadlines WHERE id = $1 AND case_id = $2`, [uuidOrNull(deadlineId), caseId]);
      if (!deadline) throw notFound('deadline');
      if (input.ownerParticipantId) await this.requireParticipant(tx, caseId, input.ownerParticipantId);
      await tx.query(
        `UPDATE deadlines SET title = COALESCE($3, title), due_at = COALESCE($4, due_at),
                owner_participant_id = COALESCE($5, owner_participant_id),
                done_at = CASE WHEN $6::boolean IS NULL THEN done_at WHEN $6 THEN COALESCE(done_at, now()) ELSE NULL END,
                updated_at = now()
          WHERE id = $1 AND case_id = $2`,
        [deadlineId, caseId, input.title?.trim() ?? null, input.dueAt ?? null, input.ownerParticipantId ?? null, input.done ?? null],
      );
      return { type: input.done ? 'DEADLINE_DONE' : 'DEADLINE_CHANGED', payload: { deadlineId } };
    });
  }

  setAgreementTerms(viewer: Viewer, caseId: string, input: AgreementTermsInput): Promise<CaseRow> {
    return this.edit(viewer, caseId, 'case.editRecords', async (tx, { context }) => {
      const agreement = context.agreements.find((a) => a.issueIds.includes(input.issueId));
      if (!agreement) throw badInput('issueId', 'that issue is not part of a written agreement of this case');
      if (agreement.status === 'BINDING') {
        throw new AppError('INVALID_TRANSITION', 'That agreement is binding: its terms can no longer change.');
      }
      await tx.query(
        `INSERT INTO agreement_terms (case_id, issue_id, terms) VALUES ($1, $2, $3)
         ON CONFLICT (case_id, issue_id) DO UPDATE SET terms = EXCLUDED.terms, updated_at = now()`,
        [caseId, input.issueId, input.terms.trim()],
      );
      // The terms themselves are a mediation communication: the timeline names the issue only.
      // The count of voided signatures is added by the envelope's text step below.
      return { type: 'AGREEMENT_TERMS_EDITED', payload: { issueId: input.issueId, agreementId: agreement.id, signaturesVoided: 0 } };
    });
  }

  /** Through the edit envelope: lock, read, the policy for `action`, write, one timeline entry. */
  private edit(viewer: Viewer, caseId: string, action: EditAction, write: (tx: EntityManager, scope: EditScope) => Promise<EditEntry>): Promise<CaseRow> {
    return this.editor.editCase(viewer, caseId, {
      authorize: ({ actor, row }) => {
        if (!can(actor, { type: action, caseRoles: row.roles })) {
          throw new AppError('FORBIDDEN', action === 'case.editSessions' ? 'Only the mediator records sessions.' : 'Your role in this case cannot change its records.');
        }
      },
      write: async (scope) => {
        const entry = await write(scope.tx, scope);
        // An edit of the text of the pending agreement (its terms, an issue's words) records the
        // new text in the statechart: every signature of the old text is void from now on.
        const recording = await textRecording(scope.tx, caseId, scope.context);
        if (!recording) return { entries: [entry], result: undefined };
        const pending = pendingAgreement(scope.context)!;
        const voided = validSignatures(pending).length;
        const noted: EditEntry = entry.type === 'AGREEMENT_TERMS_EDITED' ? { ...entry, payload: { ...entry.payload, signaturesVoided: voided } } : entry;
        return { entries: [noted], step: { event: recording, result: this.cases.stepRow(scope.row, recording) }, result: undefined };
      },
    });
  }

  private async requireSession(tx: EntityManager, caseId: string, sessionId: string): Promise<void> {
    const [session] = await tx.query(`SELECT id FROM mediation_sessions WHERE id = $1 AND case_id = $2`, [uuidOrNull(sessionId), caseId]);
    if (!session) throw notFound('session');
  }

  private async requireParticipant(tx: EntityManager, caseId: string, participantId: string): Promise<void> {
    const [p] = await tx.query(`SELECT id FROM participants WHERE id = $1 AND case_id = $2`, [participantId, caseId]);
    if (!p) throw badInput('ownerParticipantId', 'the owner must be a participant of this case');
  }
}

const uuidOrNull = (id: string) => (isUuid(id) ? id : null);
