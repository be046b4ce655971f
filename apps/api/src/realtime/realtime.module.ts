import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module.js';
import { CasesModule } from '../cases/cases.module.js';
import { CaseAudience } from './case-audience.js';
import { CaseChangeListener } from './case-change.listener.js';
import { RealtimeResolver } from './realtime.resolver.js';
import { SubscriptionQuota } from './subscription-quota.js';

/**
 * Live updates: one LISTEN connection per api instance (CaseChangeListener) fanned out to the
 * graphql-ws subscriptions of RealtimeResolver. The socket itself is configured with the
 * GraphQL module (see socketTransport in app.module.ts).
 */
@Module({
  imports: [AuthModule, CasesModule],
  providers: [CaseChangeListener, CaseAudience, SubscriptionQuota, RealtimeResolver],
  exports: [CaseChangeListener],
})
export class RealtimeModule {}
