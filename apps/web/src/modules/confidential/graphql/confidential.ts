import { gql } from 'urql';
import type {
  BatnaInput,
  HiddenIssueCategory,
  InvitationRole,
  InviteToCaseInput,
  MailStatus,
  Settlement,
  UpdateWorkspaceItemInput,
  WorkspaceItemInput,
  CaseRole,
  WorkspaceItemKind,
} from '../../../generated/schema';

// The confidential tiers of a case. Each panel asks for its own tier; the api answers with
// an empty value ([] or null) where the viewer may not read it, so what is shown is always
// what the api returned for this viewer.

export interface BatnaView {
  nextWeek: string | null;
  threeMonths: string | null;
  costToDecision: string | null;
  whoDecides: string | null;
  probability: number | null;
  rangeLow: number | null;
  rangeHigh: number | null;
}

export interface WorkspaceItemView {
  id: string;
  sideId: string;
  kind: WorkspaceItemKind;
  body: string | null;
  amount: number | null;
  currency: string | null;
  nonMoneyTerms: string | null;
  category: HiddenIssueCategory | null;
  batna: BatnaView | null;
  sharedWithMediator: boolean;
  createdByName: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface SideWorkspaceView {
  sideId: string;
  sideLabel: string;
  /** Everyone who reads this workspace now (the side's counsel and parties). */
  visibleTo: { participantId: string; name: string; role: string }[];
  items: WorkspaceItemView[];
}

export interface MediatorNoteView {
  id: string;
  body: string;
  caucusSideId: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface CourtReportView {
  mediationOccurred: boolean;
  terminated: boolean;
  settlement: Settlement;
  sessionsHeld: number;
  attendance: { participantName: string; role: CaseRole; attended: boolean }[];
}

export const WORKSPACE_ITEM_FIELDS = gql`
  fragment WorkspaceItemFields on WorkspaceItem {
    id
    sideId
    kind
    body
    amount
    currency
    nonMoneyTerms
    category
    batna {
      nextWeek
      threeMonths
      costToDecision
      whoDecides
      probability
      rangeLow
      rangeHigh
    }
    sharedWithMediator
    createdByName
    createdAt
    updatedAt
  }
`;

export const MyWorkspaceQuery = gql<
  { case: { id: string; myWorkspace: SideWorkspaceView | null } },
  { id: string; sideId: string | null }
>`
  query MyWorkspace($id: ID!, $sideId: ID) {
    case(id: $id) {
      id
      myWorkspace(sideId: $sideId) {
        sideId
        sideLabel
        visibleTo {
          participantId
          name
          role
        }
        items {
          ...WorkspaceItemFields
        }
      }
    }
  }
  ${WORKSPACE_ITEM_FIELDS}
`;

export const SharedWithMediatorQuery = gql<{ case: { id: string; sharedWithMediator: WorkspaceItemView[] } }, { id: string }>`
  query SharedWithMediator($id: ID!) {
    case(id: $id) {
      id
      sharedWithMediator {
        ...WorkspaceItemFields
      }
    }
  }
  ${WORKSPACE_ITEM_FIELDS}
`;

export const MediatorNotesQuery = gql<{ case: { id: string; mediatorNotes: MediatorNoteView[] } }, { id: string }>`
  query MediatorNotes($id: ID!) {
    case(id: $id) {
      id
      mediatorNotes {
        id
        body
        caucusSideId
        createdAt
        updatedAt
      }
    }
  }
`;

export const CourtReportQuery = gql<{ case: { id: string; courtReport: CourtReportView | null } }, { id: string }>`
  query CourtReport($id: ID!) {
    case(id: $id) {
      id
      courtReport {
        mediationOccurred
        terminated
        settlement
        sessionsHeld
        attendance {
          participantName
          role
          attended
        }
      }
    }
  }
`;

export const AddWorkspaceItemMutation = gql<
  { addWorkspaceItem: WorkspaceItemView },
  { caseId: string; sideId: string; input: WorkspaceItemInput }
>`
  mutation AddWorkspaceItem($caseId: ID!, $sideId: ID!, $input: WorkspaceItemInput!) {
    addWorkspaceItem(caseId: $caseId, sideId: $sideId, input: $input) {
      ...WorkspaceItemFields
    }
  }
  ${WORKSPACE_ITEM_FIELDS}
`;

export const UpdateWorkspaceItemMutation = gql<
  { updateWorkspaceItem: WorkspaceItemView },
  { id: string; input: UpdateWorkspaceItemInput }
>`
  mutation UpdateWorkspaceItem($id: ID!, $input: UpdateWorkspaceItemInput!) {
    updateWorkspaceItem(id: $id, input: $input) {
      ...WorkspaceItemFields
    }
  }
  ${WORKSPACE_ITEM_FIELDS}
`;

export const DeleteWorkspaceItemMutation = gql<{ deleteWorkspaceItem: string }, { id: string }>`
  mutation DeleteWorkspaceItem($id: ID!) {
    deleteWorkspaceItem(id: $id)
  }
`;

export const ShareWorkspaceItemMutation = gql<
  { shareWorkspaceItemWithMediator: WorkspaceItemView },
  { id: string; shared: boolean }
>`
  mutation ShareWorkspaceItem($id: ID!, $shared: Boolean!) {
    shareWorkspaceItemWithMediator(id: $id, shared: $shared) {
      ...WorkspaceItemFields
    }
  }
  ${WORKSPACE_ITEM_FIELDS}
`;

export const AddMediatorNoteMutation = gql<
  { addMediatorNote: MediatorNoteView },
  { caseId: string; input: { body: string; caucusSideId: string | null } }
>`
  mutation AddMediatorNote($caseId: ID!, $input: MediatorNoteInput!) {
    addMediatorNote(caseId: $caseId, input: $input) {
      id
      body
      caucusSideId
      createdAt
      updatedAt
    }
  }
`;

export const UpdateMediatorNoteMutation = gql<
  { updateMediatorNote: MediatorNoteView },
  { id: string; input: { body?: string; caucusSideId?: string | null } }
>`
  mutation UpdateMediatorNote($id: ID!, $input: UpdateMediatorNoteInput!) {
    updateMediatorNote(id: $id, input: $input) {
      id
      body
      caucusSideId
      createdAt
      updatedAt
    }
  }
`;

export const DeleteMediatorNoteMutation = gql<{ deleteMediatorNote: string }, { id: string }>`
  mutation DeleteMediatorNote($id: ID!) {
    deleteMediatorNote(id: $id)
  }
`;

export interface InvitationLinkView {
  url: string;
  expiresAt: string;
  invitationId: string;
}

export const InviteToCaseMutation = gql<{ inviteToCase: InvitationLinkView }, { caseId: string; input: InviteToCaseInput }>`
  mutation InviteToCase($caseId: ID!, $input: InviteToCaseInput!) {
    inviteToCase(caseId: $caseId, input: $input) {
      url
      expiresAt
      invitationId
    }
  }
`;

export interface CaseInvitationView {
  id: string;
  email: string;
  displayName: string;
  role: InvitationRole;
  sideLabel: string;
  createdAt: string;
  expiresAt: string;
  acceptedAt: string | null;
  expired: boolean;
  mailStatus: MailStatus | null;
  mailReply: string | null;
  mailAt: string | null;
}

/** The case's invitations with what became of each mail (the mediator's and program administrator's). */
export const CaseInvitationsQuery = gql<{ caseInvitations: CaseInvitationView[] }, { caseId: string }>`
  query CaseInvitations($caseId: ID!) {
    caseInvitations(caseId: $caseId) {
      id
      email
      displayName
      role
      sideLabel
      createdAt
      expiresAt
      acceptedAt
      expired
      mailStatus
      mailReply
      mailAt
    }
  }
`;

export type { BatnaInput, InvitationRole };
