import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Viewer } from '../auth/viewer.js';
import { AppError, badInput, notFound } from '../common/errors.js';
import { can } from '../policy/policy.js';
import { CASELOAD_COLUMNS, CASELOAD_SQL, caseloadCsv, caseloadTable, type CaseloadCounts, type CaseloadRow } from './caseload.js';

/** The longest period one report covers: ten years, the span of a program's archive. */
const MAX_PERIOD_DAYS = 3660;

export interface CaseloadReport {
  programId: string;
  programName: string;
  timeZone: string;
  from: string;
  to: string;
  minimumCount: number;
  suppressedCells: number;
  columns: { key: string; label: string; definition: string }[];
  rows: CaseloadRow[];
  csv: string;
}

export interface ReportableProgram {
  id: string;
  name: string;
  timeZone: string;
  minimumCount: number;
}

/** Court programs' reports: computed in PostgreSQL from `program_rounds`, suppressed before they leave. */
@Injectable()
export class ReportingService {
  constructor(@Inject(DataSource) private readonly db: DataSource) {}

  async caseload(viewer: Viewer, input: { programId: string; from: string; to: string }): Promise<CaseloadReport> {
    if (input.from > input.to) throw badInput('input.to', 'the last day must be on or after the first day');
    const days = (Date.parse(`${input.to}T00:00:00Z`) - Date.parse(`${input.from}T00:00:00Z`)) / 86_400_000;
    if (days >= MAX_PERIOD_DAYS) throw badInput('input.to', 'a report covers at most ten years');
    const [program] = await this.db.query(
      `SELECT id, name, organisation_id AS "organisationId", time_zone AS "timeZone", report_min_count AS "minimumCount" FROM programs WHERE id = $1`,
      [input.programId],
    );
    if (!program || !can(viewer, { type: 'report.read', organisationId: program.organisationId })) {
      // A program of another organisation answers as one that does not exist.
      if (program?.organisationId === viewer.organisationId) throw new AppError('FORBIDDEN', 'Only the program’s administrators read its reports.');
      throw notFound('program');
    }
    const counts: CaseloadCounts[] = await this.db.query(CASELOAD_SQL, [program.id, input.from, input.to]);
    const table = caseloadTable(counts, program.minimumCount);
    return {
      programId: program.id,
      programName: program.name,
      timeZone: program.timeZone,
      from: input.from,
      to: input.to,
      minimumCount: program.minimumCount,
      suppressedCells: table.suppressedCells,
      columns: CASELOAD_COLUMNS.map((c) => ({ ...c })),
      rows: table.rows,
      csv: caseloadCsv(table.rows),
    };
  }

  /** The programs whose reports the viewer reads (none for anyone but a program administrator). */
  async programs(viewer: Viewer): Promise<ReportableProgram[]> {
    if (!can(viewer, { type: 'report.read', organisationId: viewer.organisationId })) return [];
    return this.db.query(
      `SELECT id, name, time_zone AS "timeZone", report_min_count AS "minimumCount" FROM programs WHERE organisation_id = $1 ORDER BY name, id`,
      [viewer.organisationId],
    );
  }
}
