import { transition } from 'xstate';
import {
  caseMachine,
  createCase,
  describeState,
  restoreCase,
  step,
  type CaseContext,
  type CaseEvent,
  type CaseInput,
  type CaseSnapshot,
  type CaseViewer,
  type PersistedCase,
  type StepResult,
} from '../src/index.js';

export const twoSides = [
  { id: 'claimant', label: 'Claimant' },
  { id: 'respondent', label: 'Respondent' },
] as const;

/** A fresh two-sided case with the given extra input. */
export function newCase(input: Partial<CaseInput> = {}): PersistedCase {
  return createCase({ sides: twoSides, ...input }).persisted;
}

/** Applies events in order through the public `step`, as the api does, round-tripping JSON. */
export function run(stored: PersistedCase, events: readonly CaseEvent[]): StepResult {
  let result: StepResult = { persisted: stored, effects: [], state: describeState(stored) };
  for (const event of events) {
    result = step(JSON.parse(JSON.stringify(result.persisted)), event);
  }
  return result;
}

export function contextOf(stored: PersistedCase): CaseContext {
  return restoreCase(stored).context;
}

export function snapshotOf(stored: PersistedCase): CaseSnapshot {
  return restoreCase(stored);
}

/** Applies events with XState's `transition` directly, skipping `step`'s checks (for model tests). */
export function advance(snapshot: CaseSnapshot, events: readonly CaseEvent[]): CaseSnapshot {
  return events.reduce((current, event) => transition(caseMachine, current, event)[0], snapshot);
}

/** Events that bring a fresh case to `impasse` after a session without agreement, assessed. */
export const noAgreementThenAssessed: readonly CaseEvent[] = [
  { type: 'SCHEDULE_MEDIATION' },
  { type: 'START_SESSION' },
  { type: 'RECORD_OUTCOME', outcome: 'NO_AGREEMENT' },
  { type: 'RECORD_STALL_REASON', reason: 'POSTURING' },
  { type: 'ASSIGN_OUTREACH_OWNER', ownerId: 'counsel-1', touchpointDate: '2026-02-01' },
];

export const viewers = {
  mediator: { roles: [{ role: 'MEDIATOR' }] } as CaseViewer,
  admin: { roles: [{ role: 'PROGRAM_ADMIN' }] } as CaseViewer,
  counselFor: (sideId: string): CaseViewer => ({ roles: [{ role: 'COUNSEL', sideId }] }),
  /** A party of the side; by default the party a side without listed parties signs as (its own id). */
  partyFor: (sideId: string, participantId = sideId): CaseViewer => ({ roles: [{ role: 'PARTY', sideId, participantId }] }),
  nobody: { roles: [] } as CaseViewer,
};

/** The digest of the agreement text the tests record and sign. */
export const TEXT = 'digest-of-the-agreed-text';

/** The api records the pending agreement's text (complete: every issue has terms). */
export const recordText = (digest = TEXT, complete = true): CaseEvent => ({ type: 'RECORD_AGREEMENT_TEXT', digest, complete });

/** Record the pending agreement's text, then sign it for every party of every side listed. */
export function signaturesOf(sides: readonly { id: string; parties?: readonly { id: string }[] }[], digest = TEXT): CaseEvent[] {
  return [
    recordText(digest),
    ...sides.flatMap((side) =>
      (side.parties ?? [{ id: side.id }]).map((party) => ({ type: 'SIGN_AGREEMENT' as const, sideId: side.id, partyId: party.id, digest })),
    ),
  ];
}
