import { gql } from 'urql';
import type { CaseloadCaseType, CaseloadColumn } from '../../../generated/schema';

export interface ReportableProgram {
  id: string;
  name: string;
  timeZone: string;
  minimumCount: number;
}

export const ReportableProgramsQuery = gql<{ reportablePrograms: ReportableProgram[] }, Record<string, never>>`
  query ReportablePrograms {
    reportablePrograms {
      id
      name
      timeZone
      minimumCount
    }
  }
`;

export interface CaseloadCell {
  column: CaseloadColumn;
  count: number | null;
  suppressed: boolean;
}

export interface CaseloadReport {
  programId: string;
  programName: string;
  timeZone: string;
  from: string;
  to: string;
  minimumCount: number;
  suppressedCells: number;
  columns: { key: CaseloadColumn; label: string; definition: string }[];
  rows: { caseType: CaseloadCaseType; label: string; cells: CaseloadCell[] }[];
  csv: string;
}

export const CaseloadReportQuery = gql<{ caseloadReport: CaseloadReport }, { input: { programId: string; from: string; to: string } }>`
  query CaseloadReport($input: ReportPeriodInput!) {
    caseloadReport(input: $input) {
      programId
      programName
      timeZone
      from
      to
      minimumCount
      suppressedCells
      columns {
        key
        label
        definition
      }
      rows {
        caseType
        label
        cells {
          column
          count
          suppressed
        }
      }
      csv
    }
  }
`;
