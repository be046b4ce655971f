import type { CaseContext, CaseStateView } from '@impasse/case-machine';
import type { ParticipantRow, SessionRow } from './loaders.js';

export type Settlement = 'FULL' | 'PARTIAL' | 'NONE' | 'PENDING';

export interface CourtReport {
  mediationOccurred: boolean;
  terminated: boolean;
  settlement: Settlement;
  sessionsHeld: number;
  attendance: { participantName: string; role: string; attended: boolean }[];
}

/** States in which the mediation has not ended yet. */
const MEDIATION_PENDING = new Set(['intake', 'mediation.scheduled', 'mediation.inSession', 'mediation.adjourned']);
const HELD_OUTCOMES: Record<string, Settlement> = { SETTLED: 'FULL', PARTIAL_AGREEMENT: 'PARTIAL', NO_AGREEMENT: 'NONE' };

/**
 * The court-reportable tier of one case (UMA §7), derived from the statechart state, the
 * sessions table and how many sessions the statechart saw start (`sessionsStarted`, counted
 * from the timeline's START_SESSION rows) and whether a written agreement binds or still awaits
 * signatures (then the result is PENDING): never from notes, offers, stall reasons or terms.
 */
export function courtReport(
  state: CaseStateView,
  context: Pick<CaseContext, 'closedAs' | 'agreements'>,
  sessions: readonly SessionRow[],
  participants: readonly ParticipantRow[],
  sessionsStarted = 0,
): CourtReport {
  const held = sessions.filter((s) => (s.outcome !== null && s.outcome in HELD_OUTCOMES) || s.attendance.some((a) => a.attended));
  const terminated = state.done || !MEDIATION_PENDING.has(state.resolution);
  const lastOutcome = [...held].reverse().find((s) => s.outcome !== null && s.outcome in HELD_OUTCOMES)?.outcome ?? null;
  // Agreed terms that are not binding yet settle nothing yet: the result is pending until they are signed.
  const awaitingSignatures = context.agreements.some((a) => a.status !== 'BINDING');
  const settlement: Settlement =
    context.closedAs === 'SETTLED'
      ? 'FULL'
      : awaitingSignatures
        ? 'PENDING'
        : context.agreements.length > 0
          ? 'PARTIAL'
          : lastOutcome
            ? HELD_OUTCOMES[lastOutcome]!
            : terminated
              ? 'NONE'
              : 'PENDING';
  const attended = new Map<string, boolean>();
  for (const session of held) {
    for (const a of session.attendance) attended.set(a.participantId, (attended.get(a.participantId) ?? false) || a.attended);
  }
  const attendance = participants
    .filter((p) => attended.has(p.id))
    .map((p) => ({ participantName: p.name, role: p.role, attended: attended.get(p.id)! }));
  const sessionsHeld = Math.max(held.length, sessionsStarted);
  return { mediationOccurred: sessionsHeld > 0, terminated, settlement, sessionsHeld, attendance };
}
