import { Module } from '@nestjs/common';
import { AuthResolver } from './auth.resolver.js';
import { AuthService } from './auth.service.js';
import { SignInLimiter } from './sign-in-limiter.js';

@Module({ providers: [AuthService, AuthResolver, SignInLimiter], exports: [AuthService] })
export class AuthModule {}
