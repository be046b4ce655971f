import { Module } from '@nestjs/common';
import { AccountResolver } from './account.resolver.js';
import { AccountService } from './account.service.js';
import { AuthResolver } from './auth.resolver.js';
import { AuthService } from './auth.service.js';
import { SignInLimiter } from './sign-in-limiter.js';
import { ViewerCache } from './viewer-cache.js';

@Module({ providers: [AuthService, AuthResolver, AccountService, AccountResolver, SignInLimiter, ViewerCache], exports: [AuthService, ViewerCache] })
export class AuthModule {}
