import { gql } from 'urql';
import type { CaseRole, Settlement } from '../../../generated/schema';
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
