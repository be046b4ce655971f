import { UseGuards } from '@nestjs/common';
import { Args, Context, Mutation, Resolver } from '@nestjs/graphql';
import { clientAddress } from '../common/client-address.js';
import { AccountService, RESET_MINUTES, RESETS_PER_EMAIL } from './account.service.js';
import { PublicEndpointGuard, SignedInGuard } from './guards.js';
import type { RequestContext } from './viewer.js';

@Resolver()
export class AccountResolver {
  constructor(private readonly accounts: AccountService) {}

  @Mutation(() => Boolean, {
    description: `Public: sends a password reset link to the address if it has an account; the answer is the same either way. The link works once, for ${RESET_MINUTES} minutes. At most ${RESETS_PER_EMAIL} requests per address an hour (TOO_MANY_REQUESTS with retryAt past that).`,
  })
  @UseGuards(PublicEndpointGuard)
  requestPasswordReset(@Args('email') email: string, @Context() ctx: RequestContext): Promise<boolean> {
    return this.accounts.requestReset(email, clientAddress(ctx.req));
  }

  @Mutation(() => Boolean, { description: 'Public: a new password from a reset link. Ends every session of the account and sends a notice.' })
  @UseGuards(PublicEndpointGuard)
  resetPassword(@Args('token') token: string, @Args('password') password: string): Promise<boolean> {
    return this.accounts.resetPassword(token, password);
  }

  @Mutation(() => Boolean, { description: 'A new password, after the current one. Your other sessions end; a notice goes to your address.' })
  @UseGuards(SignedInGuard)
  changePassword(@Args('currentPassword') currentPassword: string, @Args('newPassword') newPassword: string, @Context() ctx: RequestContext): Promise<boolean> {
    return this.accounts.changePassword(ctx.viewer!, currentPassword, newPassword, clientAddress(ctx.req));
  }

  @Mutation(() => String, { description: 'A new e-mail address for your account, after your password; answers the address. A notice goes to the former address.' })
  @UseGuards(SignedInGuard)
  changeEmail(@Args('password') password: string, @Args('newEmail') newEmail: string, @Context() ctx: RequestContext): Promise<string> {
    return this.accounts.changeEmail(ctx.viewer!, password, newEmail, clientAddress(ctx.req));
  }
}
