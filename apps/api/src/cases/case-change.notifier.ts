import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';

/**
 * Announces, after commit, that a case changed, through PostgreSQL NOTIFY so that every api
 * instance hears it. Only the case id travels; listeners refetch what the viewer may see.
 */
@Injectable()
export class CaseChangeNotifier {
  static readonly CHANNEL = 'case_changed';
  private readonly logger = new Logger(CaseChangeNotifier.name);

  constructor(@Inject(DataSource) private readonly db: DataSource) {}

  caseChanged(caseId: string): void {
    this.db.query('SELECT pg_notify($1, $2)', [CaseChangeNotifier.CHANNEL, caseId]).catch((error: unknown) => {
      // The change is committed; a lost notice only delays other viewers until they refetch.
      this.logger.warn(`Could not announce a change to case ${caseId}: ${String(error)}`);
    });
  }
}
