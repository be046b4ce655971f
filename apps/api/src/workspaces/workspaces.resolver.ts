import { Inject, UseGuards } from '@nestjs/common';
import { Args, Context, ID, Mutation, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { DataSource } from 'typeorm';
import { SignedInGuard } from '../auth/guards.js';
import type { RequestContext, Viewer } from '../auth/viewer.js';
import { CaseModel } from '../cases/case.model.js';
import type { CaseParent } from '../cases/cases.resolver.js';
import { loadersFor, type MediatorNoteRow, type WorkspaceItemRow } from '../cases/loaders.js';
import { can, ownSide } from '../policy/policy.js';
import { MediatorNoteInput, UpdateMediatorNoteInput, UpdateWorkspaceItemInput, WorkspaceItemInput } from './dto/workspace.input.js';
import {
  MediatorNoteModel,
  SideWorkspaceModel,
  WorkspaceItemModel,
  type HiddenIssueCategoryEnum,
  type WorkspaceItemKindEnum,
} from './workspace.model.js';
import { WorkspacesService } from './workspaces.service.js';

const num = (value: string | null) => (value === null ? null : Number(value));

export function toItemModel(row: WorkspaceItemRow): WorkspaceItemModel {
  const batna =
    row.kind === 'BATNA'
      ? {
          nextWeek: row.nextWeek,
          threeMonths: row.threeMonths,
          costToDecision: row.costToDecision,
          whoDecides: row.whoDecides,
          probability: num(row.probability),
          rangeLow: num(row.rangeLow),
          rangeHigh: num(row.rangeHigh),
        }
      : null;
  return {
    id: row.id,
    sideId: row.sideId,
    kind: row.kind as WorkspaceItemKindEnum,
    body: row.body,
    amount: num(row.amount),
    currency: row.currency,
    nonMoneyTerms: row.nonMoneyTerms,
    category: row.category as HiddenIssueCategoryEnum | null,
    batna,
    sharedWithMediator: row.sharedWithMediator,
    createdByName: row.createdByName,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

const toNoteModel = (row: MediatorNoteRow): MediatorNoteModel => ({
  id: row.id,
  body: row.body,
  caucusSideId: row.caucusSideId,
  createdAt: row.createdAt,
  updatedAt: row.updatedAt,
});

/** Each row passes the policy on its own: the loaders read every side's rows of a case. */
const readableItem = (viewer: Viewer | null, parent: CaseParent, item: WorkspaceItemRow) =>
  can(viewer, { type: 'field.read', tier: 'side-private', caseRoles: parent.row.roles, sideId: item.sideId, sharedWithMediator: item.sharedWithMediator });

/** The side-private and mediator-private tiers of a case, and their edits. */
@Resolver(() => CaseModel)
export class WorkspacesResolver {
  constructor(
    private readonly service: WorkspacesService,
    @Inject(DataSource) private readonly db: DataSource,
  ) {}

  @ResolveField(() => SideWorkspaceModel, {
    nullable: true,
    description:
      "Your side's private workspace (visible to your side only). Null unless you are counsel or a party of a side; if you are on several sides, pass sideId.",
  })
  async myWorkspace(
    @Parent() parent: CaseParent,
    @Context() ctx: RequestContext,
    @Args('sideId', { type: () => ID, nullable: true }) sideId?: string | null,
  ): Promise<SideWorkspaceModel | null> {
    const chosen = sideId ?? ownSide(parent.row.roles);
    if (!chosen || !can(ctx.viewer, { type: 'field.read', tier: 'side-private', caseRoles: parent.row.roles, sideId: chosen })) return null;
    const loaders = loadersFor(ctx, this.db);
    const [items, sides, participants] = await Promise.all([
      loaders.workspaceItems.load(parent.id),
      loaders.sides.load(parent.id),
      loaders.participants.load(parent.id),
    ]);
    const side = sides.find((s) => s.id === chosen);
    if (!side) return null;
    return {
      sideId: side.id,
      sideLabel: side.label,
      visibleTo: participants.filter((p) => p.sideId === side.id).map((p) => ({ participantId: p.id, name: p.name, role: p.role })),
      items: items.filter((item) => item.sideId === chosen && readableItem(ctx.viewer, parent, item)).map(toItemModel),
    };
  }

  @ResolveField(() => [WorkspaceItemModel], {
    description: "Items the sides chose to share with the mediator. For the case's mediator; empty for everyone else.",
  })
  async sharedWithMediator(@Parent() parent: CaseParent, @Context() ctx: RequestContext): Promise<WorkspaceItemModel[]> {
    if (!parent.row.roles.some((r) => r.role === 'MEDIATOR')) return [];
    const mediatorRoles = parent.row.roles.filter((r) => r.role === 'MEDIATOR');
    const items = await loadersFor(ctx, this.db).workspaceItems.load(parent.id);
    return items
      .filter((item) =>
        can(ctx.viewer, { type: 'field.read', tier: 'side-private', caseRoles: mediatorRoles, sideId: item.sideId, sharedWithMediator: item.sharedWithMediator }),
      )
      .map(toItemModel);
  }

  @ResolveField(() => [MediatorNoteModel], { description: 'Your own mediator notes on this case (visible to you only); empty for everyone else.' })
  async mediatorNotes(@Parent() parent: CaseParent, @Context() ctx: RequestContext): Promise<MediatorNoteModel[]> {
    if (!parent.row.roles.some((r) => r.role === 'MEDIATOR')) return [];
    const notes = await loadersFor(ctx, this.db).mediatorNotes.load(parent.id);
    return notes
      .filter((note) => can(ctx.viewer, { type: 'field.read', tier: 'mediator-private', caseRoles: parent.row.roles, authorUserId: note.authorUserId }))
      .map(toNoteModel);
  }

  @Mutation(() => WorkspaceItemModel, { description: "Add an item to your side's private workspace. Not on the timeline; nobody else is told." })
  @UseGuards(SignedInGuard)
  async addWorkspaceItem(
    @Args('caseId', { type: () => ID }) caseId: string,
    @Args('sideId', { type: () => ID }) sideId: string,
    @Args('input') input: WorkspaceItemInput,
    @Context() ctx: RequestContext,
  ): Promise<WorkspaceItemModel> {
    return toItemModel(await this.service.addItem(ctx.viewer!, caseId, sideId, input));
  }

  @Mutation(() => WorkspaceItemModel, { description: 'Change an item of your side\'s workspace; omitted fields stay, null clears.' })
  @UseGuards(SignedInGuard)
  async updateWorkspaceItem(
    @Args('id', { type: () => ID }) id: string,
    @Args('input') input: UpdateWorkspaceItemInput,
    @Context() ctx: RequestContext,
  ): Promise<WorkspaceItemModel> {
    return toItemModel(await this.service.updateItem(ctx.viewer!, id, input));
  }

  @Mutation(() => ID, { description: 'Delete an item of your side\'s workspace for good. Returns its id.' })
  @UseGuards(SignedInGuard)
  deleteWorkspaceItem(@Args('id', { type: () => ID }) id: string, @Context() ctx: RequestContext): Promise<string> {
    return this.service.deleteItem(ctx.viewer!, id);
  }

  @Mutation(() => WorkspaceItemModel, { description: 'Show an item of your side\'s workspace to the mediator, or stop showing it.' })
  @UseGuards(SignedInGuard)
  async shareWorkspaceItemWithMediator(
    @Args('id', { type: () => ID }) id: string,
    @Args('shared') shared: boolean,
    @Context() ctx: RequestContext,
  ): Promise<WorkspaceItemModel> {
    return toItemModel(await this.service.shareItem(ctx.viewer!, id, shared));
  }

  @Mutation(() => MediatorNoteModel, { description: 'Write a private mediator note (the mediator of the case). Not on the timeline.' })
  @UseGuards(SignedInGuard)
  async addMediatorNote(
    @Args('caseId', { type: () => ID }) caseId: string,
    @Args('input') input: MediatorNoteInput,
    @Context() ctx: RequestContext,
  ): Promise<MediatorNoteModel> {
    return toNoteModel(await this.service.addNote(ctx.viewer!, caseId, input));
  }

  @Mutation(() => MediatorNoteModel, { description: 'Change one of your mediator notes.' })
  @UseGuards(SignedInGuard)
  async updateMediatorNote(
    @Args('id', { type: () => ID }) id: string,
    @Args('input') input: UpdateMediatorNoteInput,
    @Context() ctx: RequestContext,
  ): Promise<MediatorNoteModel> {
    return toNoteModel(await this.service.updateNote(ctx.viewer!, id, input));
  }

  @Mutation(() => ID, { description: 'Delete one of your mediator notes for good. Returns its id.' })
  @UseGuards(SignedInGuard)
  deleteMediatorNote(@Args('id', { type: () => ID }) id: string, @Context() ctx: RequestContext): Promise<string> {
    return this.service.deleteNote(ctx.viewer!, id);
  }
}
