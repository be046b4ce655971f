import type { MyRole } from '../graphql/case';

/**
 * Whether to offer the record-editing controls (issue details, deadlines, agreement terms;
 * sessions and attendance). A convenience only, so that a party is not shown buttons that
 * always fail: the api decides, and answers FORBIDDEN with a sentence that the panels show.
 * The schema does not say yet which edits a viewer may make; when it does, read it here.
 */
export function offersRecordEdits(myRoles: readonly MyRole[]): boolean {
  return myRoles.some((r) => r.role === 'MEDIATOR' || r.role === 'COUNSEL');
}

export function offersSessionEdits(myRoles: readonly MyRole[]): boolean {
  return myRoles.some((r) => r.role === 'MEDIATOR');
}
