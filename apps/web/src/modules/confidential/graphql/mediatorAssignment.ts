import { gql } from 'urql';
import type { ConflictFindingKind, MediatorAssignmentStatus } from '../../../generated/schema';

// The conflict check (UMA §9): the latest mediator proposal of a case and its disclosure.
// Case-shared tier: the api answers null for a program administrator.

export interface MediatorAssignmentView {
  __typename?: 'MediatorAssignment';
  id: string;
  mediatorName: string;
  status: MediatorAssignmentStatus;
  findings: { kind: ConflictFindingKind; sentence: string }[];
  acknowledgedSideIds: string[];
  awaitingSideIds: string[];
  proposedAt: string;
  acceptedAt: string | null;
}

export interface MediatorSummaryView {
  __typename?: 'MediatorSummary';
  id: string;
  displayName: string;
}


export const MediatorAssignmentQuery = gql<{ case: { id: string; mediatorAssignment: MediatorAssignmentView | null } }, { id: string }>`
  query MediatorAssignment($id: ID!) {
    case(id: $id) {
      id
      mediatorAssignment {
        id
        mediatorName
        status
        findings { kind sentence }
        acknowledgedSideIds
        awaitingSideIds
        proposedAt
        acceptedAt
      }
    }
  }
`;

export const MediatorsOfMyOrganisationQuery = gql<{ mediatorsOfMyOrganisation: MediatorSummaryView[] }>`
  query MediatorsOfMyOrganisation {
    mediatorsOfMyOrganisation {
      id
      displayName
    }
  }
`;

export const ProposeMediatorMutation = gql<{ proposeMediator: { id: string; version: number } }, { caseId: string; userId: string }>`
  mutation ProposeMediator($caseId: ID!, $userId: ID!) {
    proposeMediator(caseId: $caseId, userId: $userId) {
      id
      version
    }
  }
`;

export const AcknowledgeMediatorDisclosureMutation = gql<
  { acknowledgeMediatorDisclosure: { id: string; version: number } },
  { caseId: string; sideId: string }
>`
  mutation AcknowledgeMediatorDisclosure($caseId: ID!, $sideId: ID!) {
    acknowledgeMediatorDisclosure(caseId: $caseId, sideId: $sideId) {
      id
      version
    }
  }
`;
