import { gql } from 'urql';
import type { MailKind, MailPreferencesInput, MailStatus, ReminderMail } from '../../../generated/schema';

export interface OutboxMailView {
  id: string;
  kind: MailKind | (string & {});
  to: string;
  subject: string;
  status: MailStatus | (string & {});
  createdAt: string;
  finishedAt: string | null;
  attempts: number;
  lastReply: string | null;
  text: string | null;
}

/** The organisation's mails (an organisation admin's), newest first. */
export const OutboxQuery = gql<{ outbox: OutboxMailView[]; mailDelivery: { smtp: boolean } }, { first: number }>`
  query Outbox($first: Int!) {
    outbox(first: $first) {
      id
      kind
      to
      subject
      status
      createdAt
      finishedAt
      attempts
      lastReply
      text
    }
    mailDelivery {
      smtp
    }
  }
`;

export interface MailPreferencesView {
  reminders: ReminderMail;
  agreements: boolean;
}

export const MailPreferencesQuery = gql<{ myMailPreferences: MailPreferencesView }, Record<string, never>>`
  query MailPreferences {
    myMailPreferences {
      reminders
      agreements
    }
  }
`;

export const SetMailPreferencesMutation = gql<{ setMailPreferences: MailPreferencesView }, { input: MailPreferencesInput }>`
  mutation SetMailPreferences($input: MailPreferencesInput!) {
    setMailPreferences(input: $input) {
      reminders
      agreements
    }
  }
`;
