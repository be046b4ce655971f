import { gql } from 'urql';
import type {
  AgreementStatus,
  SigningRule,
  AttentionReason,
  CaseEdit,
  CaseEventInput,
  CaseEventType,
  CaseFilterInput,
  CaseRole,
  DeadlineKind,
  DeadlineSource,
  DisputeType,
  IssueStatus,
  NextPath,
  PlaybookItemKind,
  SessionFormat,
  SessionOutcome,
  SideRole,
} from '../../../generated/schema';

// Result types are written by hand next to their documents; leaf types (enums, inputs) come
// from src/generated/schema.ts, and test/documents.test.ts validates every document here
// against the api's schema.gql, so a renamed or removed field fails a test.

export interface CaseStateView {
  resolution: string;
  litigation: string;
  done: boolean;
}

export interface SideView {
  id: string;
  label: string;
  role: SideRole;
  /** ACTIVE, WITHDRAWN or SETTLED, from the statechart. */
  status: string;
}

export interface MyRole {
  role: CaseRole;
  sideId: string | null;
}

/** A case as the pipeline shows it. */
export interface CaseSummary {
  id: string;
  caption: string;
  docketNumber: string | null;
  disputeType: DisputeType;
  courtOrdered: boolean;
  programId: string | null;
  version: number;
  updatedAt: string;
  /** The earliest open deadline (ISO 8601), or null. */
  nextDeadlineAt: string | null;
  /** Why the case needs attention now; empty when it does not. */
  needsAttention: (AttentionReason | (string & {}))[];
  state: CaseStateView;
  sides: SideView[];
  myRoles: MyRole[];
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

export interface IssueView {
  id: string;
  label: string;
  description: string | null;
  status: IssueStatus;
}

export interface AttendanceView {
  participantId: string;
  name: string;
  attended: boolean;
  authorityToSettle: boolean;
}

export interface SessionView {
  id: string;
  startsAt: string;
  format: SessionFormat;
  outcome: SessionOutcome | null;
  attendance: AttendanceView[];
}

export interface DeadlineView {
  id: string;
  kind: DeadlineKind;
  title: string;
  dueAt: string;
  doneAt: string | null;
  source: DeadlineSource;
  ownerParticipantId: string | null;
  ownerName: string | null;
}

export interface AgreementView {
  id: string;
  status: AgreementStatus;
  /** False for DRAFT and SUBJECT_TO_FORMAL_DOCUMENTS. */
  binding: boolean;
  /** Side ids whose signatures are still missing (or that have no party yet). */
  awaitingSides: string[];
  /** The digest of the current text: what a signature binds; null until recorded. */
  digest: string | null;
  /** Covered issues without written terms: nobody can sign until each has them. */
  missingTerms: string[];
  signingRule: SigningRule;
  /** Active sides with no party on the case yet. */
  sidesWithoutParty: string[];
  /** Signatures of the current text. */
  signatures: { sideId: string; partyId: string; partyName: string; signerId: string; signerName: string }[];
  /** Parties who still have to sign the current text. */
  awaitingSignatures: { participantId: string; name: string; sideId: string }[];
  terms: { issueId: string; issueLabel: string; issueDescription: string | null; terms: string | null }[];
}

export interface ParticipantView {
  id: string;
  name: string;
  role: CaseRole;
  sideId: string | null;
}

/** The 48-hour debrief after a session without settlement (case-shared facts only). */
export interface DebriefView {
  openedAt: string;
  dueAt: string;
  overdue: boolean;
  completedAt: string | null;
  /** What is still missing, in the api's words. */
  missing: string[];
}

/** The statechart event a path sends, with its payload. */
export interface PathEventView {
  type: CaseEventType | (string & {});
  mediator: string | null;
  binding: boolean | null;
}

export interface RecommendedPathView {
  path: NextPath | (string & {});
  label: string;
  rank: number;
  reasons: string[];
  event: PathEventView;
}

export interface ExcludedPathView {
  path: NextPath | (string & {});
  label: string;
  reasons: string[];
  event: PathEventView;
}

export interface RecommendationsView {
  recommended: RecommendedPathView[];
  excluded: ExcludedPathView[];
}

export interface PlaybookView {
  path: NextPath | (string & {});
  done: number;
  total: number;
  items: { id: string; label: string; kind: PlaybookItemKind | (string & {}); done: boolean; doneAt: string | null }[];
}

/** One side's strategy checklist (side-private): the same shape, with the side. */
export interface SideStrategyView extends PlaybookView {
  sideId: string;
}

/** A case as its page shows it. */
export interface CaseDetail extends CaseSummary {
  /** Null when no debrief was opened (and for a program administrator). */
  debrief?: DebriefView | null;
  /** In impasse, for mediator and counsel; null otherwise. */
  recommendations?: RecommendationsView | null;
  /** The process checklist (case-shared); null when no path applies or it has no process steps. */
  playbook?: PlaybookView | null;
  /** Kept as strings: the api may add events before the web knows their names. */
  allowedEvents: (CaseEventType | (string & {}))[];
  /** The edits besides transitions the viewer may make: offer only these. */
  allowedEdits: (CaseEdit | (string & {}))[];
  timeline: TimelineEntry[];
  issues: IssueView[];
  sessions: SessionView[];
  deadlines: DeadlineView[];
  agreements: AgreementView[];
  participants: ParticipantView[];
}

export const CASE_SUMMARY_FIELDS = gql`
  fragment CaseSummaryFields on Case {
    id
    caption
    docketNumber
    disputeType
    courtOrdered
    programId
    version
    updatedAt
    nextDeadlineAt
    needsAttention
    state {
      resolution
      litigation
      done
    }
    sides {
      id
      label
      role
      status
    }
    myRoles {
      role
      sideId
    }
  }
`;

export const CASE_DETAIL_FIELDS = gql`
  fragment CaseDetailFields on Case {
    ...CaseSummaryFields
    allowedEvents
    allowedEdits
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
    issues {
      id
      label
      description
      status
    }
    sessions {
      id
      startsAt
      format
      outcome
      attendance {
        participantId
        name
        attended
        authorityToSettle
      }
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
    agreements {
      id
      status
      binding
      awaitingSides
      digest
      missingTerms
      signingRule
      sidesWithoutParty
      signatures {
        sideId
        partyId
        partyName
        signerId
        signerName
      }
      awaitingSignatures {
        participantId
        name
        sideId
      }
      terms {
        issueId
        issueLabel
        issueDescription
        terms
      }
    }
    participants {
      id
      name
      role
      sideId
    }
    debrief {
      openedAt
      dueAt
      overdue
      completedAt
      missing
    }
    recommendations {
      recommended {
        path
        label
        rank
        reasons
        event {
          type
          mediator
          binding
        }
      }
      excluded {
        path
        label
        reasons
        event {
          type
          mediator
          binding
        }
      }
    }
    playbook {
      path
      done
      total
      items {
        id
        label
        kind
        done
        doneAt
      }
    }
  }
  ${CASE_SUMMARY_FIELDS}
`;

export interface CaseConnection {
  edges: { cursor: string; node: CaseSummary }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

export interface CasesVariables {
  filter: CaseFilterInput | null;
  first: number;
  after: string | null;
}

export const CasesQuery = gql<{ cases: CaseConnection }, CasesVariables>`
  query Cases($filter: CaseFilterInput, $first: Int!, $after: String) {
    cases(filter: $filter, first: $first, after: $after) {
      edges {
        cursor
        node {
          ...CaseSummaryFields
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

export const CaseQuery = gql<{ case: CaseDetail }, { id: string }>`
  query Case($id: ID!) {
    case(id: $id) {
      ...CaseDetailFields
    }
  }
  ${CASE_DETAIL_FIELDS}
`;

/** The case as the viewer may see it: now, then after every change. */
export const CaseChangedSubscription = gql<{ caseChanged: CaseDetail }, { caseId: string }>`
  subscription CaseChanged($caseId: ID!) {
    caseChanged(caseId: $caseId) {
      ...CaseDetailFields
    }
  }
  ${CASE_DETAIL_FIELDS}
`;

export interface PipelineChange {
  caseId: string | null;
  /** The server may have missed changes: refetch everything. */
  resync: boolean;
}

export const PipelineChangedSubscription = gql<{ pipelineChanged: PipelineChange }, Record<string, never>>`
  subscription PipelineChanged {
    pipelineChanged {
      caseId
      resync
    }
  }
`;

export interface TransitionCaseVariables {
  caseId: string;
  v: number;
  event: CaseEventInput;
}

export const TransitionCaseMutation = gql<
  { transitionCase: { id: string; version: number; updatedAt: string; state: CaseStateView; allowedEvents: string[] } },
  TransitionCaseVariables
>`
  mutation TransitionCase($caseId: ID!, $v: Int!, $event: CaseEventInput!) {
    transitionCase(caseId: $caseId, expectedVersion: $v, event: $event) {
      id
      version
      updatedAt
      state {
        resolution
        litigation
        done
      }
      allowedEvents
    }
  }
`;
