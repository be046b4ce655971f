import type { CaseContext } from './context.js';
import type { CaseEvent, EventType } from './events.js';
import type { CaseRole, CaseViewer } from './roles.js';

/**
 * Who may send one event.
 *
 * - `roles`: the case roles that may send it.
 * - `actsFor`: `CASE` events act for the whole case. `OWN_SIDE` events carry a `sideId`;
 *   COUNSEL and PARTY may send them only for a side they hold a grant for, while MEDIATOR
 *   and PROGRAM_ADMIN (when listed) act for any side.
 * - `jointly`: "all sides jointly". No one person can send it for everyone: each active side
 *   sends its own (an answer, a stipulation, a signature, an acceptance) and the machine
 *   records it per side. It takes effect only when every active side has sent it; a side
 *   that withdraws stops counting.
 */
export interface EventPolicy {
  roles: readonly CaseRole[];
  actsFor: 'CASE' | 'OWN_SIDE';
  jointly: boolean;
  /**
   * The event names its sender in this field: a COUNSEL or PARTY grant counts only when its
   * `participantId` is that field's value (a party signs only as themselves).
   */
  self?: 'partyId' | 'signerId';
}

const MEDIATOR: CaseRole = 'MEDIATOR';
const COUNSEL: CaseRole = 'COUNSEL';
const PARTY: CaseRole = 'PARTY';
const PROGRAM_ADMIN: CaseRole = 'PROGRAM_ADMIN';

const byCase = (...roles: CaseRole[]): EventPolicy => ({ roles, actsFor: 'CASE', jointly: false });
const bySide = (...roles: CaseRole[]): EventPolicy => ({ roles, actsFor: 'OWN_SIDE', jointly: false });
const jointly = (...roles: CaseRole[]): EventPolicy => ({ roles, actsFor: 'OWN_SIDE', jointly: true });

/**
 * The one permission table. The api enforces it (`viewerMaySend`) and the web displays what
 * it allows (`allowedEvents`), so the two can never disagree. Program administrators get no
 * event that carries a mediation communication (UMA §7): they schedule, refer, and record
 * what the court did. Nor any event whose rules read more than the court-reportable context
 * (`COURT_REPORTABLE_CONTEXT`, `GUARD_READS`): whether it is allowed, accepted or refused would
 * tell them what they may not read (the paths out of impasse read the assessment, so they are
 * the mediator's and counsel's to take). A test holds every program-administrator event to it.
 */
export const EVENT_POLICY: Readonly<Record<EventType, EventPolicy>> = {
  SCHEDULE_MEDIATION: byCase(MEDIATOR, PROGRAM_ADMIN),
  START_SESSION: byCase(MEDIATOR),
  ADJOURN_SESSION: byCase(MEDIATOR),
  RESUME_SESSION: byCase(MEDIATOR),
  RECORD_OUTCOME: byCase(MEDIATOR),
  RECORD_SESSION_NOT_HELD: byCase(MEDIATOR, PROGRAM_ADMIN),
  ADD_ISSUE: byCase(MEDIATOR, COUNSEL),
  AGREE_ISSUES: byCase(MEDIATOR, COUNSEL),
  WITHDRAW_ISSUE: byCase(MEDIATOR, COUNSEL),
  // Counsel only: a program administrator cannot see the issues (UMA §7), so cannot name one.
  DECIDE_ISSUE: byCase(COUNSEL),
  RECORD_STALL_REASON: byCase(MEDIATOR, COUNSEL),
  RECORD_REMEDY: byCase(MEDIATOR, COUNSEL),
  ASSIGN_OUTREACH_OWNER: byCase(MEDIATOR, COUNSEL),
  START_NEGOTIATION: byCase(COUNSEL),
  REMEDIATE: byCase(MEDIATOR),
  SCHEDULE_SETTLEMENT_CONFERENCE: byCase(MEDIATOR, COUNSEL),
  SCHEDULE_EARLY_NEUTRAL_EVALUATION: byCase(MEDIATOR, COUNSEL),
  ISSUE_MEDIATORS_PROPOSAL: byCase(MEDIATOR),
  START_ARBITRATION: byCase(COUNSEL),
  PURSUE_LITIGATION: byCase(COUNSEL),
  ORDER_ADR: byCase(COUNSEL, PROGRAM_ADMIN),
  RECORD_SETTLEMENT: byCase(MEDIATOR, COUNSEL),
  END_NEGOTIATION: byCase(COUNSEL),
  RECORD_ADR_OUTCOME: byCase(MEDIATOR, COUNSEL),
  ANSWER_PROPOSAL: jointly(COUNSEL, PARTY),
  CLOSE_PROPOSAL: byCase(MEDIATOR),
  RECORD_ARBITRATION_CLAUSE: byCase(MEDIATOR, COUNSEL),
  STIPULATE_ARBITRATION: jointly(COUNSEL),
  RECORD_AWARD: byCase(COUNSEL, PROGRAM_ADMIN),
  ACCEPT_AWARD: jointly(COUNSEL, PARTY),
  REJECT_AWARD: bySide(COUNSEL, PARTY),
  SIGN_AGREEMENT: { ...jointly(PARTY), self: 'partyId' },
  SIGN_AGREEMENT_FOR_CLIENT: { ...jointly(COUNSEL), self: 'signerId' },
  // Recorded by the api from its tables when the agreement's text changes; nobody sends it.
  RECORD_AGREEMENT_TEXT: byCase(),
  MARK_SUBJECT_TO_FORMAL_DOCUMENTS: byCase(MEDIATOR, COUNSEL),
  ADOPT_FORMAL_DOCUMENTS: byCase(MEDIATOR, COUNSEL),
  ABANDON_AGREEMENT: byCase(MEDIATOR, COUNSEL),
  WITHDRAW_SIDE: bySide(COUNSEL, PARTY),
  FILE_SUIT: byCase(COUNSEL),
  ADVANCE_LITIGATION: byCase(COUNSEL, PROGRAM_ADMIN),
  STAY_LITIGATION: byCase(COUNSEL, PROGRAM_ADMIN),
  LIFT_STAY: byCase(COUNSEL, PROGRAM_ADMIN),
  ENTER_JUDGMENT: byCase(COUNSEL, PROGRAM_ADMIN),
  DISMISS_CASE: byCase(COUNSEL, PROGRAM_ADMIN),
};

/** The roles that may send each event (the `roles` column of `EVENT_POLICY`). */
export const EVENT_PERMISSIONS: Readonly<Record<EventType, readonly CaseRole[]>> = Object.fromEntries(
  Object.entries(EVENT_POLICY).map(([type, policy]) => [type, policy.roles]),
) as Record<EventType, readonly CaseRole[]>;

/** Roles whose grant covers every side of the case. */
const CASE_WIDE_ROLES: readonly CaseRole[] = [MEDIATOR, PROGRAM_ADMIN];

/**
 * Whether the viewer holds a role that may send events of this type, for some side. For
 * `OWN_SIDE` events this is not enough: check the actual event with `viewerMaySend`.
 */
export function roleMaySend(viewer: CaseViewer, type: EventType): boolean {
  const policy = EVENT_POLICY[type];
  if (!policy) return false;
  return viewer.roles.some(
    (grant) =>
      policy.roles.includes(grant.role) &&
      (policy.actsFor === 'CASE' || CASE_WIDE_ROLES.includes(grant.role) || grant.sideId !== undefined),
  );
}

/**
 * The grants that still count in this case: counsel and parties of a side that withdrew
 * (or settled) no longer act in it. Mediator and program administrator grants always count.
 */
export function activeGrants(viewer: CaseViewer, context: Pick<CaseContext, 'sides'>): CaseViewer {
  return {
    roles: viewer.roles.filter(
      (grant) =>
        CASE_WIDE_ROLES.includes(grant.role) || context.sides.some((side) => side.id === grant.sideId && side.status === 'ACTIVE'),
    ),
  };
}

/**
 * Whether the viewer may send this very event: the role, and for `OWN_SIDE` events the side.
 * Pass the case's context (`caseContext(stored)`) so that counsel and parties of a side
 * that has withdrawn no longer count; `allowedEvents` always does.
 */
export function viewerMaySend(asked: CaseViewer, event: CaseEvent, context?: Pick<CaseContext, 'sides'>): boolean {
  const policy = EVENT_POLICY[event.type];
  if (!policy) return false;
  const viewer = context ? activeGrants(asked, context) : asked;
  if (policy.actsFor === 'CASE') return roleMaySend(viewer, event.type);
  const sideId = 'sideId' in event ? event.sideId : undefined;
  const self = policy.self ? (event as unknown as Record<string, unknown>)[policy.self] : undefined;
  return viewer.roles.some(
    (grant) =>
      policy.roles.includes(grant.role) &&
      (CASE_WIDE_ROLES.includes(grant.role) ||
        (sideId !== undefined && grant.sideId === sideId && (policy.self === undefined || (self !== undefined && grant.participantId === self)))),
  );
}
