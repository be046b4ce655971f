import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { Viewer } from '../auth/viewer.js';
import { CaseEditor } from '../cases/case-edit.js';
import { isUuid, type CaseRow } from '../cases/cases.service.js';
import type { EditEntry } from '../cases/timeline-entries.js';
import { AppError, badInput, notFound } from '../common/errors.js';
import { can } from '../policy/policy.js';
import { conflictInquiry } from './conflict-inquiry.js';

/**
 * The conflict check (UMA §9). Proposing a mediator runs the inquiry (conflict-inquiry.ts)
 * and stores what it found. With findings, the disclosure is put before the sides
 * (`Case.mediatorAssignment`, status DISCLOSED) and the mediator joins the case only once
 * every active side acknowledged it. With no findings there is nothing to disclose: the
 * assignment takes effect at once (the timeline still records that an inquiry ran and found
 * nothing), so a case whose sides have nobody on them yet is not stalled by an empty notice.
 *
 * Every write goes through the edit envelope (`cases/case-edit.ts`): lock, read, policy,
 * write, timeline, notice.
 */
@Injectable()
export class MediatorAssignmentsService {
  constructor(
    @Inject(DataSource) private readonly db: DataSource,
    private readonly editor: CaseEditor,
  ) {}

  propose(viewer: Viewer, caseId: string, userId: string): Promise<CaseRow> {
    return this.editor.editCase(viewer, caseId, {
      authorize: ({ actor, row }) => {
        if (!can(actor, { type: 'case.proposeMediator', caseRoles: row.roles })) {
          throw new AppError('FORBIDDEN', "Only the case's program administrator or mediator can propose a mediator.");
        }
      },
      write: async ({ tx, actor }) => {
        const [candidate]: { id: string; name: string; organisationId: string; orgRole: string }[] = isUuid(userId)
          ? await tx.query(`SELECT id, display_name AS name, organisation_id AS "organisationId", org_role AS "orgRole" FROM users WHERE id = $1`, [userId])
          : [];
        // One sentence whether the id is unknown, in another organisation, or not a mediator.
        if (!candidate || !can(actor, { type: 'mediator.propose', candidate })) throw badInput('userId', 'choose a mediator of your organisation');
        const here: { role: string }[] = await tx.query(`SELECT role FROM participants WHERE case_id = $1 AND user_id = $2`, [caseId, candidate.id]);
        if (here.some((p) => p.role === 'MEDIATOR')) throw badInput('userId', `${candidate.name} is already a mediator of this case`);
        if (here.length > 0) throw badInput('userId', `${candidate.name} already holds a role in this case and cannot be its neutral`);

        // A new proposal replaces one still awaiting acknowledgement.
        await tx.query(
          `UPDATE mediator_assignments SET status = 'WITHDRAWN', updated_at = now() WHERE case_id = $1 AND status IN ('PROPOSED','DISCLOSED')`,
          [caseId],
        );
        const findings = await conflictInquiry(tx, caseId, candidate);
        const takesEffect = findings.length === 0;
        const [assignment] = await tx.query(
          `INSERT INTO mediator_assignments (case_id, mediator_user_id, status, findings, proposed_by, accepted_at)
           VALUES ($1, $2, $3, $4::jsonb, $5, CASE WHEN $6::boolean THEN now() END) RETURNING id`,
          [caseId, candidate.id, takesEffect ? 'ACCEPTED' : 'DISCLOSED', JSON.stringify(findings), actor.userId, takesEffect],
        );
        // The findings' text is in the disclosure itself; the timeline carries their count only.
        const entries: EditEntry[] = [{ type: 'MEDIATOR_PROPOSED', payload: { findings: findings.length } }];
        if (takesEffect) entries.push(await assign(tx, caseId, assignment.id, candidate.id));
        return { entries, result: undefined };
      },
    });
  }

  /** The mediators of the viewer's own organisation, by name: whom a mediator or program administrator can propose. */
  async mediatorsOfOrganisation(viewer: Viewer): Promise<{ id: string; displayName: string }[]> {
    if (!can(viewer, { type: 'mediator.list', organisationId: viewer.organisationId })) {
      throw new AppError('FORBIDDEN', "Only your organisation's mediators and program administrators can list its mediators.");
    }
    return this.db.query(
      `SELECT id, display_name AS "displayName" FROM users WHERE organisation_id = $1 AND org_role = 'MEDIATOR' ORDER BY display_name, id`,
      [viewer.organisationId],
    );
  }

  acknowledge(viewer: Viewer, caseId: string, sideId: string): Promise<CaseRow> {
    return this.editor.editCase(viewer, caseId, {
      authorize: ({ actor, row, context }) => {
        // Another side's id answers like an id that does not exist.
        if (!isUuid(sideId) || !can(actor, { type: 'case.acknowledgeDisclosure', caseRoles: row.roles, sideId })) throw notFound('side');
        if (!context.sides.some((s) => s.id === sideId)) throw notFound('side');
      },
      write: async ({ tx, actor, context }) => {
        const activeSides = context.sides.filter((s) => s.status === 'ACTIVE').map((s) => s.id);
        if (!activeSides.includes(sideId)) {
          throw new AppError('INVALID_TRANSITION', 'Your side is no longer active in this case, so its acknowledgement is not needed.');
        }
        const [assignment]: { id: string; mediatorUserId: string }[] = await tx.query(
          `SELECT id, mediator_user_id AS "mediatorUserId" FROM mediator_assignments WHERE case_id = $1 AND status IN ('PROPOSED','DISCLOSED') FOR UPDATE`,
          [caseId],
        );
        if (!assignment) throw new AppError('INVALID_TRANSITION', 'No mediator disclosure is awaiting acknowledgement on this case.');
        const inserted: unknown[] = await tx.query(
          `INSERT INTO mediator_assignment_acks (assignment_id, side_id, acknowledged_by) VALUES ($1, $2, $3)
           ON CONFLICT (assignment_id, side_id) DO NOTHING RETURNING side_id`,
          [assignment.id, sideId, actor.userId],
        );
        if (inserted.length === 0) throw new AppError('BAD_USER_INPUT', 'Your side already acknowledged this disclosure.');
        const entries: EditEntry[] = [{ type: 'MEDIATOR_DISCLOSURE_ACKNOWLEDGED', payload: { sideId } }];
        const acked: { sideId: string }[] = await tx.query(`SELECT side_id AS "sideId" FROM mediator_assignment_acks WHERE assignment_id = $1`, [assignment.id]);
        const accepted = activeSides.every((id) => acked.some((a) => a.sideId === id));
        if (accepted) {
          await tx.query(`UPDATE mediator_assignments SET status = 'ACCEPTED', accepted_at = now(), updated_at = now() WHERE id = $1`, [assignment.id]);
          entries.push(await assign(tx, caseId, assignment.id, assignment.mediatorUserId));
        }
        return { entries, result: undefined };
      },
    });
  }
}

/** The assignment takes effect: the mediator joins the case, in the edit's transaction. */
async function assign(tx: EntityManager, caseId: string, assignmentId: string, mediatorUserId: string): Promise<EditEntry> {
  await tx.query(`INSERT INTO participants (case_id, user_id, role) VALUES ($1, $2, 'MEDIATOR') ON CONFLICT (case_id, user_id) DO NOTHING`, [
    caseId,
    mediatorUserId,
  ]);
  // One role per case: someone who meanwhile took another role on it cannot become its neutral.
  const [participant] = await tx.query(`SELECT id FROM participants WHERE case_id = $1 AND user_id = $2 AND role = 'MEDIATOR'`, [caseId, mediatorUserId]);
  if (!participant) throw badInput('userId', 'that mediator now holds another role in this case and cannot be its neutral');
  return { type: 'MEDIATOR_ASSIGNED', payload: { assignmentId, participantId: participant.id } };
}
