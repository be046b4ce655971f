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

export const RequestPasswordResetMutation = gql<{ requestPasswordReset: boolean }, { email: string }>`
  mutation RequestPasswordReset($email: String!) {
    requestPasswordReset(email: $email)
  }
`;

export const ResetPasswordMutation = gql<{ resetPassword: boolean }, { token: string; password: string }>`
  mutation ResetPassword($token: String!, $password: String!) {
    resetPassword(token: $token, password: $password)
  }
`;

export const ChangePasswordMutation = gql<{ changePassword: boolean }, { currentPassword: string; newPassword: string }>`
  mutation ChangePassword($currentPassword: String!, $newPassword: String!) {
    changePassword(currentPassword: $currentPassword, newPassword: $newPassword)
  }
`;
