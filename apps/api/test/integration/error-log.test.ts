import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { adminClient, createTestDatabase } from '../support/database.js';
import { factories, startTestAppOn, type TestApp } from '../support/app.js';

/**
 * What the log says when things go wrong: an unexpected error once, by class, SQLSTATE and
 * operation, never the values it carried; expected errors never as errors with stacks.
 */
const SECRET_AMOUNT = '987654321.77';
const SECRET_NOTE = 'MARKER-NEVER-IN-LOGS-5521';

const lines: string[] = [];
let t: TestApp;

beforeAll(async () => {
  const destination = { write: (line: string) => void lines.push(line) };
  t = await startTestAppOn(await createTestDatabase('errorlog'), { LOG_LEVEL: 'info' }, { logDestination: destination });
}, 60_000);

afterAll(() => t?.close());

const parsed = () => lines.map((line) => JSON.parse(line) as Record<string, unknown>);

describe('the log when a request fails', () => {
  it('logs an unexpected database error once, by class, SQLSTATE and operation, without the values it carried', async () => {
    const f = factories(t);
    const org = await f.newOrganisation();
    const mediator = await f.newUser(org, 'MEDIATOR');
    const counsel = await f.newUser(org);
    const c = await f.newCase(mediator.token);
    await f.addParticipant(c.id, counsel.id, 'COUNSEL', c.sides[0]!.id);
    // A constraint this test adds makes the database refuse the secret itself, on a statement
    // that carries it as a parameter: the error's detail quotes the failing row.
    // The app's role owns no table: the owner adds it.
    const admin = await adminClient(t.databaseUrl);
    await admin.query(`ALTER TABLE side_workspace_items ADD CONSTRAINT refuse_for_the_log_test CHECK (amount IS DISTINCT FROM ${SECRET_AMOUNT})`);
    await admin.end();
    lines.length = 0;
    // Anything written to the console instead of the log counts too.
    const consoled: unknown[][] = [];
    const spies = (['error', 'warn', 'log', 'info'] as const).map((level) => jest.spyOn(console, level).mockImplementation((...args: unknown[]) => void consoled.push(args)));

    const add = `mutation PlantSecret($c: ID!, $s: ID!, $i: WorkspaceItemInput!) { addWorkspaceItem(caseId: $c, sideId: $s, input: $i) { id } }`;
    const result = await t.gql(add, { c: c.id, s: c.sides[0]!.id, i: { kind: 'BEST_OFFER', amount: Number(SECRET_AMOUNT), currency: 'USD', nonMoneyTerms: SECRET_NOTE } }, counsel.token);
    expect(result.errors?.map((e) => e.extensions?.code)).toEqual(['INTERNAL_SERVER_ERROR']);
    // Expected errors: a case that does not exist, input the api refuses, a transition from the wrong role.
    await t.gql(`query Missing { case(id: "00000000-0000-0000-0000-000000000000") { id } }`, {}, counsel.token);
    await t.gql(add, { c: c.id, s: c.sides[0]!.id, i: { kind: 'BEST_OFFER', amount: -1, currency: 'USD', nonMoneyTerms: SECRET_NOTE } }, counsel.token);
    await t.gql(`mutation Start($c: ID!) { transitionCase(caseId: $c, expectedVersion: 1, event: { startSession: true }) { id } }`, { c: c.id }, counsel.token);
    const owner = await adminClient(t.databaseUrl);
    await owner.query(`ALTER TABLE side_workspace_items DROP CONSTRAINT refuse_for_the_log_test`);
    await owner.end();
    for (const spy of spies) spy.mockRestore();

    const log = lines.join('') + consoled.map((args) => args.map((a) => (a instanceof Error ? `${a.stack} ${JSON.stringify(a)}` : JSON.stringify(a))).join(' ')).join('\n');
    expect(log).not.toContain(SECRET_AMOUNT);
    expect(log).not.toContain('987654321');
    expect(log).not.toContain(SECRET_NOTE);
    expect(log).not.toMatch(/INSERT|UPDATE side_workspace_items|Failing row/i);

    const errors = parsed().filter((line) => Number(line.level) >= 50);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ msg: 'Unexpected error', operation: 'PlantSecret', errorClass: 'QueryFailedError', sqlState: '23514', constraint: 'refuse_for_the_log_test' });
    expect(errors[0]!.message).toBeUndefined();

    // Each operation has its info line with its codes; no expected error has a stack anywhere.
    const operations = parsed().filter((line) => line.operation && Array.isArray(line.errors));
    expect(operations.map((line) => [line.operation, line.errors])).toEqual([
      ['PlantSecret', ['INTERNAL_SERVER_ERROR']],
      ['Missing', ['NOT_FOUND']],
      ['PlantSecret', ['BAD_USER_INPUT']],
      ['Start', ['FORBIDDEN']],
    ]);
    expect(parsed().filter((line) => Number(line.level) < 50 && JSON.stringify(line).includes('stack'))).toEqual([]);
  });

  it('censors values that could carry secrets, should an object reach the log whole', async () => {
    const { LOG_REDACT_PATHS } = await import('../../src/app.module.js');
    const { pino } = await import('pino');
    const written: string[] = [];
    const logger = pino({ redact: { paths: [...LOG_REDACT_PATHS], censor: '[redacted]' } }, { write: (line: string) => void written.push(line) });
    logger.error({ err: { query: 'UPDATE …', parameters: [SECRET_AMOUNT], detail: `Failing row contains (${SECRET_NOTE})` } }, 'whole error');
    logger.error({ request: { variables: { note: SECRET_NOTE }, password: SECRET_NOTE }, req: { headers: { authorization: `Bearer ${SECRET_NOTE}`, cookie: SECRET_NOTE } } }, 'whole request');
    expect(written).toHaveLength(2);
    expect(written.join('')).not.toContain(SECRET_NOTE);
    expect(written.join('')).not.toContain(SECRET_AMOUNT);
  });
});
