import { setup } from 'xstate';
import type { CaseEvent } from './states.js';

/** What the machine needs to decide; never whole records. */
export interface CaseContext {
  sides: readonly { id: string; label: string }[];
}

export type CaseInput = CaseContext;

/**
 * The case lifecycle. Two parallel regions: `resolution` (how the dispute is being
 * resolved) and `litigation` (the court track, which keeps running in the background).
 * No `after` timers: deadlines live in the database, because timers are lost on restore.
 */
export const caseMachine = setup({
  types: {
    context: {} as CaseContext,
    events: {} as CaseEvent,
    input: {} as CaseInput,
  },
  guards: {
    outcomeIsSettled: ({ event }) => event.type === 'RECORD_OUTCOME' && event.outcome === 'SETTLED',
    outcomeIsNotSettled: ({ event }) => event.type === 'RECORD_OUTCOME' && event.outcome !== 'SETTLED',
  },
}).createMachine({
  id: 'case',
  type: 'parallel',
  context: ({ input }) => ({ sides: input.sides }),
  states: {
    resolution: {
      initial: 'intake',
      states: {
        intake: {
          on: { SCHEDULE_MEDIATION: 'mediation.scheduled' },
        },
        mediation: {
          initial: 'scheduled',
          states: {
            scheduled: { on: { START_SESSION: 'inSession' } },
            inSession: {
              on: {
                RECORD_OUTCOME: [
                  { guard: 'outcomeIsSettled', target: '#case.resolution.resolved.settled' },
                  { guard: 'outcomeIsNotSettled', target: '#case.resolution.impasse' },
                ],
              },
            },
          },
        },
        impasse: {},
        resolved: {
          initial: 'settled',
          states: {
            settled: { type: 'final' },
          },
        },
      },
    },
    litigation: {
      initial: 'notFiled',
      states: {
        notFiled: {},
      },
    },
  },
});
