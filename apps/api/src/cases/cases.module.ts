import { Module } from '@nestjs/common';
import { CaseChangeNotifier } from './case-change.notifier.js';
import { CaseRecordsResolver } from './case-records.resolver.js';
import { CaseRecordsService } from './case-records.service.js';
import { CasesResolver } from './cases.resolver.js';
import { CasesService } from './cases.service.js';
import { PlaybookService, PostImpasseResolver, SideStrategyService } from './post-impasse.resolver.js';

@Module({
  providers: [CasesService, CasesResolver, CaseRecordsService, CaseRecordsResolver, CaseChangeNotifier, PlaybookService, SideStrategyService, PostImpasseResolver],
  exports: [CasesService, CasesResolver, CaseChangeNotifier],
})
export class CasesModule {}
