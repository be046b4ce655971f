import { UseGuards } from '@nestjs/common';
import { Args, Context, ID, Mutation, Resolver } from '@nestjs/graphql';
import { SignedInGuard } from '../auth/guards.js';
import type { RequestContext } from '../auth/viewer.js';
import { CaseModel } from './case.model.js';
import { CaseRecordsService } from './case-records.service.js';
import { CasesResolver, type CaseParent } from './cases.resolver.js';
import {
  AgreementTermsInput,
  DeadlineInput,
  RecordAttendanceInput,
  SessionInput,
  UpdateDeadlineInput,
  UpdateIssueInput,
  UpdateSessionInput,
} from './dto/records.input.js';

const caseId = () => Args('caseId', { type: () => ID });

/** Edits of a case's records; each returns the case as the viewer now sees it. */
@Resolver(() => CaseModel)
export class CaseRecordsResolver {
  constructor(
    private readonly records: CaseRecordsService,
    private readonly cases: CasesResolver,
  ) {}

  @Mutation(() => CaseModel, { description: 'Rename or describe an issue. Its status changes only through events.' })
  @UseGuards(SignedInGuard)
  async updateIssue(
    @caseId() id: string,
    @Args('issueId', { type: () => ID }) issueId: string,
    @Args('input') input: UpdateIssueInput,
    @Context() ctx: RequestContext,
  ): Promise<CaseParent> {
    return this.cases.toModel(await this.records.updateIssue(ctx.viewer!, id, issueId, input));
  }

  @Mutation(() => CaseModel, { description: 'Put a mediation session on the calendar (mediator).' })
  @UseGuards(SignedInGuard)
  async scheduleSession(@caseId() id: string, @Args('input') input: SessionInput, @Context() ctx: RequestContext): Promise<CaseParent> {
    return this.cases.toModel(await this.records.scheduleSession(ctx.viewer!, id, input));
  }

  @Mutation(() => CaseModel, { description: 'Move a session or change its format (mediator).' })
  @UseGuards(SignedInGuard)
  async updateSession(
    @caseId() id: string,
    @Args('sessionId', { type: () => ID }) sessionId: string,
    @Args('input') input: UpdateSessionInput,
    @Context() ctx: RequestContext,
  ): Promise<CaseParent> {
    return this.cases.toModel(await this.records.updateSession(ctx.viewer!, id, sessionId, input));
  }

  @Mutation(() => CaseModel, { description: 'Record who attended a session and who had authority to settle (mediator).' })
  @UseGuards(SignedInGuard)
  async recordAttendance(
    @caseId() id: string,
    @Args('sessionId', { type: () => ID }) sessionId: string,
    @Args('input') input: RecordAttendanceInput,
    @Context() ctx: RequestContext,
  ): Promise<CaseParent> {
    return this.cases.toModel(await this.records.recordAttendance(ctx.viewer!, id, sessionId, input));
  }

  @Mutation(() => CaseModel, { description: 'Add a deadline; deadlines never pause after mediation.' })
  @UseGuards(SignedInGuard)
  async addDeadline(@caseId() id: string, @Args('input') input: DeadlineInput, @Context() ctx: RequestContext): Promise<CaseParent> {
    return this.cases.toModel(await this.records.addDeadline(ctx.viewer!, id, input));
  }

  @Mutation(() => CaseModel, { description: 'Change a deadline, or mark it done.' })
  @UseGuards(SignedInGuard)
  async updateDeadline(
    @caseId() id: string,
    @Args('deadlineId', { type: () => ID }) deadlineId: string,
    @Args('input') input: UpdateDeadlineInput,
    @Context() ctx: RequestContext,
  ): Promise<CaseParent> {
    return this.cases.toModel(await this.records.updateDeadline(ctx.viewer!, id, deadlineId, input));
  }

  @Mutation(() => CaseModel, { description: 'Write the agreed terms of an issue in a pending written agreement.' })
  @UseGuards(SignedInGuard)
  async setAgreementTerms(@caseId() id: string, @Args('input') input: AgreementTermsInput, @Context() ctx: RequestContext): Promise<CaseParent> {
    return this.cases.toModel(await this.records.setAgreementTerms(ctx.viewer!, id, input));
  }
}
