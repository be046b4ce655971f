import { Module } from '@nestjs/common';
import { CasesModule } from '../cases/cases.module.js';
import { MediatorAssignmentsResolver } from './mediator-assignments.resolver.js';
import { MediatorAssignmentsService } from './mediator-assignments.service.js';

@Module({ imports: [CasesModule], providers: [MediatorAssignmentsService, MediatorAssignmentsResolver] })
export class MediatorAssignmentsModule {}
