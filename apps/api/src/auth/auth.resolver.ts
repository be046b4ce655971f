import { UseGuards } from '@nestjs/common';
import { Args, Context, Field, Mutation, ObjectType, Query, Resolver } from '@nestjs/graphql';
import { stringifySetCookie } from 'cookie';
import { SignInInput } from './dto/sign-in.input.js';
import { AuthService, SESSION_COOKIE } from './auth.service.js';
import { PublicEndpointGuard, SignedInGuard } from './guards.js';
import type { RequestContext } from './viewer.js';

@ObjectType('Me')
export class MeModel {
  @Field() id!: string;
  @Field() email!: string;
  @Field() displayName!: string;
}

@ObjectType()
export class SignInPayload {
  @Field(() => MeModel) me!: MeModel;
  @Field({ description: 'Bearer token for API clients; the web uses the httpOnly cookie set with it.' })
  token!: string;
  @Field() expiresAt!: Date;
}

@Resolver()
export class AuthResolver {
  constructor(private readonly auth: AuthService) {}

  @Query(() => MeModel, { nullable: true, description: 'The signed-in person, or null.' })
  @UseGuards(PublicEndpointGuard)
  me(@Context() ctx: RequestContext): MeModel | null {
    return ctx.viewer ? { id: ctx.viewer.userId, email: ctx.viewer.email, displayName: ctx.viewer.displayName } : null;
  }

  @Mutation(() => SignInPayload)
  @UseGuards(PublicEndpointGuard)
  async signIn(@Args('input') input: SignInInput, @Context() ctx: RequestContext): Promise<SignInPayload> {
    const { token, expiresAt, viewer } = await this.auth.signIn(input.email, input.password);
    ctx.res.setHeader(
      'Set-Cookie',
      stringifySetCookie({
        name: SESSION_COOKIE,
        value: token,
        httpOnly: true,
        sameSite: 'lax',
        secure: ctx.req.secure,
        path: '/',
        expires: expiresAt,
      }),
    );
    return { token, expiresAt, me: { id: viewer.userId, email: viewer.email, displayName: viewer.displayName } };
  }

  @Mutation(() => Boolean)
  @UseGuards(SignedInGuard)
  async signOut(@Context() ctx: RequestContext): Promise<boolean> {
    await this.auth.signOut(ctx.viewer!.sessionId);
    ctx.res.setHeader('Set-Cookie', stringifySetCookie({ name: SESSION_COOKIE, value: '', httpOnly: true, sameSite: 'lax', path: '/', maxAge: 0 }));
    return true;
  }
}
