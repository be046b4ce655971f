import type { INestApplication } from '@nestjs/common';
import type { DestinationStream } from 'pino';
import type { DataSource } from 'typeorm';
import { createApp } from '../../src/app.js';
import { hashPassword } from '../../src/auth/passwords.js';
import { loadConfig } from '../../src/config/config.js';
import { connect } from '../../src/database/data-source.js';
import { createTestDatabase, TEST_AUDIT_KEY } from './database.js';

export interface GqlResult<T = Record<string, any>> {
  data?: T | null;
  errors?: { message: string; extensions?: { code?: string; field?: string } }[];
}

export interface TestApp {
  url: string;
  /** The database this instance uses; give it to startTestAppOn for a second instance. */
  databaseUrl: string;
  db: DataSource;
  app: INestApplication;
  /** Every SQL statement the app ran since the last reset. */
  statements: string[];
  gql<T = Record<string, any>>(query: string, variables?: Record<string, unknown>, token?: string): Promise<GqlResult<T>>;
  close(): Promise<void>;
}

/** The real app on a real, freshly cloned database, listening on a free port. */
export async function startTestApp(label: string, env: Record<string, string> = {}): Promise<TestApp> {
  return startTestAppOn(await createTestDatabase(label), env);
}

/**
 * Another api instance on an existing database (a second instance shares the first one's URL).
 * Durable jobs are off unless a test asks for them (`{ JOBS: 'on' }`): most tests need none.
 * The mode is the trial (introspection, plain-http cookies) unless a test asks for
 * `{ MODE: 'deployment' }`: DATABASE_URL alone would make it a deployment.
 */
export async function startTestAppOn(url: string, env: Record<string, string> = {}, options: { logDestination?: DestinationStream } = {}): Promise<TestApp> {
  const statements: string[] = [];
  // The request rate limits count every request (through the service pool) but, unless a test
  // sets its budgets, never refuse one: every test file sends its requests from one address.
  const config = loadConfig({
    NODE_ENV: 'test',
    MODE: 'trial',
    PORT: '0',
    HOST: '127.0.0.1',
    DATABASE_URL: url,
    AUDIT_KEY: TEST_AUDIT_KEY,
    LOG_LEVEL: 'silent',
    JOBS: 'off',
    RATE_LIMIT_PER_USER: '1000000',
    RATE_LIMIT_PER_ADDRESS: '1000000',
    ...env,
  });
  const db = await connect({ url, onQuery: (sql) => statements.push(sql), poolSize: config.DATABASE_POOL_SIZE, poolWaitMs: config.DATABASE_POOL_WAIT_MS });
  const app = await createApp(config, db, options);
  await app.listen(0, '127.0.0.1');
  const address = app.getHttpServer().address();
  const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  return {
    url: base,
    databaseUrl: url,
    db,
    app,
    statements,
    async gql(query, variables = {}, token) {
      const response = await fetch(`${base}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify({ query, variables }),
      });
      return (await response.json()) as GqlResult<any>;
    },
    async close() {
      await app.close();
      await db.destroy();
    },
  };
}

let unique = 0;
const PASSWORD = 'correct horse battery staple';

/** Domain-named factories: unique data per call, never a reset. */
export function factories(t: TestApp) {
  return {
    async newOrganisation(name = `Org ${++unique}`): Promise<string> {
      const [row] = await t.db.query(`INSERT INTO organisations (name) VALUES ($1) RETURNING id`, [name]);
      return row.id;
    },
    async newUser(organisationId: string, orgRole: 'MEDIATOR' | 'PROGRAM_ADMIN' | 'ORG_ADMIN' | 'MEMBER' = 'MEMBER') {
      const email = `user${++unique}.${Date.now().toString(36)}@example.test`;
      const [row] = await t.db.query(
        `INSERT INTO users (organisation_id, email, display_name, password_hash, org_role) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
        [organisationId, email, `Person ${unique}`, await hashPassword(PASSWORD), orgRole],
      );
      const signedIn = await t.gql<{ signIn: { token: string } }>(
        `mutation ($email: String!, $password: String!) { signIn(input: { email: $email, password: $password }) { token } }`,
        { email, password: PASSWORD },
      );
      return { id: row.id as string, email, token: signedIn.data!.signIn.token };
    },
    async newCase(token: string, overrides: Record<string, unknown> = {}) {
      const result = await t.gql<{ createCase: { id: string; version: number; sides: { id: string }[] } }>(
        `mutation ($input: CreateCaseInput!) { createCase(input: $input) { id version sides { id } } }`,
        {
          input: {
            caption: `Case ${++unique}`,
            disputeType: 'CONTRACT',
            sides: [
              { label: 'Acme Supply', role: 'CLAIMANT' },
              { label: 'Beta Retail', role: 'RESPONDENT' },
            ],
            ...overrides,
          },
        },
        token,
      );
      if (!result.data) throw new Error(`newCase failed: ${JSON.stringify(result.errors)}`);
      return result.data.createCase;
    },
    async addParticipant(caseId: string, userId: string, role: string, sideId: string | null = null) {
      await t.db.query(`INSERT INTO participants (case_id, user_id, role, side_id) VALUES ($1, $2, $3, $4)`, [caseId, userId, role, sideId]);
    },
  };
}
