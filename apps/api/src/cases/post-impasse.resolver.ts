import { Inject, Injectable, UseGuards } from '@nestjs/common';
import { Args, Context, ID, Mutation, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { DataSource } from 'typeorm';
import type { EventType } from '@impasse/case-machine';
import { PLAYBOOKS, playbookFor, recommendNextPaths, type DisputeType, type NextSteps, type PathEvent, type PathId } from '@impasse/next-steps';
import { SignedInGuard } from '../auth/guards.js';
import type { RequestContext, Viewer } from '../auth/viewer.js';
import { AppError, badInput } from '../common/errors.js';
import { can } from '../policy/policy.js';
import { CaseEditor } from './case-edit.js';
import { CaseModel } from './case.model.js';
import { CasesResolver, mayRead, type CaseParent } from './cases.resolver.js';
import { CasesService, type CaseRow } from './cases.service.js';
import { loadersFor, type CaseLoaders } from './loaders.js';
import { DebriefModel, PlaybookModel, RecommendationsModel, type PathEventModel } from './post-impasse.model.js';
import { currentPath, debriefMissing, nextStepsInput } from './post-impasse.js';

/** Playbook progress: ticking an item goes through the edit envelope and notes itself on the timeline. */
@Injectable()
export class PlaybookService {
  constructor(private readonly editor: CaseEditor) {}

  setItemDone(viewer: Viewer, caseId: string, itemId: string, done: boolean): Promise<CaseRow> {
    return this.editor.editCase(viewer, caseId, {
      authorize: ({ actor, row }) => {
        if (!can(actor, { type: 'case.nextSteps', caseRoles: row.roles })) {
          throw new AppError('FORBIDDEN', 'Only the mediator and counsel tick playbook items.');
        }
        if (!playbookItemIds(row.disputeType).has(itemId)) throw badInput('itemId', 'no playbook item with that id applies to this case');
      },
      write: async ({ tx, actor }) => {
        const changed: unknown[] = done
          ? await tx.query(
              `INSERT INTO case_playbook_items (case_id, item_id, done_by) VALUES ($1, $2, $3) ON CONFLICT (case_id, item_id) DO NOTHING RETURNING item_id`,
              [caseId, itemId, actor.userId],
            )
          : await tx.query(`DELETE FROM case_playbook_items WHERE case_id = $1 AND item_id = $2 RETURNING item_id`, [caseId, itemId]);
        const rows = Array.isArray(changed[0]) ? (changed[0] as unknown[]) : changed;
        // Already so: nothing to note.
        if (rows.length === 0) return { entries: [], result: undefined };
        return { entries: [{ type: done ? 'PLAYBOOK_ITEM_DONE' : 'PLAYBOOK_ITEM_REOPENED', payload: { itemId } }], result: undefined };
      },
    });
  }
}

/** Every playbook item id that applies to a dispute type, whatever the path. */
function playbookItemIds(disputeType: string): Set<string> {
  return new Set(
    PLAYBOOKS.filter((p) => p.disputeTypes === 'ANY' || p.disputeTypes.includes(disputeType as DisputeType)).flatMap((p) => p.items.map((i) => i.id)),
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
      'The checklist for the dispute type and path (the top recommendation for the case as a whole in impasse, else the path the case is on), with progress. Null when no path applies.',
  })
  async playbook(@Parent() parent: CaseParent, @Context() ctx: RequestContext): Promise<PlaybookModel | null> {
    if (!mayRead(ctx.viewer, parent, 'playbook')) return null;
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
    const done = new Map((await loaders.playbookDone.load(parent.id)).map((d) => [d.itemId, d.doneAt]));
    const items = playbookFor(parent.row.disputeType as DisputeType, path).map((item) => ({
      id: item.id,
      label: item.label,
      done: done.has(item.id),
      doneAt: done.get(item.id) ?? null,
    }));
    return { path, items, done: items.filter((i) => i.done).length, total: items.length };
  }

  @Mutation(() => CaseModel, {
    description: 'Tick (or untick) a playbook item of the case. Mediator and counsel; an unknown item id is BAD_USER_INPUT.',
  })
  @UseGuards(SignedInGuard)
  async setPlaybookItemDone(
    @Args('caseId', { type: () => ID }) caseId: string,
    @Args('itemId') itemId: string,
    @Args('done') done: boolean,
    @Context() ctx: RequestContext,
  ): Promise<CaseParent> {
    return this.cases.toModel(await this.playbooks.setItemDone(ctx.viewer!, caseId, itemId, done));
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
