import { gql } from 'urql';
import type { InvitationRole } from '../../../generated/schema';

export interface InvitationView {
  caseCaption: string;
  sideLabel: string;
  role: InvitationRole;
  email: string;
  displayName: string;
  expired: boolean;
  used: boolean;
  expiresAt: string;
}

/** Public: what an invitation link is for, before accepting it. */
export const InvitationQuery = gql<{ invitation: InvitationView }, { token: string }>`
  query Invitation($token: String!) {
    invitation(token: $token) {
      caseCaption
      sideLabel
      role
      email
      displayName
      expired
      used
      expiresAt
    }
  }
`;

export const AcceptInvitationMutation = gql<
  { acceptInvitation: { caseId: string; expiresAt: string | null } },
  { token: string; password: string | null }
>`
  mutation AcceptInvitation($token: String!, $password: String) {
    acceptInvitation(token: $token, password: $password) {
      caseId
      expiresAt
    }
  }
`;
