import { gql } from 'urql';
import type {
  CaseEventInput,
  CaseEventType,
  CaseRole,
  DisputeType,
  SideRole,
} from '../../../generated/schema';

export interface CaseStateView {
  resolution: string;
  litigation: string;
  done: boolean;
}

export interface CaseSummary {
  id: string;
  caption: string;
  docketNumber: string | null;
  disputeType: DisputeType;
  courtOrdered: boolean;
  version: number;
  updatedAt: string;
  state: CaseStateView;
  sides: { id: string; label: string; role: SideRole }[];
  myRoles: { role: CaseRole; sideId: string | null }[];
  /** Kept as strings: the api may add events before the web knows their names. */
  allowedEvents: (CaseEventType | (string & {}))[];
}

export interface TimelineEntry {
  id: string;
  seq: number;
  type: string;
  actorName: string | null;
  summary: string;
  at: string;
  fromState: { resolution: string; litigation: string } | null;
  toState: { resolution: string; litigation: string };
}

export interface CaseDetail extends CaseSummary {
  timeline: TimelineEntry[];
}

export const CASE_SUMMARY_FIELDS = gql`
  fragment CaseSummaryFields on Case {
    id
    caption
    docketNumber
    disputeType
    courtOrdered
    version
    updatedAt
    state {
      resolution
      litigation
      done
    }
    sides {
      id
      label
      role
    }
    myRoles {
      role
      sideId
    }
    allowedEvents
  }
`;

export const CasesQuery = gql<{ cases: { edges: { node: CaseSummary }[] } }, Record<string, never>>`
  query Cases {
    cases(first: 100) {
      edges {
        node {
          ...CaseSummaryFields
        }
      }
    }
  }
  ${CASE_SUMMARY_FIELDS}
`;

export const CaseQuery = gql<{ case: CaseDetail }, { id: string }>`
  query Case($id: ID!) {
    case(id: $id) {
      ...CaseSummaryFields
      timeline {
        id
        seq
        type
        actorName
        summary
        at
        fromState {
          resolution
          litigation
        }
        toState {
          resolution
          litigation
        }
      }
    }
  }
  ${CASE_SUMMARY_FIELDS}
`;

export interface TransitionCaseVariables {
  caseId: string;
  v: number;
  event: CaseEventInput;
}

export const TransitionCaseMutation = gql<
  { transitionCase: { id: string; version: number; state: CaseStateView; allowedEvents: string[] } },
  TransitionCaseVariables
>`
  mutation TransitionCase($caseId: ID!, $v: Int!, $event: CaseEventInput!) {
    transitionCase(caseId: $caseId, expectedVersion: $v, event: $event) {
      id
      version
      state {
        resolution
        litigation
        done
      }
      allowedEvents
    }
  }
`;
