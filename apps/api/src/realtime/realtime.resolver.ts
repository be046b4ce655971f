import { Inject, Logger, UseGuards, type OnModuleInit } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { Args, Context, Field, ID, ObjectType, Resolver, Subscription } from '@nestjs/graphql';
import { SignedInGuard } from '../auth/guards.js';
import type { RequestContext } from '../auth/viewer.js';
import { CaseModel } from '../cases/case.model.js';
import { CasesResolver } from '../cases/cases.resolver.js';
import { AppError, unauthenticated } from '../common/errors.js';
import { CaseAudience } from './case-audience.js';
import { CaseChangeListener } from './case-change.listener.js';
import { deliveries, unwrap, type Delivery } from './change-feed.js';
import { freshContext, type SocketContext } from './socket-transport.js';
import { SubscriptionQuota } from './subscription-quota.js';

/** What the `case(id)` query returns (a Case with what its field resolvers need). */
type CaseView = Awaited<ReturnType<CasesResolver['case']>>;

@ObjectType('PipelineChange', { description: 'Something changed among the cases you take part in.' })
export class PipelineChangeModel {
  @Field(() => ID, { nullable: true, description: 'The case that changed; null when `resync` is true.' })
  caseId!: string | null;

  @Field({
    description:
      'True when the server may have missed changes (its database listener reconnected): refetch the whole pipeline.',
  })
  resync!: boolean;
}

/**
 * Live updates over graphql-ws. Only case ids travel between instances (PostgreSQL NOTIFY,
 * after commit); each subscription reloads, as its own viewer, what that viewer may see.
 */
@Resolver()
export class RealtimeResolver implements OnModuleInit {
  private readonly logger = new Logger(RealtimeResolver.name);
  private cases!: CasesResolver;

  constructor(
    private readonly listener: CaseChangeListener,
    private readonly audience: CaseAudience,
    private readonly quota: SubscriptionQuota,
    @Inject(ModuleRef) private readonly moduleRef: ModuleRef,
  ) {}

  onModuleInit(): void {
    // The case query's own resolver, so that a pushed case is exactly what `case(id)` returns.
    this.cases = this.moduleRef.get(CasesResolver, { strict: false });
  }

  @Subscription(() => CaseModel, {
    description:
      'The case as you may see it: first as it is now, then again after every change (and whenever the server may have missed one). NOT_FOUND if you are not on the case; the subscription ends with NOT_FOUND if you are taken off it, and with UNAUTHENTICATED when your session ends.',
    resolve: (delivery: Delivery<CaseView>) => unwrap(delivery),
  })
  @UseGuards(SignedInGuard)
  async caseChanged(
    @Args('caseId', { type: () => ID }) caseId: string,
    @Context() ctx: SocketContext,
  ): Promise<AsyncIterableIterator<Delivery<CaseView>>> {
    return this.quota.hold(ctx, () => this.openCaseChanged(caseId, ctx));
  }

  private async openCaseChanged(caseId: string, ctx: SocketContext): Promise<AsyncIterableIterator<Delivery<CaseView>>> {
    // Listen before the first load, so that a change committed in between is not lost.
    const feed = this.listener.feed(caseId, ctx.viewer!.sessionId);
    let first: CaseView;
    try {
      first = await this.loadCase(caseId, ctx);
    } catch (error) {
      feed.close();
      throw error;
    }
    return deliveries<CaseView>(
      feed,
      async (signal) => {
        if (signal.kind === 'revoked') return { error: unauthenticated(), last: true };
        try {
          return { payload: await this.loadCase(caseId, ctx) };
        } catch (error) {
          return { error, last: error instanceof AppError && error.extensions.code === 'NOT_FOUND' };
        }
      },
      { payload: first },
    );
  }

  @Subscription(() => PipelineChangeModel, {
    description:
      'One event per change to a case you take part in (refetch it or the pipeline); never about other cases. `resync` asks for a full refetch. Ends with UNAUTHENTICATED when your session ends.',
    resolve: (delivery: Delivery<PipelineChangeModel>) => unwrap(delivery),
  })
  @UseGuards(SignedInGuard)
  pipelineChanged(@Context() ctx: SocketContext): Promise<AsyncIterableIterator<Delivery<PipelineChangeModel>>> {
    return this.quota.hold(ctx, () => this.openPipelineChanged(ctx));
  }

  private openPipelineChanged(ctx: SocketContext): AsyncIterableIterator<Delivery<PipelineChangeModel>> {
    const viewer = ctx.viewer!;
    return deliveries<PipelineChangeModel>(this.listener.feed(null, viewer.sessionId), async (signal) => {
      if (signal.kind === 'revoked') return { error: unauthenticated(), last: true };
      if (signal.kind === 'resync') return { payload: { caseId: null, resync: true } };
      try {
        return (await this.audience.maySee(viewer, signal)) ? { payload: { caseId: signal.caseId, resync: false } } : null;
      } catch (error) {
        // Who may see it is unknown: never guess, ask for a refetch (which applies the policy).
        this.logger.warn(`Could not check who may see a change to case ${signal.caseId}: ${String(error)}`);
        return { payload: { caseId: null, resync: true } };
      }
    });
  }

  private loadCase(caseId: string, ctx: SocketContext): Promise<CaseView> {
    // A fresh context per load, as each event gets (see subscribePerEvent). The case query reads
    // the viewer from it; a socket has no response object to give it.
    return this.cases.case(caseId, freshContext(ctx) as unknown as RequestContext);
  }
}
