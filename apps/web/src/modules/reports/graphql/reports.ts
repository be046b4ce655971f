import { gql } from 'urql';
import type { CaseloadCaseType, CaseloadColumn, StallQuarterStatus } from '../../../generated/schema';

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


export interface FigureTable {
  key: string;
  title: string;
  rowsAre: string;
  columns: { key: string; label: string; definition: string; kind: 'COUNT' | 'RATE' | 'DAYS' }[];
  rows: { key: string; label: string; cells: { column: string; value: number | null; suppressed: boolean }[] }[];
  csv: string;
}

export interface StallQuarter {
  key: string;
  label: string;
  status: StallQuarterStatus;
}

export interface ProgramFigures {
  programId: string;
  from: string;
  to: string;
  minimumCount: number;
  tables: FigureTable[];
  /** Every calendar quarter the period touches, and whether the stall reasons table shows it. */
  stallQuarters: StallQuarter[];
}

/**
 * The period's report in one operation: the caseload form and the figures are made from one
 * suppression (the api makes it once per request), so they are asked for together.
 */
export const ProgramReportQuery = gql<
  { caseloadReport: CaseloadReport; programFigures: ProgramFigures },
  { input: { programId: string; from: string; to: string } }
>`
  query ProgramReport($input: ReportPeriodInput!) {
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
    programFigures(input: $input) {
      programId
      from
      to
      minimumCount
      tables {
        key
        title
        rowsAre
        columns {
          key
          label
          definition
          kind
        }
        rows {
          key
          label
          cells {
            column
            value
            suppressed
          }
        }
        csv
      }
      stallQuarters {
        key
        label
        status
      }
    }
  }
`;
