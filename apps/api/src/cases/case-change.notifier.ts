import type { EntityManager } from 'typeorm';

/**
 * How a change of a case is announced to every api instance: PostgreSQL NOTIFY on
 * `case_changed` with the case's id (only ids travel; listeners refetch what each viewer may
 * see), sent by the transaction that writes the change. PostgreSQL delivers a notice at
 * commit and drops it on rollback, so a change is announced exactly when it is durable, and an
 * instance killed the moment it has answered cannot lose the notice (one sent after commit
 * could be: a kill -9 between the two lost it to the other instances' subscribers).
 */
export class CaseChangeNotifier {
  static readonly CHANNEL = 'case_changed';

  /**
   * The payload of a notice, back to case ids. A notice names one case; commas are still read,
   * so that a listener understands the batched notices older instances sent during an upgrade.
   */
  static caseIdsOf(payload: string): string[] {
    return payload.split(',').filter(Boolean);
  }

  /** Announce inside the caller's transaction (the envelope, creating a case). */
  static async announce(tx: EntityManager, caseId: string): Promise<void> {
    await tx.query('SELECT pg_notify($1, $2)', [CaseChangeNotifier.CHANNEL, caseId]);
  }

  /**
   * The same, as a common table expression for a statement that writes the case alone (a
   * transition's compare-and-set): `FROM source` yields the case's `id` when the write happened,
   * and the statement must read the CTE for PostgreSQL to run it.
   */
  static announceCte(source: string): string {
    return `SELECT pg_notify('${CaseChangeNotifier.CHANNEL}', ${source}.id::text) FROM ${source}`;
  }
}
