import { Inject, Injectable, UseGuards } from '@nestjs/common';
import { Args, Context, ID, Mutation, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { DataSource } from 'typeorm';
import { SignedInGuard } from '../auth/guards.js';
import type { RequestContext, Viewer } from '../auth/viewer.js';
import { AppError, notFound } from '../common/errors.js';
import { can } from '../policy/policy.js';
import { CaseEditor } from './case-edit.js';
import { CaseModel, type CaseRoleEnum } from './case.model.js';
import { CasesResolver, mayRead, type CaseParent } from './cases.resolver.js';
import { isUuid, type CaseRow } from './cases.service.js';
import { COURT_REPORT_ROWS_SQL, contentOf, courtReportContent, type CourtReportRow } from './court-filing.js';
import { CourtReportFilingModel, type CourtReportStatusEnum, type ReportSettlementEnum } from './court-filing.model.js';
import { loadersFor } from './loaders.js';

/**
 * Filing a due report to the court: the case's mediator reviews what it says (the UMA §7
 * facts as they are now) and files it. Through the edit envelope: the case row is locked,
 * then the report and the actor's roles are read, the policy asked, the report fixed with its
 * content, its `MEDIATOR_REPORT` deadline closed and the filing put on the timeline, in one
 * transaction. A refusal writes nothing.
 */
@Injectable()
export class CourtFilingService {
  constructor(private readonly editor: CaseEditor) {}

  file(viewer: Viewer, caseId: string, reportId: string): Promise<CaseRow> {
    return this.editor.editCase(viewer, caseId, {
      authorize: ({ actor, row }) => {
        if (!can(actor, { type: 'courtReport.file', caseRoles: row.roles })) {
          throw new AppError('FORBIDDEN', "Only the case's mediator files its reports to the court.");
        }
      },
      write: async ({ tx, actor }) => {
        const [report] = (await tx.query(COURT_REPORT_ROWS_SQL('one'), [caseId, isUuid(reportId) ? reportId : null])) as CourtReportRow[];
        if (!report) throw notFound('report to the court');
        if (report.status === 'FILED') {
          throw new AppError(
            'ALREADY_FILED',
            `This report was filed on ${report.filedOn}${report.filedByName ? ` by ${report.filedByName}` : ''}. A filed report is on the record as it was filed: it cannot be filed again or changed.`,
          );
        }
        // The mediator who files is the one who reports.
        const content = courtReportContent({ ...report.facts, mediatorName: actor.displayName });
        const updated: unknown[] = await tx.query(
          `UPDATE court_reports SET status = 'FILED', content = $3, filed_at = now(), filed_by = $4
            WHERE id = $1 AND case_id = $2 AND status = 'DUE'
           RETURNING to_char(filed_at AT TIME ZONE $5, 'YYYY-MM-DD') AS "filedOn"`,
          [report.id, caseId, content, actor.userId, report.timeZone],
        );
        const [row] = (Array.isArray(updated[0]) ? updated[0] : updated) as { filedOn: string }[];
        if (!row) throw new AppError('ALREADY_FILED', 'This report was filed meanwhile. Reload the case to see it.');
        await tx.query(`UPDATE deadlines SET done_at = COALESCE(done_at, now()), updated_at = now() WHERE id = $1 AND case_id = $2`, [report.deadlineId, caseId]);
        return {
          entries: [{ type: 'COURT_REPORT_FILED', payload: { reportId: report.id, process: report.process, sessionOn: report.sessionOn, filedOn: row.filedOn } }],
          result: undefined,
        };
      },
    });
  }
}

/** `Case.courtReportFilings` (court-reportable) and the filing mutation. Thin: the rule is the policy's, the work the service's. */
@Resolver(() => CaseModel)
export class CourtFilingResolver {
  constructor(
    private readonly filings: CourtFilingService,
    private readonly cases: CasesResolver,
    @Inject(DataSource) private readonly db: DataSource,
  ) {}

  @ResolveField(() => [CourtReportFilingModel], {
    description:
      'The reports to the court of the ended sessions of this court-ordered case, oldest first: due ones (what they would say if filed now) and filed ones (what was filed). UMA §7 facts only; everyone on the case, the program administrator included.',
  })
  async courtReportFilings(@Parent() parent: CaseParent, @Context() ctx: RequestContext): Promise<CourtReportFilingModel[]> {
    if (!mayRead(ctx.viewer, parent, 'courtReportFilings')) return [];
    const rows = await loadersFor(ctx, this.db).courtReports.load(parent.id);
    // The deadline is case-shared: its id only for those who read the deadlines.
    const readsDeadlines = mayRead(ctx.viewer, parent, 'deadlines');
    return rows.map((row) => ({ ...filingModel(row), deadlineId: readsDeadlines ? row.deadlineId : null }));
  }

  @Mutation(() => CaseModel, {
    description:
      "The case's mediator files a due report to the court, as it reads now (UMA §7 facts only); its deadline is done and the filing is on the timeline. NOT_FOUND for a case you are not on or a report not of this case, FORBIDDEN unless you are its mediator, ALREADY_FILED for a report filed before. A refusal writes nothing.",
  })
  @UseGuards(SignedInGuard)
  async fileCourtReport(
    @Args('caseId', { type: () => ID }) caseId: string,
    @Args('reportId', { type: () => ID }) reportId: string,
    @Context() ctx: RequestContext,
  ): Promise<CaseParent> {
    return this.cases.toModel(await this.filings.file(ctx.viewer!, caseId, reportId));
  }
}

export function filingModel(row: CourtReportRow): CourtReportFilingModel {
  const content = contentOf(row);
  return {
    id: row.id,
    process: row.process,
    sessionOn: row.sessionOn,
    dueAt: row.dueAt,
    status: row.status as CourtReportStatusEnum,
    filedAt: row.filedAt,
    filedOn: row.filedOn,
    filedByName: row.filedByName,
    timeZone: row.timeZone,
    deadlineId: row.deadlineId,
    content: {
      ...content,
      settlement: content.settlement as ReportSettlementEnum,
      attendance: content.attendance.map((a) => ({ ...a, role: a.role as CaseRoleEnum })),
    },
  };
}
