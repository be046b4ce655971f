import { gql } from 'urql';
import type { OrgRole, SignInInput } from '../../../generated/schema';

export interface Me {
  id: string;
  email: string;
  displayName: string;
  orgRole: OrgRole;
}

export const MeQuery = gql<{ me: Me | null }, Record<string, never>>`
  query Me {
    me {
      id
      email
      displayName
      orgRole
    }
  }
`;

export const SignInMutation = gql<{ signIn: { me: Me } }, { input: SignInInput }>`
  mutation SignIn($input: SignInInput!) {
    signIn(input: $input) {
      me {
        id
        email
        displayName
        orgRole
      }
    }
  }
`;

export const SignOutMutation = gql<{ signOut: boolean }, Record<string, never>>`
  mutation SignOut {
    signOut
  }
`;
