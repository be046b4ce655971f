import { gql } from 'urql';
import type { DeadlineView } from '../../cases/graphql/case';
import type { CourtReportStatus, SessionProcess } from '../../../generated/schema';

/** A report to the court as the Deadlines page lists it: which session, when due, filed or not (court-reportable). */
export interface ReportDue {
  id: string;
  process: SessionProcess;
  sessionOn: string;
  dueAt: string;
  /** Its deadline, for a viewer who reads the deadlines (null for a program administrator). */
  deadlineId: string | null;
  status: CourtReportStatus;
  filedOn: string | null;
  timeZone: string;
}

/** A case with its deadlines and its reports to the court, as the Deadlines page reads it. */
export interface CaseDeadlines {
  id: string;
  caption: string;
  docketNumber: string | null;
  deadlines: DeadlineView[];
  courtReportFilings: ReportDue[];
}

export interface MyDeadlinesData {
  cases: {
    edges: { node: CaseDeadlines }[];
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
  };
}

/**
 * The deadlines of every case the viewer takes part in, and its reports to the court. The api
 * answers the deadlines (case-shared) only to those who may read them: a program administrator
 * gets none, and reads the reports due and filed (court-reportable) instead.
 */
export const MyDeadlinesQuery = gql<MyDeadlinesData, { first: number; after: string | null }>`
  query MyDeadlines($first: Int!, $after: String) {
    cases(first: $first, after: $after) {
      edges {
        node {
          id
          caption
          docketNumber
          courtReportFilings {
            id
            process
            sessionOn
            dueAt
            deadlineId
            status
            filedOn
            timeZone
          }
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
