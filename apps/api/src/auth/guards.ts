import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import { AppError, unauthenticated } from '../common/errors.js';
import type { RequestContext } from './viewer.js';

/** For endpoints anyone may call (sign-in). Named so that every resolver names its guard. */
@Injectable()
export class PublicEndpointGuard implements CanActivate {
  canActivate(): boolean {
    return true;
  }
}

/** The caller must be signed in; what they may see is then decided by the policy module. */
@Injectable()
export class SignedInGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const ctx = GqlExecutionContext.create(context).getContext<RequestContext>();
    if (!ctx.viewer) throw ctx.signedOut ? new AppError('UNAUTHENTICATED', ctx.signedOut) : unauthenticated();
    return true;
  }
}
