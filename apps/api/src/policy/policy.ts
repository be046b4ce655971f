import { viewerMaySend, type CaseContext, type CaseEvent, type CaseRoleGrant, type CaseViewer } from '@impasse/case-machine';
import type { Viewer } from '../auth/viewer.js';
import { mayReadTier, type FieldReadTarget } from './tiers.js';

/**
 * The one place that decides who may do what. Guards, resolvers and services ask `can`;
 * none of them decides on its own. Case roles come from participation in the case.
 */
export type Action =
  | { type: 'case.create' }
  | { type: 'case.read'; caseRoles: readonly CaseRoleGrant[] }
  | { type: 'case.transition'; caseRoles: readonly CaseRoleGrant[]; event: CaseEvent; context: Pick<CaseContext, 'sides'> }
  /** Issue details, deadlines, agreement terms: the case's working records. */
  | { type: 'case.editRecords'; caseRoles: readonly CaseRoleGrant[] }
  /** Mediation sessions and their attendance: the mediator's record. */
  | { type: 'case.editSessions'; caseRoles: readonly CaseRoleGrant[] }
  /** Read the recommended next paths: mediator and counsel. */
  | { type: 'case.nextSteps'; caseRoles: readonly CaseRoleGrant[] }
  /** Tick the neutral process checklist (case-shared): the mediator and every side's counsel and parties. */
  | { type: 'case.tickProcess'; caseRoles: readonly CaseRoleGrant[] }
  /** Tick a side's strategy checklist (side-private): that side's counsel and parties; without a side, whether the viewer has one. */
  | { type: 'case.tickStrategy'; caseRoles: readonly CaseRoleGrant[]; sideId?: string }
  /** Invite counsel or a party to a side of the case (by link). */
  | { type: 'case.invite'; caseRoles: readonly CaseRoleGrant[] }
  /** Propose a mediator for the case (runs the conflict inquiry): its program administrator or current mediator. */
  | { type: 'case.proposeMediator'; caseRoles: readonly CaseRoleGrant[] }
  /** Whether a user may be proposed as mediator: a mediator of the proposer's own organisation. */
  | { type: 'mediator.propose'; candidate: { organisationId: string; orgRole: string } }
  /** List the mediators of the viewer's own organisation (to choose whom to propose): its mediators and program administrators. */
  | { type: 'mediator.list'; organisationId: string }
  /** Acknowledge a mediator's conflict disclosure for a side: that side's counsel or parties only. */
  | { type: 'case.acknowledgeDisclosure'; caseRoles: readonly CaseRoleGrant[]; sideId: string }
  /** Read a field of a case: its tier decides (tiers.ts), with the side or author it belongs to. */
  | ({ type: 'field.read' } & FieldReadTarget)
  /** Write an item of a side's private workspace: that side's counsel and parties only. */
  | { type: 'workspace.write'; caseRoles: readonly CaseRoleGrant[]; sideId: string }
  /** Write (or change) the mediator's own notes on a case. */
  | { type: 'mediatorNote.write'; caseRoles: readonly CaseRoleGrant[]; authorUserId?: string }
  /** Create an account (user or mediator) in an organisation. */
  | { type: 'user.create'; organisationId: string }
  /** List the accounts of an organisation. */
  | { type: 'user.list'; organisationId: string }
  /** File a due report to the court (UMA §7): the case's mediator only. */
  | { type: 'courtReport.file'; caseRoles: readonly CaseRoleGrant[] }
  /**
   * Read a court program's reports (the caseload form, the program figures with its figures by
   * mediator), by the program's organisation.
   */
  | { type: 'report.read'; organisationId: string }
  /** Read an organisation's outbox (its mails, and without an SMTP server their text and links). */
  | { type: 'outbox.read'; organisationId: string };

const has = (roles: readonly CaseRoleGrant[], ...wanted: CaseRoleGrant['role'][]) => roles.some((r) => wanted.includes(r.role));

export function can(viewer: Viewer | null, action: Action): boolean {
  if (!viewer) return false;
  switch (action.type) {
    case 'case.create':
      return viewer.orgRole === 'MEDIATOR' || viewer.orgRole === 'PROGRAM_ADMIN';
    case 'case.read':
      return action.caseRoles.length > 0;
    case 'case.transition':
      return viewerMaySend(asCaseViewer(action.caseRoles), action.event, action.context);
    case 'case.editRecords':
      return has(action.caseRoles, 'MEDIATOR', 'COUNSEL');
    case 'case.editSessions':
      return has(action.caseRoles, 'MEDIATOR');
    case 'case.nextSteps':
      return has(action.caseRoles, 'MEDIATOR', 'COUNSEL');
    case 'case.tickProcess':
      return has(action.caseRoles, 'MEDIATOR', 'COUNSEL', 'PARTY');
    case 'case.tickStrategy':
      return action.caseRoles.some(
        (r) => (r.role === 'COUNSEL' || r.role === 'PARTY') && r.sideId !== undefined && (action.sideId === undefined || r.sideId === action.sideId),
      );
    case 'case.invite':
      return has(action.caseRoles, 'MEDIATOR', 'PROGRAM_ADMIN');
    case 'case.proposeMediator':
      return has(action.caseRoles, 'MEDIATOR', 'PROGRAM_ADMIN');
    case 'mediator.propose':
      return action.candidate.orgRole === 'MEDIATOR' && action.candidate.organisationId === viewer.organisationId;
    case 'mediator.list':
      return (viewer.orgRole === 'MEDIATOR' || viewer.orgRole === 'PROGRAM_ADMIN') && viewer.organisationId === action.organisationId;
    case 'case.acknowledgeDisclosure':
      return action.caseRoles.some((r) => (r.role === 'COUNSEL' || r.role === 'PARTY') && r.sideId === action.sideId);
    case 'field.read':
      return mayReadTier(viewer.userId, action);
    case 'workspace.write':
      return action.caseRoles.some((r) => (r.role === 'COUNSEL' || r.role === 'PARTY') && r.sideId === action.sideId);
    case 'mediatorNote.write':
      return has(action.caseRoles, 'MEDIATOR') && (action.authorUserId === undefined || action.authorUserId === viewer.userId);
    case 'user.create':
    case 'user.list':
    case 'outbox.read':
      // Organisation admins, and only within their own organisation.
      return viewer.orgRole === 'ORG_ADMIN' && viewer.organisationId === action.organisationId;
    case 'courtReport.file':
      return has(action.caseRoles, 'MEDIATOR');
    case 'report.read':
      // The program's administrators: its organisation's program administrators.
      return viewer.orgRole === 'PROGRAM_ADMIN' && viewer.organisationId === action.organisationId;
  }
}

/**
 * The kinds of edit a viewer may make on a case besides transitions (those are
 * `allowedEvents`), each decided by the action named here. The dashboard offers a control only
 * when its kind is listed (`Case.allowedEdits`); the mutations ask `can` with the same action.
 */
export const CASE_EDITS = {
  /** Issue details, deadlines, agreement terms. */
  RECORDS: (caseRoles) => ({ type: 'case.editRecords', caseRoles }),
  /** Sessions on the calendar and their attendance. */
  SESSIONS: (caseRoles) => ({ type: 'case.editSessions', caseRoles }),
  /** Invitations to the case. */
  INVITE: (caseRoles) => ({ type: 'case.invite', caseRoles }),
  /** Proposing the case's mediator (the conflict check). */
  PROPOSE_MEDIATOR: (caseRoles) => ({ type: 'case.proposeMediator', caseRoles }),
  /** Ticking the process checklist's items (case-shared). */
  PLAYBOOK: (caseRoles) => ({ type: 'case.tickProcess', caseRoles }),
  /** Ticking one's own side's strategy checklist (side-private). */
  STRATEGY: (caseRoles) => ({ type: 'case.tickStrategy', caseRoles }),
  /** Writing mediator notes of one's own. */
  MEDIATOR_NOTES: (caseRoles) => ({ type: 'mediatorNote.write', caseRoles }),
  /** Filing a due report to the court. */
  COURT_REPORTS: (caseRoles) => ({ type: 'courtReport.file', caseRoles }),
} as const satisfies Record<string, (caseRoles: readonly CaseRoleGrant[]) => Action>;

export type CaseEdit = keyof typeof CASE_EDITS;

export function allowedEdits(viewer: Viewer | null, caseRoles: readonly CaseRoleGrant[]): CaseEdit[] {
  return (Object.keys(CASE_EDITS) as CaseEdit[]).filter((edit) => can(viewer, CASE_EDITS[edit](caseRoles)));
}

/**
 * The side a counsel or party acts for: one at most, since a person holds one role per case
 * (UNIQUE (case_id, user_id) in participants). Null for the mediator and the program.
 */
export function ownSide(roles: readonly CaseRoleGrant[]): string | null {
  return roles.find((r) => (r.role === 'COUNSEL' || r.role === 'PARTY') && r.sideId)?.sideId ?? null;
}

export function asCaseViewer(roles: readonly CaseRoleGrant[]): CaseViewer {
  return { roles };
}
