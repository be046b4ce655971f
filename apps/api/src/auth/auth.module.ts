import { Module } from '@nestjs/common';
import { AuthResolver } from './auth.resolver.js';
import { AuthService } from './auth.service.js';
import { SignInLimiter } from './sign-in-limiter.js';
import { ViewerCache } from './viewer-cache.js';

@Module({ providers: [AuthService, AuthResolver, SignInLimiter, ViewerCache], exports: [AuthService, ViewerCache] })
export class AuthModule {}
