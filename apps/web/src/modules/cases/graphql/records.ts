import { gql } from 'urql';
import type {
  AgreementTermsInput,
  SignAgreementInput,
  DeadlineInput,
  RecordAttendanceInput,
  SessionInput,
  UpdateDeadlineInput,
  UpdateIssueInput,
  UpdateSessionInput,
} from '../../../generated/schema';

/**
 * The edits of a case's working records (not statechart events). Each answers the case;
 * the page only needs to know it changed, and reloads it (urql's document cache refetches
 * every query holding a Case as well).
 */
export interface ChangedCase {
  id: string;
  version: number;
  updatedAt: string;
}

const changed = `
  id
  version
  updatedAt
`;

export const UpdateIssueMutation = gql<{ updateIssue: ChangedCase }, { caseId: string; issueId: string; input: UpdateIssueInput }>`
  mutation UpdateIssue($caseId: ID!, $issueId: ID!, $input: UpdateIssueInput!) {
    updateIssue(caseId: $caseId, issueId: $issueId, input: $input) {
      ${changed}
    }
  }
`;

export const ScheduleSessionMutation = gql<{ scheduleSession: ChangedCase }, { caseId: string; input: SessionInput }>`
  mutation ScheduleSession($caseId: ID!, $input: SessionInput!) {
    scheduleSession(caseId: $caseId, input: $input) {
      ${changed}
    }
  }
`;

export const UpdateSessionMutation = gql<
  { updateSession: ChangedCase },
  { caseId: string; sessionId: string; input: UpdateSessionInput }
>`
  mutation UpdateSession($caseId: ID!, $sessionId: ID!, $input: UpdateSessionInput!) {
    updateSession(caseId: $caseId, sessionId: $sessionId, input: $input) {
      ${changed}
    }
  }
`;

export const RecordAttendanceMutation = gql<
  { recordAttendance: ChangedCase },
  { caseId: string; sessionId: string; input: RecordAttendanceInput }
>`
  mutation RecordAttendance($caseId: ID!, $sessionId: ID!, $input: RecordAttendanceInput!) {
    recordAttendance(caseId: $caseId, sessionId: $sessionId, input: $input) {
      ${changed}
    }
  }
`;

export const AddDeadlineMutation = gql<{ addDeadline: ChangedCase }, { caseId: string; input: DeadlineInput }>`
  mutation AddDeadline($caseId: ID!, $input: DeadlineInput!) {
    addDeadline(caseId: $caseId, input: $input) {
      ${changed}
    }
  }
`;

export const UpdateDeadlineMutation = gql<
  { updateDeadline: ChangedCase },
  { caseId: string; deadlineId: string; input: UpdateDeadlineInput }
>`
  mutation UpdateDeadline($caseId: ID!, $deadlineId: ID!, $input: UpdateDeadlineInput!) {
    updateDeadline(caseId: $caseId, deadlineId: $deadlineId, input: $input) {
      ${changed}
    }
  }
`;

export const SetAgreementTermsMutation = gql<
  { setAgreementTerms: ChangedCase },
  { caseId: string; input: AgreementTermsInput }
>`
  mutation SetAgreementTerms($caseId: ID!, $input: AgreementTermsInput!) {
    setAgreementTerms(caseId: $caseId, input: $input) {
      ${changed}
    }
  }
`;

/** A signature of the agreement's exact text (its digest), with the password typed again. */
export const SignAgreementMutation = gql<
  { signAgreement: ChangedCase },
  { caseId: string; expectedVersion: number; input: SignAgreementInput }
>`
  mutation SignAgreement($caseId: ID!, $expectedVersion: Int!, $input: SignAgreementInput!) {
    signAgreement(caseId: $caseId, expectedVersion: $expectedVersion, input: $input) {
      ${changed}
    }
  }
`;

export const SetPlaybookItemDoneMutation = gql<
  { setPlaybookItemDone: ChangedCase },
  { caseId: string; itemId: string; done: boolean }
>`
  mutation SetPlaybookItemDone($caseId: ID!, $itemId: String!, $done: Boolean!) {
    setPlaybookItemDone(caseId: $caseId, itemId: $itemId, done: $done) {
      ${changed}
    }
  }
`;
