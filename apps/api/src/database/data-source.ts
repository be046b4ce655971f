import pg from 'pg';
import { DataSource } from 'typeorm';
import { ENTITIES } from './entities.js';
import { Foundation1764100000000 } from './migrations/1764100000000-Foundation.js';
import { CaseRecords1764200000000 } from './migrations/1764200000000-CaseRecords.js';
import { Accounts1764300000000 } from './migrations/1764300000000-Accounts.js';
import { ConfidentialWorkspaces1764400000000 } from './migrations/1764400000000-ConfidentialWorkspaces.js';
import { MediatorAssignments1764500000000 } from './migrations/1764500000000-MediatorAssignments.js';
import { PostImpasse1764610000000 } from './migrations/1764610000000-PostImpasse.js';
import { Reminders1764700000000 } from '../reminders/reminders.migration.js';
import { DebriefWorkspaceKinds1764800000000 } from './migrations/1764800000000-DebriefWorkspaceKinds.js';
import { TimelineSeal1764900000000 } from './migrations/1764900000000-TimelineSeal.js';
import { appRoleGrants } from './migrations/1764910000000-AppRoleGrants.js';
import { PlaybookSides1764920000000 } from './migrations/1764920000000-PlaybookSides.js';
import { OneRolePerCase1765000000000 } from './migrations/1765000000000-OneRolePerCase.js';
import { SigningRule1765010000000 } from './migrations/1765010000000-SigningRule.js';
import { SessionLastUse1765030000000 } from './migrations/1765030000000-SessionLastUse.js';
import { RequestCounts1765040000000 } from './migrations/1765040000000-RequestCounts.js';
import { ProgramRounds1765100000000 } from './migrations/1765100000000-ProgramRounds.js';
import { CourtReports1765110000000 } from './migrations/1765110000000-CourtReports.js';
import { NextDeadline1765120000000 } from './migrations/1765120000000-NextDeadline.js';
import { RoundReportFacts1765130000000 } from './migrations/1765130000000-RoundReportFacts.js';
import { MailRoom1765150000000 } from './migrations/1765150000000-MailRoom.js';
import { StallReasonRecords1765160000000 } from './migrations/1765160000000-StallReasonRecords.js';
import { MailCaseScan1765170000000 } from './migrations/1765170000000-MailCaseScan.js';

/**
 * Every migration, in order. Listed by hand so the built app never globs the disk. The grants
 * migration is told which role the app connects as (`appRole`: the user of DATABASE_URL).
 */
export function migrations(appRole: string | null = null) {
  return [
    Foundation1764100000000,
    CaseRecords1764200000000,
    Accounts1764300000000,
    ConfidentialWorkspaces1764400000000,
    MediatorAssignments1764500000000,
    PostImpasse1764610000000,
    Reminders1764700000000,
    DebriefWorkspaceKinds1764800000000,
    TimelineSeal1764900000000,
    appRoleGrants(appRole),
    PlaybookSides1764920000000,
    OneRolePerCase1765000000000,
    SigningRule1765010000000,
    SessionLastUse1765030000000,
    RequestCounts1765040000000,
    ProgramRounds1765100000000,
    CourtReports1765110000000,
    NextDeadline1765120000000,
    RoundReportFacts1765130000000,
    MailRoom1765150000000,
    StallReasonRecords1765160000000,
    MailCaseScan1765170000000,
  ];
}

export interface DataSourceOptions {
  url: string;
  /** How long the start waits for PostgreSQL to accept a connection (DATABASE_CONNECT_TIMEOUT). */
  connectTimeoutSeconds?: number;
  /** Connections in the pool (DATABASE_POOL_SIZE). */
  poolSize?: number;
  /**
   * How long a statement waits for a free connection, or for a new one to connect, once the app
   * runs (DATABASE_POOL_WAIT_MS): past it the statement fails, and the request is UNAVAILABLE.
   */
  poolWaitMs?: number;
  /** Called for every SQL statement; tests count statements with it. */
  onQuery?: (sql: string) => void;
  /** For a data source that runs migrations as the owner: the role the app connects as, which they grant to. */
  appRole?: string | null;
  /** The setting the URL came from, for the sentence when it cannot be reached. */
  variable?: string;
}

export const DEFAULT_POOL_SIZE = 10;
export const DEFAULT_POOL_WAIT_MS = 2000;

export function createDataSource({ url, poolSize = DEFAULT_POOL_SIZE, poolWaitMs = DEFAULT_POOL_WAIT_MS, onQuery, appRole = null }: DataSourceOptions): DataSource {
  return new DataSource({
    type: 'postgres',
    url,
    entities: ENTITIES,
    migrations: migrations(appRole),
    migrationsTableName: 'schema_migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    logging: false,
    logger: onQuery
      ? {
          logQuery: (sql: string) => onQuery(sql),
          logQueryError: () => undefined,
          logQuerySlow: () => undefined,
          logSchemaBuild: () => undefined,
          logMigration: () => undefined,
          log: () => undefined,
        }
      : undefined,
    ...(onQuery ? { logging: ['query'] as const } : {}),
    extra: {
      // pg-pool uses one timeout for both the wait for a free connection and a new connection's
      // connect: this is the pool's wait. The start's own timeout is checked first (see connect).
      connectionTimeoutMillis: poolWaitMs,
      max: poolSize,
      application_name: 'impasse-api',
    },
  });
}

/** Connects once, failing fast with a sentence instead of retrying for half a minute. */
export async function connect(options: DataSourceOptions): Promise<DataSource> {
  const dataSource = createDataSource(options);
  try {
    // The start waits up to DATABASE_CONNECT_TIMEOUT for PostgreSQL (one connection of its
    // own), however short the pool's wait is.
    const probe = new pg.Client({ connectionString: options.url, connectionTimeoutMillis: (options.connectTimeoutSeconds ?? 5) * 1000 });
    try {
      await probe.connect();
    } finally {
      await probe.end().catch(() => undefined);
    }
    await dataSource.initialize();
    return dataSource;
  } catch (error) {
    throw new DatabaseUnreachableError(options.url, error, options.variable);
  }
}

export class DatabaseUnreachableError extends Error {
  constructor(url: string, cause: unknown, variable = 'DATABASE_URL') {
    const where = safeLocation(url);
    const reason = cause instanceof Error ? cause.message : String(cause);
    super(`Cannot reach PostgreSQL at ${where}: ${reason}. Check ${variable}${variable === 'DATABASE_URL' ? ', or unset it to use the embedded database' : ''}.`);
    this.name = 'DatabaseUnreachableError';
  }
}

/** host:port/database, never the password. */
export function safeLocation(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.hostname}:${parsed.port || 5432}${parsed.pathname}`;
  } catch {
    return 'the given DATABASE_URL';
  }
}

export async function pendingMigrations(dataSource: DataSource): Promise<boolean> {
  return dataSource.showMigrations();
}
