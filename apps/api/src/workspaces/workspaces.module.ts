import { Module } from '@nestjs/common';
import { CasesModule } from '../cases/cases.module.js';
import { WorkspacesResolver } from './workspaces.resolver.js';
import { WorkspacesService } from './workspaces.service.js';

@Module({
  imports: [CasesModule],
  providers: [WorkspacesService, WorkspacesResolver],
})
export class WorkspacesModule {}
