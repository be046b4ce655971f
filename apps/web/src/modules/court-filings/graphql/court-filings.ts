import { gql } from 'urql';
import type { CaseEdit, CaseRole, CourtReportStatus, ReportSettlement, SessionProcess } from '../../../generated/schema';

/** What a report to the court says (UMA §7 facts only). */
export interface CourtReportContentView {
  caption: string;
  docketNumber: string | null;
  programName: string | null;
  process: SessionProcess;
  sessionOn: string;
  occurred: boolean;
  terminated: boolean;
  settlement: ReportSettlement;
  mediatorName: string | null;
  attendance: { name: string; role: CaseRole; attended: boolean }[];
}

/** One report to the court: due (its content is what it would say if filed now) or filed (what was filed). */
export interface CourtReportFilingView {
  id: string;
  process: SessionProcess;
  sessionOn: string;
  dueAt: string;
  deadlineId: string | null;
  status: CourtReportStatus;
  filedAt: string | null;
  filedOn: string | null;
  filedByName: string | null;
  timeZone: string;
  content: CourtReportContentView;
}

export interface CourtReportFilingsData {
  case: { id: string; caption: string; allowedEdits: (CaseEdit | (string & {}))[]; courtReportFilings: CourtReportFilingView[] };
}

export const COURT_REPORT_FILING_FIELDS = gql`
  fragment CourtReportFilingFields on CourtReportFiling {
    id
    process
    sessionOn
    dueAt
    deadlineId
    status
    filedAt
    filedOn
    filedByName
    timeZone
    content {
      caption
      docketNumber
      programName
      process
      sessionOn
      occurred
      terminated
      settlement
      mediatorName
      attendance {
        name
        role
        attended
      }
    }
  }
`;

/** The reports to the court of a case (court-reportable: everyone on it reads them), and whether the viewer may file. */
export const CourtReportFilingsQuery = gql<CourtReportFilingsData, { id: string }>`
  query CourtReportFilings($id: ID!) {
    case(id: $id) {
      id
      caption
      allowedEdits
      courtReportFilings {
        ...CourtReportFilingFields
      }
    }
  }
  ${COURT_REPORT_FILING_FIELDS}
`;

/** The case's mediator files a due report as it reads now. */
export const FileCourtReportMutation = gql<
  { fileCourtReport: { id: string; version: number; courtReportFilings: CourtReportFilingView[] } },
  { caseId: string; reportId: string }
>`
  mutation FileCourtReport($caseId: ID!, $reportId: ID!) {
    fileCourtReport(caseId: $caseId, reportId: $reportId) {
      id
      version
      courtReportFilings {
        ...CourtReportFilingFields
      }
    }
  }
  ${COURT_REPORT_FILING_FIELDS}
`;
