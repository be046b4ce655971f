/**
 * State and event names, shared by the api and the web so that neither hard-codes them.
 */
export const EVENTS = {
  SCHEDULE_MEDIATION: 'SCHEDULE_MEDIATION',
  START_SESSION: 'START_SESSION',
  RECORD_OUTCOME: 'RECORD_OUTCOME',
} as const;

export type EventType = (typeof EVENTS)[keyof typeof EVENTS];

export const MEDIATION_OUTCOMES = ['SETTLED', 'PARTIAL_AGREEMENT', 'NO_AGREEMENT'] as const;
export type MediationOutcome = (typeof MEDIATION_OUTCOMES)[number];

export type CaseEvent =
  | { type: 'SCHEDULE_MEDIATION' }
  | { type: 'START_SESSION' }
  | { type: 'RECORD_OUTCOME'; outcome: MediationOutcome };

/** The regions of the case statechart; each has one current state path at a time. */
export const REGIONS = ['resolution', 'litigation'] as const;
export type Region = (typeof REGIONS)[number];
