import { Inject, Injectable, UseGuards } from '@nestjs/common';
import { Args, Context, ID, Mutation, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { DataSource } from 'typeorm';
import type { EventType } from '@impasse/case-machine';
import {
  PLAYBOOKS,
  playbookFor,
  playbookItem,
  recommendNextPaths,
  type DisputeType,
  type NextSteps,
  type PathEvent,
  type PathId,
  type PlaybookItemKind,
} from '@impasse/next-steps';
import { SignedInGuard } from '../auth/guards.js';
import type { RequestContext, Viewer } from '../auth/viewer.js';
import { AppError, badInput, notFound } from '../common/errors.js';
import { can, ownSide } from '../policy/policy.js';
import { CASE_FIELD_TIERS } from '../policy/tiers.js';
import { CaseEditor } from './case-edit.js';
import { CaseModel } from './case.model.js';
import { CasesResolver, mayRead, type CaseParent } from './cases.resolver.js';
import { CasesService, type CaseRow } from './cases.service.js';
import { loadersFor, type CaseLoaders } from './loaders.js';
import { DebriefModel, PlaybookModel, RecommendationsModel, SideStrategyModel, type PathEventModel, type PlaybookItemModel } from './post-impasse.model.js';
import { currentPath, debriefMissing, nextStepsInput } from './post-impasse.js';

/** Process checklist progress (case-shared): ticking an item goes through the edit envelope and notes itself on the timeline. */
@Injectable()
export class PlaybookService {
  constructor(private readonly editor: CaseEditor) {}

  setItemDone(viewer: Viewer, caseId: string, itemId: string, done: boolean): Promise<CaseRow> {
    return this.editor.editCase(viewer, caseId, {
      authorize: ({ actor, row }) => {
        if (!can(actor, { type: 'case.tickProcess', caseRoles: row.roles })) {
          throw new AppError('FORBIDDEN', 'Only the mediator and the sides tick the process checklist.');
        }
        if (!playbookItemIds(row.disputeType, 'PROCESS').has(itemId)) throw badInput('itemId', 'no playbook item with that id applies to this case');
      },
      write: async ({ tx, actor }) => {
        const changed: unknown[] = done
          ? await tx.query(
              `INSERT INTO case_playbook_items (case_id, item_id, done_by) VALUES ($1, $2, $3) ON CONFLICT (case_id, item_id) WHERE side_id IS NULL DO NOTHING RETURNING item_id`,
              [caseId, itemId, actor.userId],
            )
          : await tx.query(`DELETE FROM case_playbook_items WHERE case_id = $1 AND item_id = $2 AND side_id IS NULL RETURNING item_id`, [caseId, itemId]);
        const rows = Array.isArray(changed[0]) ? (changed[0] as unknown[]) : changed;
        // Already so: nothing to note.
        if (rows.length === 0) return { entries: [], result: undefined };
        return { entries: [{ type: done ? 'PLAYBOOK_ITEM_DONE' : 'PLAYBOOK_ITEM_REOPENED', payload: { itemId } }], result: undefined };
      },
    });
  }
}

/**
 * A side's strategy checklist (side-private), like its workspace: only that side's counsel and
 * parties tick it, and a tick writes nothing to the timeline and tells no one else (its
 * existence is the side's own).
 */
@Injectable()
export class SideStrategyService {
  constructor(
    private readonly cases: CasesService,
    private readonly editor: CaseEditor,
  ) {}

  /** Through the edit envelope, privately: nothing on the timeline, no notice, no version. */
  async setItemDone(viewer: Viewer, caseId: string, itemId: string, done: boolean, sideId: string | null): Promise<CaseRow> {
    await this.editor.edit(viewer, caseId, {
      authorize: ({ actor, row }) => {
        if (!can(actor, { type: 'case.tickStrategy', caseRoles: row.roles })) {
          throw new AppError('FORBIDDEN', 'A strategy item belongs to a side: only that side’s counsel and parties tick it.');
        }
        if (!playbookItemIds(row.disputeType, 'STRATEGY').has(itemId)) throw badInput('itemId', 'no playbook item with that id applies to this case');
      },
      write: async ({ tx, actor, row }) => {
        const side = strategySide(actor, row, sideId);
        if (done) {
          await tx.query(
            `INSERT INTO case_playbook_items (case_id, side_id, item_id, done_by) VALUES ($1, $2, $3, $4)
             ON CONFLICT (case_id, side_id, item_id) WHERE side_id IS NOT NULL DO NOTHING`,
            [caseId, side, itemId, actor.userId],
          );
        } else {
          await tx.query(`DELETE FROM case_playbook_items WHERE case_id = $1 AND side_id = $2 AND item_id = $3`, [caseId, side, itemId]);
        }
        return { entries: [], result: undefined };
      },
    });
    return this.cases.getForViewer(viewer, caseId);
  }
}

/** The side whose strategy checklist the viewer means: the one named (theirs, else NOT_FOUND, as a side they may not touch), or their only one. */
function strategySide(viewer: Viewer | null, row: CaseRow, sideId: string | null): string {
  if (sideId) {
    if (!can(viewer, { type: 'case.tickStrategy', caseRoles: row.roles, sideId })) throw notFound('side');
    return sideId;
  }
  // Authorized before this: the viewer is counsel or party, so of exactly one side.
  return ownSide(row.roles)!;
}

/** Every playbook item id of one kind that applies to a dispute type, whatever the path. */
function playbookItemIds(disputeType: string, kind: PlaybookItemKind): Set<string> {
  return new Set(
    PLAYBOOKS.filter((p) => p.disputeTypes === 'ANY' || p.disputeTypes.includes(disputeType as DisputeType))
      .flatMap((p) => p.items)
      .filter((i) => i.kind === kind)
      .map((i) => i.id),
  );
}

function eventModel(event: PathEvent): PathEventModel {
  return {
    type: event.type,
    mediator: 'mediator' in event ? event.mediator : null,
    binding: 'binding' in event ? event.binding : null,
  };
}

/** The post-impasse fields of `Case` (issue 6) and the playbook mutation. */
@Resolver(() => CaseModel)
export class PostImpasseResolver {
  constructor(
    private readonly service: CasesService,
    private readonly cases: CasesResolver,
    private readonly playbooks: PlaybookService,
    private readonly strategies: SideStrategyService,
    @Inject(DataSource) private readonly db: DataSource,
  ) {}

  @ResolveField(() => DebriefModel, {
    nullable: true,
    description: 'The latest debrief (after a session in partial or no agreement); null when none was opened, and for a program administrator.',
  })
  async debrief(@Parent() parent: CaseParent, @Context() ctx: RequestContext): Promise<DebriefModel | null> {
    if (!mayRead(ctx.viewer, parent, 'debrief')) return null;
    const [row] = await loadersFor(ctx, this.db).debriefs.load(parent.id);
    if (!row) return null;
    return {
      openedAt: row.openedAt,
      dueAt: row.dueAt,
      completedAt: row.completedAt,
      overdue: row.overdue,
      missing: row.completedAt ? [] : debriefMissing(this.service.contextOf(parent.row)),
    };
  }

  @ResolveField(() => RecommendationsModel, {
    nullable: true,
    description:
      'In impasse: the paths out, ranked, each with its reasons, and the excluded ones with why; only paths you may start are recommended. Mediator and counsel only; null otherwise.',
  })
  async recommendations(@Parent() parent: CaseParent, @Context() ctx: RequestContext): Promise<RecommendationsModel | null> {
    if (!mayRead(ctx.viewer, parent, 'recommendations') || !can(ctx.viewer, { type: 'case.nextSteps', caseRoles: parent.row.roles })) return null;
    if (this.service.stateOf(parent.row).resolution !== 'impasse') return null;
    const steps = await this.recommend(parent.row, loadersFor(ctx, this.db), this.service.allowedEventsFor(parent.row));
    return {
      recommended: steps.recommended.map((r) => ({ ...r, event: eventModel(r.event) })),
      excluded: steps.excluded.map((e) => ({ ...e, event: eventModel(e.event) })),
      firedRules: steps.firedRules,
    };
  }

  @ResolveField(() => PlaybookModel, {
    nullable: true,
    description:
      'The process checklist (case-shared: the mediator and every side see and tick it) for the dispute type and path (the top recommendation for the case as a whole in impasse, else the path the case is on), with progress. Null when no path applies or the path has no process steps. A side\'s strategy is in myStrategy.',
  })
  async playbook(@Parent() parent: CaseParent, @Context() ctx: RequestContext): Promise<PlaybookModel | null> {
    if (!mayRead(ctx.viewer, parent, 'playbook')) return null;
    return this.checklist(parent, ctx, 'PROCESS', null);
  }

  @ResolveField(() => SideStrategyModel, {
    nullable: true,
    description:
      "Your side's strategy checklist for the same path (visible to your side only: litigation and negotiation steps such as collecting records). Null unless you are counsel or a party of a side, or when it has no steps; if you are on several sides, pass sideId.",
  })
  async myStrategy(
    @Parent() parent: CaseParent,
    @Context() ctx: RequestContext,
    @Args('sideId', { type: () => ID, nullable: true }) sideId?: string | null,
  ): Promise<SideStrategyModel | null> {
    const chosen = sideId ?? ownSide(parent.row.roles);
    if (!chosen || !can(ctx.viewer, { type: 'field.read', tier: CASE_FIELD_TIERS.myStrategy, caseRoles: parent.row.roles, sideId: chosen })) return null;
    const checklist = await this.checklist(parent, ctx, 'STRATEGY', chosen);
    return checklist ? { sideId: chosen, ...checklist } : null;
  }

  @Mutation(() => CaseModel, {
    description:
      "Tick (or untick) a playbook item of the case. A process item: the mediator and the sides, on the timeline. A strategy item: your side's counsel and parties, for your side (pass sideId if you are on several), never on the timeline. An unknown item id is BAD_USER_INPUT.",
  })
  @UseGuards(SignedInGuard)
  async setPlaybookItemDone(
    @Args('caseId', { type: () => ID }) caseId: string,
    @Args('itemId') itemId: string,
    @Args('done') done: boolean,
    @Context() ctx: RequestContext,
    @Args('sideId', { type: () => ID, nullable: true }) sideId?: string | null,
  ): Promise<CaseParent> {
    const row =
      playbookItem(itemId)?.kind === 'STRATEGY'
        ? await this.strategies.setItemDone(ctx.viewer!, caseId, itemId, done, sideId ?? null)
        : await this.playbooks.setItemDone(ctx.viewer!, caseId, itemId, done);
    return this.cases.toModel(row);
  }

  /** The items of one kind for the case's path, with progress (the side's, for a strategy checklist); null when there are none. */
  private async checklist(
    parent: CaseParent,
    ctx: RequestContext,
    kind: PlaybookItemKind,
    sideId: string | null,
  ): Promise<{ path: string; items: PlaybookItemModel[]; done: number; total: number } | null> {
    const loaders = loadersFor(ctx, this.db);
    const resolution = this.service.stateOf(parent.row).resolution;
    let path: PathId | null;
    if (resolution === 'impasse') {
      // The case as a whole (not this viewer's permissions), so every reader sees one checklist.
      path = (await this.recommend(parent.row, loaders, this.service.enabledEventsFor(parent.row))).recommended[0]?.path ?? null;
    } else {
      path = currentPath(resolution, (await loaders.debriefs.load(parent.id)).length > 0);
    }
    if (!path) return null;
    const done = new Map((await loaders.playbookDone.load(parent.id)).filter((d) => d.sideId === sideId).map((d) => [d.itemId, d.doneAt]));
    const items = playbookFor(parent.row.disputeType as DisputeType, path)
      .filter((item) => item.kind === kind)
      .map((item) => ({ id: item.id, label: item.label, kind: item.kind, done: done.has(item.id), doneAt: done.get(item.id) ?? null }));
    if (items.length === 0) return null;
    return { path, items, done: items.filter((i) => i.done).length, total: items.length };
  }

  private async recommend(row: CaseRow, loaders: CaseLoaders, allowed: readonly EventType[]): Promise<NextSteps> {
    const deadlines = await loaders.deadlines.load(row.id);
    return recommendNextPaths(
      nextStepsInput({
        now: new Date(),
        disputeType: row.disputeType,
        courtOrdered: row.courtOrdered,
        litigationState: row.litigationState,
        context: this.service.contextOf(row),
        deadlines,
        allowedEvents: allowed,
      }),
    );
  }
}
