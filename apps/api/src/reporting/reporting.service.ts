import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Viewer } from '../auth/viewer.js';
import { AppError, badInput, notFound } from '../common/errors.js';
import { can } from '../policy/policy.js';
import { CASELOAD_COLUMNS, CASELOAD_SQL, caseloadCsv, type CaseloadCounts, type CaseloadRow } from './caseload.js';
import { MEDIATORS_SQL, mediatorsPart, type MediatorCounts } from './mediators.js';
import { TREND_SQL, trendPart, trendUnit, type TrendCounts } from './trend.js';
import { STALL_SQL, stallTable, type StallCounts, type StallQuarter } from './stalls.js';
import { DAYS_SQL, figureCsv, NEXT_STEPS_SQL, OUTCOME_COUNTS_SQL, programReport, type DaysRow, type FigureTable, type NextStepRow, type OutcomeCountRow } from './figures.js';

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

  async caseload(viewer: Viewer, input: { programId: string; from: string; to: string }, request: object = {}): Promise<CaseloadReport> {
    const { program, report } = await this.report(viewer, input, request);
    return {
      programId: program.id,
      programName: program.name,
      timeZone: program.timeZone,
      from: input.from,
      to: input.to,
      minimumCount: program.minimumCount,
      suppressedCells: report.caseload.suppressedCells,
      columns: CASELOAD_COLUMNS.map((c) => ({ ...c })),
      rows: report.caseload.rows,
      csv: caseloadCsv(report.caseload.rows),
    };
  }

  /**
   * Settlement rates by case type, referral source and court order, where referrals not fully
   * settled went next, days from referral, how referrals ended by month or quarter, figures by
   * mediator, and stall reasons by ended quarter (suppressed on their own: stalls.ts), with the
   * quarters of the period and whether the stall table shows each.
   */
  async figures(
    viewer: Viewer,
    input: { programId: string; from: string; to: string },
    request: object = {},
  ): Promise<{ programId: string; from: string; to: string; minimumCount: number; tables: (FigureTable & { csv: string })[]; stallQuarters: StallQuarter[] }> {
    const { program, report, stalls } = await this.report(viewer, input, request);
    return {
      programId: program.id,
      from: input.from,
      to: input.to,
      minimumCount: program.minimumCount,
      tables: [...report.figures, stalls.table].map((t) => ({ ...t, csv: figureCsv(t) })),
      stallQuarters: stalls.quarters,
    };
  }

  /**
   * Every figure of the period, suppressed together (figures.ts `programReport`): whichever
   * output is asked for, its suppressions are the ones the other outputs have, so no two outputs
   * combine into a hidden count. Six statements over the program's rounds, once per request
   * (`request`, the GraphQL context) and period: the Reports page asks for the form and the
   * figures in one operation.
   */
  private report(viewer: Viewer, input: { programId: string; from: string; to: string }, request: object) {
    const key = `${input.programId}/${input.from}/${input.to}`;
    const made = this.perRequest.get(request) ?? new Map<string, ReturnType<ReportingService['makeReport']>>();
    this.perRequest.set(request, made);
    if (!made.has(key)) made.set(key, this.makeReport(viewer, input));
    return made.get(key)!;
  }

  /** Per GraphQL request (weakly held: gone with the request), the reports already made. */
  private readonly perRequest = new WeakMap<object, Map<string, ReturnType<ReportingService['makeReport']>>>();

  private async makeReport(viewer: Viewer, input: { programId: string; from: string; to: string }) {
    const program = await this.readableProgram(viewer, input);
    const params = [program.id, input.from, input.to];
    const [caseload, outcomes, days, nextSteps, trend, mediators, stalls] = await Promise.all([
      this.db.query(CASELOAD_SQL, params) as Promise<CaseloadCounts[]>,
      this.db.query(OUTCOME_COUNTS_SQL, params) as Promise<OutcomeCountRow[]>,
      this.db.query(DAYS_SQL, params) as Promise<DaysRow[]>,
      this.db.query(NEXT_STEPS_SQL, params) as Promise<NextStepRow[]>,
      this.db.query(TREND_SQL, [...params, trendUnit(input.from, input.to)]) as Promise<TrendCounts[]>,
      this.db.query(MEDIATORS_SQL, params) as Promise<MediatorCounts[]>,
      this.db.query(STALL_SQL, params) as Promise<StallCounts[]>,
    ]);
    const parts = [trendPart(trend, input.from, input.to), mediatorsPart(mediators)];
    return {
      program,
      report: programReport(caseload, outcomes, days, program.minimumCount, nextSteps, parts),
      stalls: stallTable(stalls, input.from, input.to, program.minimumCount),
    };
  }

  /** The program of a report, if the viewer reads its reports; the period checked. */
  private async readableProgram(viewer: Viewer, input: { programId: string; from: string; to: string }) {
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
    return program as { id: string; name: string; organisationId: string; timeZone: string; minimumCount: number };
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
