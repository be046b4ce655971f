import { UseGuards } from '@nestjs/common';
import { Args, Context, Field, ID, Mutation, ObjectType, Query, Resolver } from '@nestjs/graphql';
import { SignInInput } from './dto/sign-in.input.js';
import { AuthService } from './auth.service.js';
import { PublicEndpointGuard, SignedInGuard } from './guards.js';
import { clearSessionCookie, setSessionCookie } from './session-cookie.js';
import { clientAddress } from '../common/client-address.js';
import type { RequestContext, Viewer } from './viewer.js';
import { OrgRoleEnum } from '../users/user.model.js';

@ObjectType('Me')
export class MeModel {
  @Field() id!: string;
  @Field() email!: string;
  @Field() displayName!: string;
  @Field(() => OrgRoleEnum, { description: "Your role in your organisation (what the dashboard offers: a program administrator's reports)." })
  orgRole!: Viewer['orgRole'];
}

const meOf = (viewer: Viewer): MeModel => ({ id: viewer.userId, email: viewer.email, displayName: viewer.displayName, orgRole: viewer.orgRole });

@ObjectType()
export class SignInPayload {
  @Field(() => MeModel) me!: MeModel;
  @Field({ description: 'Bearer token for API clients; the web uses the httpOnly cookie set with it.' })
  token!: string;
  @Field() expiresAt!: Date;
}

@ObjectType('Session', { description: 'One signed-in browser or API client of the viewer.' })
export class SessionModel {
  @Field(() => ID) id!: string;
  @Field() createdAt!: Date;
  @Field() expiresAt!: Date;
  @Field({ description: 'True for the session this request was made with.' }) current!: boolean;
}

@Resolver()
export class AuthResolver {
  constructor(private readonly auth: AuthService) {}

  @Query(() => MeModel, { nullable: true, description: 'The signed-in person, or null.' })
  @UseGuards(PublicEndpointGuard)
  me(@Context() ctx: RequestContext): MeModel | null {
    return ctx.viewer ? meOf(ctx.viewer) : null;
  }

  @Mutation(() => SignInPayload, {
    description: 
      'After 5 failed attempts for one e-mail (or 20 from one address) in a day, each further attempt waits: 1 minute, then twice as long after each failure, up to 15 minutes; meanwhile it answers TOO_MANY_REQUESTS with retryAt. A success forgets the e-mail’s failures.',
  })
  @UseGuards(PublicEndpointGuard)
  async signIn(@Args('input') input: SignInInput, @Context() ctx: RequestContext): Promise<SignInPayload> {
    const { token, expiresAt, viewer } = await this.auth.signIn(input.email, input.password, clientAddress(ctx.req));
    setSessionCookie(ctx, token, expiresAt);
    return { token, expiresAt, me: meOf(viewer) };
  }

  @Mutation(() => Boolean)
  @UseGuards(SignedInGuard)
  async signOut(@Context() ctx: RequestContext): Promise<boolean> {
    await this.auth.signOut(ctx.viewer!.sessionId);
    clearSessionCookie(ctx);
    return true;
  }

  @Query(() => [SessionModel], { description: "The viewer's own sessions that have not expired or been revoked, newest first." })
  @UseGuards(SignedInGuard)
  mySessions(@Context() ctx: RequestContext): Promise<SessionModel[]> {
    return this.auth.sessionsOf(ctx.viewer!);
  }

  @Mutation(() => Boolean, { description: 'Ends one of your own sessions (signs that browser or client out).' })
  @UseGuards(SignedInGuard)
  async revokeSession(@Args('id', { type: () => ID }) id: string, @Context() ctx: RequestContext): Promise<boolean> {
    await this.auth.revokeSession(ctx.viewer!, id);
    if (id === ctx.viewer!.sessionId) clearSessionCookie(ctx);
    return true;
  }
}
