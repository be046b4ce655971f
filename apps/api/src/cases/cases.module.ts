import { Module } from '@nestjs/common';
import { CaseChangeNotifier } from './case-change.notifier.js';
import { CasesResolver } from './cases.resolver.js';
import { CasesService } from './cases.service.js';

@Module({ providers: [CasesService, CasesResolver, CaseChangeNotifier], exports: [CasesService] })
export class CasesModule {}
