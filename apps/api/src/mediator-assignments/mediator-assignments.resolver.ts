import { Inject, UseGuards } from '@nestjs/common';
import { Args, Context, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { DataSource } from 'typeorm';
import { SignedInGuard } from '../auth/guards.js';
import type { RequestContext } from '../auth/viewer.js';
import { CaseModel } from '../cases/case.model.js';
import { CasesResolver, mayRead, type CaseParent } from '../cases/cases.resolver.js';
import { CasesService } from '../cases/cases.service.js';
import { loadersFor } from '../cases/loaders.js';
import {
  MediatorAssignmentModel,
  MediatorSummaryModel,
  type ConflictFindingKindEnum,
  type MediatorAssignmentStatusEnum,
} from './mediator-assignment.model.js';
import { MediatorAssignmentsService } from './mediator-assignments.service.js';

/** Thin: the conflict check's rules live in MediatorAssignmentsService and the policy module. */
@Resolver(() => CaseModel)
export class MediatorAssignmentsResolver {
  constructor(
    private readonly service: MediatorAssignmentsService,
    private readonly cases: CasesResolver,
    private readonly casesService: CasesService,
    @Inject(DataSource) private readonly db: DataSource,
  ) {}

  @Query(() => [MediatorSummaryModel], {
    description: "Mediators and program administrators: the mediators of your own organisation, to choose whom to propose for a case.",
  })
  @UseGuards(SignedInGuard)
  mediatorsOfMyOrganisation(@Context() ctx: RequestContext): Promise<MediatorSummaryModel[]> {
    return this.service.mediatorsOfOrganisation(ctx.viewer!);
  }

  @Mutation(() => CaseModel, {
    description:
      "The case's program administrator or mediator proposes a mediator of the organisation. Runs the conflict inquiry: with findings, every active side must acknowledge the disclosure before the mediator joins; with none, the mediator joins at once.",
  })
  @UseGuards(SignedInGuard)
  async proposeMediator(
    @Args('caseId', { type: () => ID }) caseId: string,
    @Args('userId', { type: () => ID }) userId: string,
    @Context() ctx: RequestContext,
  ): Promise<CaseParent> {
    return this.cases.toModel(await this.service.propose(ctx.viewer!, caseId, userId));
  }

  @Mutation(() => CaseModel, {
    description: "Counsel or a party acknowledges the mediator's conflict disclosure for their own side; the last active side's acknowledgement assigns the mediator.",
  })
  @UseGuards(SignedInGuard)
  async acknowledgeMediatorDisclosure(
    @Args('caseId', { type: () => ID }) caseId: string,
    @Args('sideId', { type: () => ID }) sideId: string,
    @Context() ctx: RequestContext,
  ): Promise<CaseParent> {
    return this.cases.toModel(await this.service.acknowledge(ctx.viewer!, caseId, sideId));
  }

  @ResolveField(() => MediatorAssignmentModel, {
    nullable: true,
    description: 'The latest mediator proposal and its conflict disclosure (UMA §9). Null when there is none, and for a program administrator.',
  })
  async mediatorAssignment(@Parent() parent: CaseParent, @Context() ctx: RequestContext): Promise<MediatorAssignmentModel | null> {
    if (!mayRead(ctx.viewer, parent, 'mediatorAssignment')) return null;
    const [row] = await loadersFor(ctx, this.db).mediatorAssignments.load(parent.id);
    if (!row) return null;
    const pending = row.status === 'PROPOSED' || row.status === 'DISCLOSED';
    const active = this.casesService.contextOf(parent.row).sides.filter((s) => s.status === 'ACTIVE');
    return {
      id: row.id,
      mediatorName: row.mediatorName,
      status: row.status as MediatorAssignmentStatusEnum,
      findings: row.findings.map((f) => ({ kind: f.kind as ConflictFindingKindEnum, sentence: f.sentence })),
      acknowledgedSideIds: row.acknowledgedSideIds,
      awaitingSideIds: pending ? active.filter((s) => !row.acknowledgedSideIds.includes(s.id)).map((s) => s.id) : [],
      proposedAt: row.proposedAt,
      acceptedAt: row.acceptedAt,
    };
  }
}
