import { UseGuards } from '@nestjs/common';
import { Args, Context, Query, Resolver } from '@nestjs/graphql';
import { SignedInGuard } from '../auth/guards.js';
import type { RequestContext } from '../auth/viewer.js';
import { CaseloadReportModel, ProgramFiguresModel, ReportableProgramModel, ReportPeriodInput } from './reporting.model.js';
import { ReportingService } from './reporting.service.js';

/** Thin: definitions and suppression live in caseload.ts and suppression.ts, access in the policy. */
@Resolver()
export class ReportingResolver {
  constructor(private readonly reporting: ReportingService) {}

  @Query(() => [ReportableProgramModel], { description: 'The court programs whose reports you read: your organisation’s, if you are a program administrator; else none.' })
  @UseGuards(SignedInGuard)
  reportablePrograms(@Context() ctx: RequestContext): Promise<ReportableProgramModel[]> {
    return this.reporting.programs(ctx.viewer!);
  }

  @Query(() => CaseloadReportModel, {
    description: "Program administrators: the NCSC ADR caseload report of one of their organisation's programs over a period, small cells suppressed.",
  })
  @UseGuards(SignedInGuard)
  caseloadReport(@Args('input') input: ReportPeriodInput, @Context() ctx: RequestContext): Promise<CaseloadReportModel> {
    return this.reporting.caseload(ctx.viewer!, input, ctx);
  }

  @Query(() => ProgramFiguresModel, {
    description:
      "Program administrators: settlement rates (each with its denominator named) by case type, referral source and court order, where referrals not fully settled went next, days from referral, how referrals ended by month, quarter or year, and figures by mediator, over the period's referrals, small cells suppressed together with the caseload form; and stall reasons by calendar quarter, only for the quarters of the period that have ended, suppressed on their own.",
  })
  @UseGuards(SignedInGuard)
  programFigures(@Args('input') input: ReportPeriodInput, @Context() ctx: RequestContext): Promise<ProgramFiguresModel> {
    return this.reporting.figures(ctx.viewer!, input, ctx);
  }
}
