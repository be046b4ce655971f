import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module.js';
import { AgreementsResolver } from './agreements.resolver.js';
import { CaseEditor } from './case-edit.js';
import { CaseRecordsResolver } from './case-records.resolver.js';
import { CaseRecordsService } from './case-records.service.js';
import { CasesResolver } from './cases.resolver.js';
import { CasesService } from './cases.service.js';
import { CourtFilingResolver, CourtFilingService } from './court-filing.resolver.js';
import { PlaybookService, PostImpasseResolver, SideStrategyService } from './post-impasse.resolver.js';

@Module({
  imports: [AuthModule],
  providers: [AgreementsResolver, CasesService, CaseEditor, CasesResolver, CaseRecordsService, CaseRecordsResolver, PlaybookService, SideStrategyService, PostImpasseResolver, CourtFilingService, CourtFilingResolver],
  exports: [CasesService, CaseEditor, CasesResolver],
})
export class CasesModule {}
