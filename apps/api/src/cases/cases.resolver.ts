import { Inject, UseGuards } from '@nestjs/common';
import { Args, Context, ID, Int, Mutation, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { DataSource } from 'typeorm';
import { SignedInGuard } from '../auth/guards.js';
import type { RequestContext } from '../auth/viewer.js';
import {
  AgreementModel,
  CaseConnectionModel,
  CaseEditEnum,
  CaseEventTypeEnum,
  CaseModel,
  CaseStateModel,
  CourtReportModel,
  DeadlineModel,
  IssueModel,
  MediationSessionModel,
  ParticipantModel,
  SideModel,
  TimelineEntryModel,
  TimelineIntegrityModel,
  AttentionReasonEnum,
  type AgreementStatusEnum,
  type CaseRoleEnum,
  type DeadlineKindEnum,
  type DeadlineSourceEnum,
  type DisputeTypeEnum,
  type IssueStatusEnum,
  type ReferralSourceEnum,
  type SessionFormatEnum,
  type SessionOutcomeEnum,
  type SessionProcessEnum,
  type SettlementEnum,
  type SideRoleEnum,
  type SigningRuleEnum,
} from './case.model.js';
import { validSignatures, type Agreement, type CaseContext } from '@impasse/case-machine';
import type { Viewer } from '../auth/viewer.js';
import { allowedEdits, can, type CaseEdit } from '../policy/policy.js';
import { CASE_FIELD_TIERS, type CaseField } from '../policy/tiers.js';
import { courtReport } from './court-report.js';
import { CasesService, encodeCursor, type CaseFacts, type CaseRow } from './cases.service.js';
import { CaseEventInput, summarise, toMachineEvent } from './dto/case-event.input.js';
import { CaseFilterInput } from './dto/case-filter.input.js';
import { CreateCaseInput } from './dto/create-case.input.js';
import { loadersFor } from './loaders.js';
import { textOf, type AgreementText } from './agreement-text.js';
import type { ParticipantRow } from './loaders.js';
import { editSummary, isEditEntryType } from './timeline-entries.js';

export type CaseParent = CaseModel & { row: CaseRow };

/**
 * Whether the viewer may read this field of this case: its tier (policy/tiers.ts) against the
 * viewer's roles on the case. Every Case field resolver asks; a field the viewer may not read
 * resolves to its empty value (null or []), never to an error that would name what is hidden.
 */
export function mayRead(viewer: Viewer | null, parent: CaseParent, field: CaseField): boolean {
  return can(viewer, { type: 'field.read', tier: CASE_FIELD_TIERS[field], caseRoles: parent.row.roles });
}

/**
 * Thin: every rule lives in CasesService and the policy module; children come from per-request loaders.
 * The field resolvers take GraphQL's own arguments (parent, args, context) without Nest's
 * parameter decorators: @nestjs/graphql then binds them as plain resolvers, skipping the
 * per-call parameter pipeline (param factories and the global pipe, which checks nothing on a
 * parent or a context). A pipeline page resolves a few hundred of them; that pipeline was about
 * a quarter of the api's CPU per page. A field resolver with arguments keeps @Args (and the pipe).
 */
@Resolver(() => CaseModel)
export class CasesResolver {
  constructor(
    private readonly service: CasesService,
    @Inject(DataSource) private readonly db: DataSource,
  ) {}

  @Query(() => CaseConnectionModel, { description: 'The cases you take part in, soonest open deadline first.' })
  @UseGuards(SignedInGuard)
  async cases(
    @Context() ctx: RequestContext,
    @Args('filter', { type: () => CaseFilterInput, nullable: true }) filter?: CaseFilterInput,
    @Args('first', { type: () => Int, defaultValue: 50, description: 'At most 100.' }) first = 50,
    @Args('after', { type: () => String, nullable: true }) after?: string,
  ): Promise<CaseConnectionModel> {
    const page = await this.service.listForViewer(ctx.viewer!, filter ?? {}, first, after);
    const edges = page.rows.map((row) => ({ cursor: encodeCursor(ctx.viewer, row), node: this.toModel(row) }));
    return { edges, pageInfo: { hasNextPage: page.hasNextPage, endCursor: edges.at(-1)?.cursor ?? null } };
  }

  @Query(() => CaseModel)
  @UseGuards(SignedInGuard)
  async case(@Args('id', { type: () => ID }) id: string, @Context() ctx: RequestContext): Promise<CaseParent> {
    return this.toModel(await this.service.getForViewer(ctx.viewer!, id));
  }

  @Mutation(() => CaseModel, { description: 'Open a case with its sides and issues; you become its mediator.' })
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

  @ResolveField(() => [CaseEventTypeEnum], { description: 'Events the case accepts now that you may send.' })
  allowedEvents(parent: CaseParent, _args: unknown, ctx: RequestContext): string[] {
    // The permission table gives a program administrator no event that carries a mediation
    // communication, nor one whose rules read above the court-reportable context (EVENT_POLICY,
    // GUARD_READS), so this list tells them nothing their tier does not; the tier check keeps
    // the field under the policy.
    if (!mayRead(ctx.viewer, parent, 'allowedEvents')) return [];
    return this.service.allowedEventsFor(parent.row);
  }

  @ResolveField(() => [CaseEditEnum], {
    description: 'The kinds of edit you may make on this case besides transitions (those are allowedEvents). Offer only these; the api refuses the others.',
  })
  allowedEdits(parent: CaseParent, _args: unknown, ctx: RequestContext): CaseEdit[] {
    return mayRead(ctx.viewer, parent, 'allowedEdits') ? allowedEdits(ctx.viewer, parent.row.roles) : [];
  }

  @ResolveField(() => Date, { nullable: true, description: 'The earliest open deadline. Null for a program administrator.' })
  async nextDeadlineAt(parent: CaseParent, _args: unknown, ctx: RequestContext): Promise<Date | null> {
    return mayRead(ctx.viewer, parent, 'nextDeadlineAt') ? (await this.factsOf(parent, ctx)).nextDeadlineAt : null;
  }

  @ResolveField(() => [AttentionReasonEnum], {
    description: 'Why the case needs attention now; empty when it does not (and always for a program administrator).',
  })
  async needsAttention(parent: CaseParent, _args: unknown, ctx: RequestContext): Promise<AttentionReasonEnum[]> {
    return mayRead(ctx.viewer, parent, 'needsAttention') ? ((await this.factsOf(parent, ctx)).needsAttention as AttentionReasonEnum[]) : [];
  }

  /** Read with the case, or (after a transition, which does not read them) on demand. */
  private async factsOf(parent: CaseParent, ctx: RequestContext): Promise<CaseFacts> {
    if (parent.row.facts) return parent.row.facts;
    const [facts] = await loadersFor(ctx, this.db).facts.load(parent.id);
    return facts ?? { nextDeadlineAt: null, needsAttention: [] };
  }

  @ResolveField(() => CourtReportModel, {
    nullable: true,
    description:
      'The court-reportable tier (UMA §7): whether mediation occurred or terminated, settlement, attendance. The whole of what a program administrator sees of the mediation.',
  })
  async courtReport(parent: CaseParent, _args: unknown, ctx: RequestContext): Promise<CourtReportModel | null> {
    if (!mayRead(ctx.viewer, parent, 'courtReport')) return null;
    const loaders = loadersFor(ctx, this.db);
    const [sessions, participants, timeline] = await Promise.all([
      loaders.sessions.load(parent.id),
      loaders.participants.load(parent.id),
      loaders.timeline.load(parent.id),
    ]);
    // Sessions the statechart saw start count as held even when nobody put them on the calendar.
    const started = timeline.filter((row) => row.type === 'START_SESSION').length;
    // The card is the mediation's: a settlement conference's or evaluation's sessions have reports of their own (courtReportFilings).
    const mediation = sessions.filter((s) => s.process === 'MEDIATION');
    const report = courtReport(this.service.stateOf(parent.row), this.service.contextOf(parent.row), mediation, participants, started);
    return {
      ...report,
      settlement: report.settlement as SettlementEnum,
      attendance: report.attendance.map((a) => ({ ...a, role: a.role as CaseRoleEnum })),
    };
  }

  @ResolveField(() => [SideModel])
  async sides(parent: CaseParent, _args: unknown, ctx: RequestContext): Promise<SideModel[]> {
    if (!mayRead(ctx.viewer, parent, 'sides')) return [];
    const rows = await loadersFor(ctx, this.db).sides.load(parent.id);
    const context = this.service.contextOf(parent.row);
    return rows.map((s) => ({
      id: s.id,
      label: s.label,
      role: s.role as SideRoleEnum,
      status: context.sides.find((c) => c.id === s.id)?.status ?? 'ACTIVE',
    }));
  }

  @ResolveField(() => [IssueModel], { description: 'The disputed issues; their status comes from the statechart.' })
  async issues(parent: CaseParent, _args: unknown, ctx: RequestContext): Promise<IssueModel[]> {
    if (!mayRead(ctx.viewer, parent, 'issues')) return [];
    const rows = await loadersFor(ctx, this.db).issues.load(parent.id);
    const context = this.service.contextOf(parent.row);
    return rows.map((issue) => ({
      id: issue.id,
      label: issue.label,
      description: issue.description,
      status: (context.issues.find((c) => c.id === issue.id)?.status ?? 'OPEN') as IssueStatusEnum,
    }));
  }

  @ResolveField(() => [ParticipantModel])
  async participants(parent: CaseParent, _args: unknown, ctx: RequestContext): Promise<ParticipantModel[]> {
    if (!mayRead(ctx.viewer, parent, 'participants')) return [];
    const rows = await loadersFor(ctx, this.db).participants.load(parent.id);
    return rows.map((p) => ({ id: p.id, name: p.name, role: p.role as CaseRoleEnum, sideId: p.sideId }));
  }

  @ResolveField(() => [MediationSessionModel])
  async sessions(parent: CaseParent, _args: unknown, ctx: RequestContext): Promise<MediationSessionModel[]> {
    if (!mayRead(ctx.viewer, parent, 'sessions')) return [];
    const rows = await loadersFor(ctx, this.db).sessions.load(parent.id);
    return rows.map((s) => ({ ...s, format: s.format as SessionFormatEnum, process: s.process as SessionProcessEnum, outcome: s.outcome as SessionOutcomeEnum | null }));
  }

  @ResolveField(() => [DeadlineModel], { description: 'Open deadlines first, soonest first; then the done ones.' })
  async deadlines(parent: CaseParent, _args: unknown, ctx: RequestContext): Promise<DeadlineModel[]> {
    if (!mayRead(ctx.viewer, parent, 'deadlines')) return [];
    const rows = await loadersFor(ctx, this.db).deadlines.load(parent.id);
    return rows.map((d) => ({ ...d, kind: d.kind as DeadlineKindEnum, source: d.source as DeadlineSourceEnum }));
  }

  @ResolveField(() => [AgreementModel], { description: 'Written agreements, pending and binding.' })
  async agreements(parent: CaseParent, _args: unknown, ctx: RequestContext): Promise<AgreementModel[]> {
    if (!mayRead(ctx.viewer, parent, 'agreements')) return [];
    const loaders = loadersFor(ctx, this.db);
    const [terms, issues, participants] = await Promise.all([
      loaders.terms.load(parent.id),
      loaders.issues.load(parent.id),
      loaders.participants.load(parent.id),
    ]);
    const context = this.service.contextOf(parent.row);
    return context.agreements.map((agreement) => agreementModel(context, agreement, textOf(agreement.issueIds, issues, terms), participants));
  }

  @ResolveField(() => [TimelineEntryModel], { description: 'Every transition, newest first.' })
  async timeline(parent: CaseParent, _args: unknown, ctx: RequestContext): Promise<TimelineEntryModel[]> {
    if (!mayRead(ctx.viewer, parent, 'timeline')) return [];
    const rows = await loadersFor(ctx, this.db).timeline.load(parent.id);
    return rows.map((row) => ({
      id: row.id,
      seq: row.seq,
      type: row.type,
      actorName: row.actorName,
      fromState: row.fromState,
      toState: row.toState,
      summary: isEditEntryType(row.type) ? editSummary(row.type, row.payload) : summarise({ type: row.type, ...row.payload }).summary,
      at: row.at,
    }));
  }

  @ResolveField(() => TimelineIntegrityModel, {
    nullable: true,
    description:
      "Recomputes the timeline's hash chain now and checks it against the case's sealed head and version. Null for a program administrator, who does not see the timeline.",
  })
  async timelineIntegrity(parent: CaseParent, _args: unknown, ctx: RequestContext): Promise<TimelineIntegrityModel | null> {
    if (!mayRead(ctx.viewer, parent, 'timelineIntegrity')) return null;
    return (await loadersFor(ctx, this.db).timelineIntegrity.load(parent.id)) as TimelineIntegrityModel;
  }

  toModel(row: CaseRow): CaseParent {
    const state: CaseStateModel = this.service.stateOf(row);
    return {
      row,
      id: row.id,
      caption: row.caption,
      docketNumber: row.docketNumber,
      disputeType: row.disputeType as DisputeTypeEnum,
      courtOrdered: row.courtOrdered,
      programId: row.programId,
      referralSource: row.referralSource as ReferralSourceEnum | null,
      referralDate: row.referralDate,
      state,
      version: row.version,
      updatedAt: row.updatedAt,
      myRoles: row.roles.map((r) => ({ role: r.role as CaseRoleEnum, sideId: r.sideId ?? null })),
    } as CaseParent;
  }
}

const nameOf = (participants: readonly ParticipantRow[], id: string) => participants.find((p) => p.id === id)?.name ?? 'A former participant';

/** What an agreement says and who still has to sign its current text; signatures of an older text are void. */
function agreementModel(context: CaseContext, agreement: Agreement, text: AgreementText, participants: readonly ParticipantRow[]): AgreementModel {
  const valid = validSignatures(agreement);
  const active = context.sides.filter((s) => s.status === 'ACTIVE');
  const awaiting = active.flatMap((side) =>
    side.partyIds
      .filter((partyId) => !valid.some((s) => s.sideId === side.id && s.partyId === partyId))
      .map((partyId) => ({ participantId: partyId, name: nameOf(participants, partyId), sideId: side.id })),
  );
  const sidesWithoutParty = active.filter((side) => side.partyIds.length === 0).map((side) => side.id);
  return {
    id: agreement.id,
    status: agreement.status as AgreementStatusEnum,
    binding: agreement.status === 'BINDING',
    terms: text.items.map((item) => ({ issueId: item.issueId, issueLabel: item.label, issueDescription: item.description, terms: item.terms })),
    digest: agreement.text && agreement.text.digest !== 'unrecorded' ? agreement.text.digest : null,
    missingTerms: text.items.filter((item) => item.terms === null).map((item) => item.issueId),
    signatures: valid.map((s) => ({
      sideId: s.sideId,
      partyId: s.partyId,
      partyName: nameOf(participants, s.partyId),
      signerId: s.signerId,
      signerName: nameOf(participants, s.signerId),
    })),
    awaitingSignatures: agreement.status === 'BINDING' ? [] : awaiting,
    sidesWithoutParty: agreement.status === 'BINDING' ? [] : sidesWithoutParty,
    awaitingSides: agreement.status === 'BINDING' ? [] : [...new Set([...awaiting.map((a) => a.sideId), ...sidesWithoutParty])],
    signingRule: context.signingRule as SigningRuleEnum,
  };
}
