import { UseGuards } from '@nestjs/common';
import { Args, Context, ID, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { SignedInGuard } from '../auth/guards.js';
import type { RequestContext } from '../auth/viewer.js';
import { CaseModel, CaseEventTypeEnum, CaseStateModel, TimelineEntryModel, type DisputeTypeEnum, type SideRoleEnum, type CaseRoleEnum } from './case.model.js';
import { CasesService, type CaseRecord } from './cases.service.js';
import { CaseEventInput, toMachineEvent } from './dto/case-event.input.js';
import { CreateCaseInput } from './dto/create-case.input.js';

type CaseParent = CaseModel & { record: CaseRecord };

/** Thin: every rule lives in CasesService and the policy module. */
@Resolver(() => CaseModel)
export class CasesResolver {
  constructor(private readonly service: CasesService) {}

  @Query(() => [CaseModel], { description: 'The cases you take part in, most recently changed first.' })
  @UseGuards(SignedInGuard)
  async cases(@Context() ctx: RequestContext): Promise<CaseParent[]> {
    const records = await this.service.listForViewer(ctx.viewer!);
    return records.map((record) => this.toModel(record));
  }

  @Query(() => CaseModel)
  @UseGuards(SignedInGuard)
  async case(@Args('id', { type: () => ID }) id: string, @Context() ctx: RequestContext): Promise<CaseParent> {
    return this.toModel(await this.service.getForViewer(ctx.viewer!, id));
  }

  @Mutation(() => CaseModel, { description: 'Open a case with its sides; you become its mediator.' })
  @UseGuards(SignedInGuard)
  async createCase(@Args('input') input: CreateCaseInput, @Context() ctx: RequestContext): Promise<CaseParent> {
    return this.toModel(await this.service.create(ctx.viewer!, input));
  }

  @Mutation(() => CaseModel, {
    description:
      'Send one statechart event. Fails with VERSION_CONFLICT if the case changed since expectedVersion, INVALID_TRANSITION if the case cannot take the event now, FORBIDDEN if your role cannot send it.',
  })
  @UseGuards(SignedInGuard)
  async transitionCase(
    @Args('caseId', { type: () => ID }) caseId: string,
    @Args('expectedVersion', { type: () => Int }) expectedVersion: number,
    @Args('event') event: CaseEventInput,
    @Context() ctx: RequestContext,
  ): Promise<CaseParent> {
    return this.toModel(await this.service.transition(ctx.viewer!, caseId, expectedVersion, toMachineEvent(event)));
  }

  @ResolveField(() => [CaseEventTypeEnum], { description: 'Events the case accepts now that your role may send.' })
  allowedEvents(@Parent() parent: CaseParent): string[] {
    return this.service.allowedEventsFor(parent.record);
  }

  @ResolveField(() => [TimelineEntryModel], { description: 'Every transition, newest first.' })
  timeline(@Parent() parent: CaseParent): Promise<TimelineEntryModel[]> {
    return this.service.timeline(parent.id);
  }

  private toModel(record: CaseRecord): CaseParent {
    const { entity } = record;
    const state: CaseStateModel = this.service.stateOf(entity);
    return {
      record,
      id: entity.id,
      caption: entity.caption,
      docketNumber: entity.docketNumber,
      disputeType: entity.disputeType as DisputeTypeEnum,
      courtOrdered: entity.courtOrdered,
      state,
      version: entity.version,
      updatedAt: entity.updatedAt,
      sides: record.sides.map((s) => ({ id: s.id, label: s.label, role: s.role as SideRoleEnum })),
      myRoles: record.roles.map((r) => ({ role: r.role as CaseRoleEnum, sideId: r.sideId ?? null })),
    };
  }
}
