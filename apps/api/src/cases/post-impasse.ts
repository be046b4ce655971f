import type { EntityManager } from 'typeorm';
import { REMEDY_FOR, type CaseContext, type CaseEvent, type Effect, type EventType, type LitigationState, type StallReason } from '@impasse/case-machine';
import { makeReportDue, type EndedSession } from './court-filing.js';
import { PATHS, type DeadlineInput as NextStepsDeadline, type DisputeType, type NextStepsInput, type PathId } from '@impasse/next-steps';

/**
 * The api's side of the 48 hours after a session without settlement (issue 6): the debrief,
 * the report to the court (made due in `court-filing.ts`), and the plain input of the pure recommendation function.
 * Everything here runs inside the transaction of the event that caused it.
 */

/** Hours from the session to the debrief's due time: an exact duration, not calendar days. */
export const DEBRIEF_HOURS = 48;

/**
 * After RECORD_OUTCOME / RECORD_SESSION_NOT_HELD / RECORD_ADR_OUTCOME: a debrief for a
 * mediation session that ended in partial or no agreement, and the report to the court when the
 * machine says one is due (a session of a court-ordered case ended: `court-filing.ts`).
 * `session` is the session row the outcome went to.
 */
export async function afterSessionOutcome(
  tx: EntityManager,
  caseId: string,
  event: CaseEvent,
  effects: readonly Effect[],
  session: EndedSession | null,
): Promise<void> {
  if (event.type === 'RECORD_OUTCOME' && (event.outcome === 'PARTIAL_AGREEMENT' || event.outcome === 'NO_AGREEMENT')) {
    // Exactly 48 hours after the session (or after now, when no session row was recorded).
    await tx.query(
      `INSERT INTO debriefs (case_id, session_id, due_at)
       VALUES ($1, $2, COALESCE($3::timestamptz, now()) + make_interval(hours => $4))`,
      [caseId, session?.id ?? null, session?.startsAt ?? null, DEBRIEF_HOURS],
    );
  }
  await makeReportDue(tx, caseId, event, effects, session);
}

/**
 * The debrief is complete once stall reasons and the outreach (owner + touchpoint) are recorded;
 * the transition that completes it closes the open debrief (CasesService.transition).
 */
export function debriefComplete(context: CaseContext): boolean {
  return context.assessment.stallReasons.length > 0 && context.assessment.outreach !== null;
}

const REASON_WORDS: Readonly<Record<StallReason, string>> = {
  LACKED_INFORMATION: 'missing information',
  UNREALISTIC_EXPECTATIONS: 'unrealistic expectations',
  NO_AUTHORITY_PRESENT: 'nobody with authority to settle present',
  POSTURING: 'posturing',
  MEDIATOR_FIT: 'mediator fit',
  EMOTIONS: 'emotions ran the session',
  TIMING: 'wrong timing',
  OTHER: 'other',
};

/**
 * What the debrief still lacks, in words, from the case-shared record only (the assessment in
 * the snapshot). Whether a side has written its best offer or BATNA is side-private: even its
 * absence is not said here.
 */
export function debriefMissing(context: CaseContext): string[] {
  const missing: string[] = [];
  const { stallReasons, outreach } = context.assessment;
  if (stallReasons.length === 0) missing.push('Why the session stalled: no stall reason recorded yet.');
  const fixable = new Set<StallReason>(Object.values(REMEDY_FOR));
  for (const record of stallReasons) {
    if (fixable.has(record.reason) && !record.remedied) missing.push(`The remedy for "${REASON_WORDS[record.reason]}": not recorded yet.`);
  }
  if (outreach === null) missing.push('The owner of the next outreach and the touchpoint date: not assigned yet.');
  return missing;
}

export interface NextStepsFacts {
  now: Date;
  disputeType: string;
  courtOrdered: boolean;
  litigationState: string;
  context: CaseContext;
  deadlines: readonly { kind: string; dueAt: Date; doneAt: Date | null }[];
  allowedEvents: readonly EventType[];
}

/**
 * The pure function's input from the case's snapshot and tables. Best offers are side-private:
 * no gap is passed (`bestOffers: null`), so no recommendation can reveal one.
 */
export function nextStepsInput(facts: NextStepsFacts): NextStepsInput {
  const { context } = facts;
  const activeSides = context.sides.filter((side) => side.status === 'ACTIVE');
  return {
    now: facts.now,
    disputeType: facts.disputeType as DisputeType,
    stallReasons: context.assessment.stallReasons.map((r) => ({ reason: r.reason, remedied: r.remedied })),
    courtOrdered: facts.courtOrdered || context.courtOrdered,
    arbitration: {
      clause: context.arbitrationClause,
      stipulated: activeSides.length > 0 && activeSides.every((side) => context.arbitrationStipulatedBy.includes(side.id)),
    },
    litigationPhase: (facts.litigationState || context.litigation) as LitigationState,
    deadlines: facts.deadlines
      .filter((d) => d.doneAt === null)
      .map((d): NextStepsDeadline => ({ kind: d.kind as NextStepsDeadline['kind'], due: new Date(d.dueAt).toISOString() })),
    bestOffers: null,
    issues: {
      open: context.issues.filter((i) => i.status === 'OPEN').length,
      agreed: context.issues.filter((i) => i.status === 'AGREED').length,
    },
    allowedEvents: facts.allowedEvents,
  };
}

/** The path a case is on now, from its resolution state; null in impasse and where no path applies. */
export function currentPath(resolution: string, hadDebrief: boolean): PathId | null {
  const byState: Record<string, PathId> = {
    negotiation: 'NEGOTIATE',
    'adr.settlementConference': 'SETTLEMENT_CONFERENCE',
    'adr.earlyNeutralEvaluation': 'EARLY_NEUTRAL_EVALUATION',
    'adr.mediatorsProposal': 'MEDIATORS_PROPOSAL',
    'adr.arbitration': 'ARBITRATION',
    litigating: 'LITIGATION',
  };
  if (byState[resolution]) return byState[resolution];
  // A mediation after a debrief is a second mediation (re-mediation prep applies to both choices).
  if (hadDebrief && resolution.startsWith('mediation.')) return 'REMEDIATE_SAME';
  return null;
}

export const isPath = (value: string): value is PathId => (PATHS as readonly string[]).includes(value);
