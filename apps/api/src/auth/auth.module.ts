import { Module } from '@nestjs/common';
import { AuthResolver } from './auth.resolver.js';
import { AuthService } from './auth.service.js';

@Module({ providers: [AuthService, AuthResolver], exports: [AuthService] })
export class AuthModule {}
