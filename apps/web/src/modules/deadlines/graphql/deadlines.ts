import { gql } from 'urql';
import type { DeadlineView } from '../../cases/graphql/case';

/** A case with its deadlines, as the Deadlines page reads it. */
export interface CaseDeadlines {
  id: string;
  caption: string;
  deadlines: DeadlineView[];
}

export interface MyDeadlinesData {
  cases: {
    edges: { node: CaseDeadlines }[];
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
  };
}

/** The deadlines of every case the viewer takes part in (the api answers case-shared tiers only where they may read them). */
export const MyDeadlinesQuery = gql<MyDeadlinesData, { first: number; after: string | null }>`
  query MyDeadlines($first: Int!, $after: String) {
    cases(first: $first, after: $after) {
      edges {
        node {
          id
          caption
          deadlines {
            id
            kind
            title
            dueAt
            doneAt
            source
            ownerParticipantId
            ownerName
          }
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`;
