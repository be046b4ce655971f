import { roleMaySend, type CaseRoleGrant, type CaseViewer, type EventType } from '@impasse/case-machine';
import type { Viewer } from '../auth/viewer.js';

/**
 * The one place that decides who may do what. Guards, resolvers and services ask `can`;
 * none of them decides on its own. Case roles come from participation in the case.
 */
export type Action =
  | { type: 'case.create' }
  | { type: 'case.read'; caseRoles: readonly CaseRoleGrant[] }
  | { type: 'case.transition'; caseRoles: readonly CaseRoleGrant[]; event: EventType };

export function can(viewer: Viewer | null, action: Action): boolean {
  if (!viewer) return false;
  switch (action.type) {
    case 'case.create':
      return viewer.orgRole === 'MEDIATOR' || viewer.orgRole === 'PROGRAM_ADMIN';
    case 'case.read':
      return action.caseRoles.length > 0;
    case 'case.transition':
      return roleMaySend(asCaseViewer(action.caseRoles), action.event);
  }
}

export function asCaseViewer(roles: readonly CaseRoleGrant[]): CaseViewer {
  return { roles };
}
