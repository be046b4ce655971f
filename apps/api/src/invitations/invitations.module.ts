import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module.js';
import { CasesModule } from '../cases/cases.module.js';
import { InvitationsResolver } from './invitations.resolver.js';
import { InvitationsService } from './invitations.service.js';

@Module({ imports: [AuthModule, CasesModule], providers: [InvitationsService, InvitationsResolver] })
export class InvitationsModule {}
