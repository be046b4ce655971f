import { UseGuards } from '@nestjs/common';
import { Args, Context, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { PublicEndpointGuard, SignedInGuard } from '../auth/guards.js';
import { setSessionCookie } from '../auth/session-cookie.js';
import type { RequestContext } from '../auth/viewer.js';
import { AcceptInvitationPayload, CaseInvitationModel, InvitationLinkModel, InvitationModel, InviteToCaseInput } from './invitation.model.js';
import { InvitationsService } from './invitations.service.js';

@Resolver()
export class InvitationsResolver {
  constructor(private readonly invitations: InvitationsService) {}

  @Mutation(() => InvitationLinkModel, {
    description: "The case's mediator or program administrator invites counsel or a party to a side; the link works once, for 7 days.",
  })
  @UseGuards(SignedInGuard)
  inviteToCase(
    @Args('caseId', { type: () => ID }) caseId: string,
    @Args('input') input: InviteToCaseInput,
    @Context() ctx: RequestContext,
  ): Promise<InvitationLinkModel> {
    return this.invitations.invite(ctx.viewer!, caseId, input);
  }

  @Query(() => [CaseInvitationModel], {
    description: "The case's mediator or program administrator: its invitations, newest first, with what became of each mail and whether it was accepted.",
  })
  @UseGuards(SignedInGuard)
  caseInvitations(@Args('caseId', { type: () => ID }) caseId: string, @Context() ctx: RequestContext): Promise<CaseInvitationModel[]> {
    return this.invitations.ofCase(ctx.viewer!, caseId);
  }

  @Query(() => InvitationModel, { description: 'Public: what an invitation link is for, before accepting it.' })
  @UseGuards(PublicEndpointGuard)
  invitation(@Args('token') token: string): Promise<InvitationModel> {
    return this.invitations.lookup(token);
  }

  @Mutation(() => AcceptInvitationPayload, {
    description:
      'Public: joins the case. Signed in, only as the invited e-mail; signed out, a password (at least 10 characters) makes the invited e-mail an account, and an e-mail that has one must sign in first. Signs the person in.',
  })
  @UseGuards(PublicEndpointGuard)
  async acceptInvitation(
    @Args('token') token: string,
    @Args('password', { type: () => String, nullable: true }) password: string | null,
    @Context() ctx: RequestContext,
  ): Promise<AcceptInvitationPayload> {
    const { caseId, session } = await this.invitations.accept(token, password, ctx.viewer);
    if (session) setSessionCookie(ctx, session.token, session.expiresAt);
    return { caseId, token: session?.token ?? null, expiresAt: session?.expiresAt ?? null };
  }
}
