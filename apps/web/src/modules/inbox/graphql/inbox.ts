import { gql } from 'urql';
import type { InboxItemKind } from '../../../generated/schema';

export interface InboxItemView {
  id: string;
  caseId: string;
  deadlineId: string | null;
  kind: InboxItemKind | (string & {});
  title: string;
  dueAt: string | null;
  createdAt: string;
  readAt: string | null;
}

const INBOX_ITEM_FIELDS = `
  id
  caseId
  deadlineId
  kind
  title
  dueAt
  createdAt
  readAt
`;

/** The viewer's own reminders, newest first. */
export const InboxQuery = gql<{ inbox: InboxItemView[] }, Record<string, never>>`
  query Inbox {
    inbox {
      ${INBOX_ITEM_FIELDS}
    }
  }
`;

export const MarkInboxItemReadMutation = gql<{ markInboxItemRead: InboxItemView }, { id: string }>`
  mutation MarkInboxItemRead($id: ID!) {
    markInboxItemRead(id: $id) {
      ${INBOX_ITEM_FIELDS}
    }
  }
`;

export interface CalendarFeedView {
  createdAt: string;
  lastUsedAt: string | null;
  /** Only in the answer to createCalendarFeed. */
  url: string | null;
}

export const CalendarFeedQuery = gql<{ calendarFeed: CalendarFeedView | null }, Record<string, never>>`
  query CalendarFeed {
    calendarFeed {
      createdAt
      lastUsedAt
      url
    }
  }
`;

export const CreateCalendarFeedMutation = gql<{ createCalendarFeed: CalendarFeedView }, Record<string, never>>`
  mutation CreateCalendarFeed {
    createCalendarFeed {
      createdAt
      lastUsedAt
      url
    }
  }
`;

export const RevokeCalendarFeedMutation = gql<{ revokeCalendarFeed: boolean }, Record<string, never>>`
  mutation RevokeCalendarFeed {
    revokeCalendarFeed
  }
`;
