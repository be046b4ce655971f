import type { CaseRole, CaseViewer } from './roles.js';
import { EVENTS, type EventType } from './states.js';

/**
 * Who may send each event. The api enforces this table and the web displays what it
 * allows, through `allowedEvents`, so the two can never disagree.
 */
export const EVENT_PERMISSIONS: Readonly<Record<EventType, readonly CaseRole[]>> = {
  [EVENTS.SCHEDULE_MEDIATION]: ['MEDIATOR', 'PROGRAM_ADMIN'],
  [EVENTS.START_SESSION]: ['MEDIATOR'],
  [EVENTS.RECORD_OUTCOME]: ['MEDIATOR'],
};

export function roleMaySend(viewer: CaseViewer, type: EventType): boolean {
  const allowed = EVENT_PERMISSIONS[type];
  return viewer.roles.some((grant) => allowed.includes(grant.role));
}
