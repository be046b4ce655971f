import type { CaseRole, ReportedProcess } from '@impasse/case-machine';
import { PROCESS_WORDS } from './court-filing.js';

/**
 * What an edit (anything but a statechart event) writes on a case's timeline: one typed entry
 * per kind, so that a payload cannot drift from what readers expect. Payloads carry ids,
 * kinds and counts only, never confidential text (terms, notes, e-mail addresses): the
 * timeline is case-shared.
 */
export type EditEntry =
  | { type: 'CASE_OPENED'; payload: Record<string, never> }
  | { type: 'ISSUE_EDITED'; payload: { issueId: string } }
  | { type: 'SESSION_SCHEDULED'; payload: { sessionId: string; startsAt: string; format: string } }
  | { type: 'SESSION_CHANGED'; payload: { sessionId: string } }
  | { type: 'ATTENDANCE_RECORDED'; payload: { sessionId: string } }
  | { type: 'DEADLINE_ADDED'; payload: { deadlineId: string; kind: string; dueAt: string } }
  | { type: 'DEADLINE_CHANGED'; payload: { deadlineId: string } }
  | { type: 'DEADLINE_DONE'; payload: { deadlineId: string } }
  | { type: 'AGREEMENT_TERMS_EDITED'; payload: { issueId: string; agreementId: string; signaturesVoided: number } }
  | { type: 'PLAYBOOK_ITEM_DONE'; payload: { itemId: string } }
  | { type: 'PLAYBOOK_ITEM_REOPENED'; payload: { itemId: string } }
  | { type: 'MEDIATOR_PROPOSED'; payload: { findings: number } }
  | { type: 'MEDIATOR_DISCLOSURE_ACKNOWLEDGED'; payload: { sideId: string } }
  | { type: 'MEDIATOR_ASSIGNED'; payload: { assignmentId: string; participantId: string } }
  | { type: 'PARTICIPANT_INVITED'; payload: { invitationId: string; role: SideRole; sideId: string } }
  | { type: 'INVITATION_REVOKED'; payload: { invitationId: string; role: SideRole; sideId: string } }
  | { type: 'INVITATION_ACCEPTED'; payload: { invitationId: string; role: SideRole; sideId: string; participantId: string } }
  | { type: 'COURT_REPORT_FILED'; payload: { reportId: string; process: ReportedProcess; sessionOn: string; filedOn: string } };

export type SideRole = Extract<CaseRole, 'COUNSEL' | 'PARTY'>;

/**
 * The edits that always move the case's version: they change who is on the case, so a
 * transition checked against the roles as they were must not land. No other edit entry moves
 * it; an edit that takes a statechart step appends that step's event as a row of its own. The
 * timeline verifier counts these with the events (`cases/timeline.ts`).
 */
export const VERSION_MOVING_EDITS = ['INVITATION_ACCEPTED', 'MEDIATOR_ASSIGNED'] as const satisfies readonly EditEntry['type'][];
export type EditEntryType = EditEntry['type'];

const sideRole = (role: unknown) => (role === 'PARTY' ? 'party' : 'counsel');

/** The sentence a timeline reader sees for an edit entry. */
export const EDIT_SUMMARIES: { readonly [T in EditEntryType]: (payload: Extract<EditEntry, { type: T }>['payload']) => string } = {
  CASE_OPENED: () => 'Case opened',
  ISSUE_EDITED: () => 'Issue edited',
  SESSION_SCHEDULED: () => 'Session scheduled',
  SESSION_CHANGED: () => 'Session changed',
  ATTENDANCE_RECORDED: () => 'Attendance recorded',
  DEADLINE_ADDED: () => 'Deadline added',
  DEADLINE_CHANGED: () => 'Deadline changed',
  DEADLINE_DONE: () => 'Deadline done',
  AGREEMENT_TERMS_EDITED: (p) =>
    p.signaturesVoided > 0
      ? `Agreement terms edited; ${p.signaturesVoided} signature${p.signaturesVoided === 1 ? '' : 's'} voided`
      : 'Agreement terms edited',
  PLAYBOOK_ITEM_DONE: () => 'Playbook item done',
  PLAYBOOK_ITEM_REOPENED: () => 'Playbook item reopened',
  MEDIATOR_PROPOSED: (p) => `Mediator proposed; conflict inquiry findings: ${Number(p.findings ?? 0)}`,
  MEDIATOR_DISCLOSURE_ACKNOWLEDGED: () => 'Mediator disclosure acknowledged',
  MEDIATOR_ASSIGNED: () => 'Mediator assigned',
  PARTICIPANT_INVITED: (p) => `Invited ${sideRole(p.role)} to a side`,
  INVITATION_REVOKED: (p) => `Invitation of ${sideRole(p.role)} revoked`,
  INVITATION_ACCEPTED: (p) => `Joined as ${sideRole(p.role)}`,
  COURT_REPORT_FILED: (p) =>
    `Court report filed on ${String(p.filedOn)}: the ${PROCESS_WORDS[p.process as ReportedProcess] ?? 'session'} of ${String(p.sessionOn)}`,
};

export function isEditEntryType(type: string): type is EditEntryType {
  return Object.hasOwn(EDIT_SUMMARIES, type);
}

export function editSummary(type: EditEntryType, payload: Record<string, unknown>): string {
  return (EDIT_SUMMARIES[type] as (p: Record<string, unknown>) => string)(payload);
}
