import { gql } from 'urql';
import type { CaseRole, CourtReportStatus, ReportSettlement, SessionProcess, Settlement } from '../../../generated/schema';
import { CASE_SUMMARY_FIELDS, type CaseSummary } from '../../cases/graphql/case';
import type { Connection } from '../hooks/useCaseList';

/** A case as a program administrator's pipeline shows it: the summary and the court-reportable outcome. */
export interface CaseOutcome extends CaseSummary {
  referralDate: string | null;
  /** UMA §7: null when the viewer may not read it. */
  courtReport: {
    mediationOccurred: boolean;
    terminated: boolean;
    settlement: Settlement;
    sessionsHeld: number;
    attendance: { role: CaseRole; attended: boolean }[];
  } | null;
  /** The reports to the court of its ended sessions, oldest first. */
  courtReportFilings: {
    id: string;
    process: SessionProcess;
    sessionOn: string;
    status: CourtReportStatus;
    dueAt: string;
    filedOn: string | null;
    timeZone: string;
    content: { occurred: boolean; settlement: ReportSettlement; attendance: { role: CaseRole; attended: boolean }[] };
  }[];
}

/** The program administrator's pipeline: a page of cases with their outcome columns. */
export const CaseOutcomesQuery = gql<
  { cases: Connection<CaseOutcome> },
  { filter: import('../../../generated/schema').CaseFilterInput | null; first: number; after: string | null }
>`
  query CaseOutcomes($filter: CaseFilterInput, $first: Int!, $after: String) {
    cases(filter: $filter, first: $first, after: $after) {
      edges {
        cursor
        node {
          ...CaseSummaryFields
          referralDate
          courtReport {
            mediationOccurred
            terminated
            settlement
            sessionsHeld
            attendance {
              role
              attended
            }
          }
          courtReportFilings {
            id
            process
            sessionOn
            status
            dueAt
            filedOn
            timeZone
            content {
              occurred
              settlement
              attendance {
                role
                attended
              }
            }
          }
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
  ${CASE_SUMMARY_FIELDS}
`;
