import { CLIENT_ERROR_CODES } from '../../src/common/format-error.js';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import {
  getNamedType,
  getNullableType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isScalarType,
  type GraphQLArgument,
  type GraphQLInputObjectType,
  type GraphQLInputType,
  type GraphQLSchema,
} from 'graphql';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import { factories, startTestApp, type TestApp } from '../support/app.js';

/**
 * Every mutation in the schema (read from the schema, so a new one is covered without a line
 * here), sent arguments built from its input types with extreme values, as a signed-in mediator
 * or counsel of a side, on a real case: each answer is data or an error with a known code, never
 * INTERNAL_SERVER_ERROR, and an error writes nothing.
 */

/** Codes a client may be answered with (the api's own list). INTERNAL_SERVER_ERROR is deliberately not one. */
const KNOWN_CODES = CLIENT_ERROR_CODES;

/**
 * Tables a refused request may still write, by design: failed sign-ins are counted; sign-in
 * makes sessions; every request is counted against the request rate limits (over the service
 * pool, not the app's statements).
 */
const WRITTEN_EVEN_WHEN_REFUSED = new Set(['sign_in_attempts', 'sessions', 'request_counts']);

const RUNS_PER_MUTATION = Number(process.env.FUZZ_RUNS ?? 40);
const SEED = Number(process.env.FUZZ_SEED ?? 20260301);

let t: TestApp;
let schema: GraphQLSchema;
let checksumSql: string;
const people: Record<'mediator' | 'counsel', string> = { mediator: '', counsel: '' };
let caseId = '';
/** Real ids of the case's records, so that some arguments reach past "not found". */
const realIds: string[] = [];

beforeAll(async () => {
  t = await startTestApp('fuzz');
  schema = t.app.get(GraphQLSchemaHost).schema;
  const f = factories(t);
  const org = await f.newOrganisation();
  const mediator = await f.newUser(org, 'MEDIATOR');
  const counsel = await f.newUser(org);
  people.mediator = mediator.token;
  people.counsel = counsel.token;
  const created = await f.newCase(mediator.token, { issues: [{ label: 'Unpaid invoices' }, { label: 'Late delivery' }] });
  caseId = created.id;
  await f.addParticipant(caseId, counsel.id, 'COUNSEL', created.sides[0]!.id);
  const ok = async (query: string, variables: Record<string, unknown>, token = mediator.token) => {
    const result = await t.gql(query, variables, token);
    if (!result.data) throw new Error(JSON.stringify(result.errors));
    return result.data;
  };
  await ok(`mutation ($c: ID!) { scheduleSession(caseId: $c, input: { startsAt: "2026-06-01T10:00:00Z", format: JOINT }) { id } }`, { c: caseId });
  await ok(`mutation ($c: ID!) { addDeadline(caseId: $c, input: { kind: OTHER, title: "File the brief", dueAt: "2026-07-01T17:00:00Z", source: COUNSEL }) { id } }`, { c: caseId });
  await ok(`mutation ($c: ID!, $s: ID!) { addWorkspaceItem(caseId: $c, sideId: $s, input: { kind: NOTE, body: "Our note" }) { id } }`, { c: caseId, s: created.sides[0]!.id }, counsel.token);
  await ok(`mutation ($c: ID!) { addMediatorNote(caseId: $c, input: { body: "Caucus went well" }) { id } }`, { c: caseId });
  const ids = await t.db.query(
    `SELECT id::text FROM sides WHERE case_id = $1 UNION ALL SELECT id::text FROM issues WHERE case_id = $1
     UNION ALL SELECT id::text FROM participants WHERE case_id = $1 UNION ALL SELECT id::text FROM mediation_sessions WHERE case_id = $1
     UNION ALL SELECT id::text FROM deadlines WHERE case_id = $1 UNION ALL SELECT id::text FROM side_workspace_items WHERE case_id = $1
     UNION ALL SELECT id::text FROM mediator_notes WHERE case_id = $1 UNION ALL SELECT $2::text UNION ALL SELECT $3::text`,
    [caseId, mediator.id, counsel.id],
  );
  realIds.push(caseId, ...ids.map((r: { id: string }) => r.id));

  const tables: { table_name: string }[] = await t.db.query(
    `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name`,
  );
  checksumSql = tables
    .filter(({ table_name }) => !WRITTEN_EVEN_WHEN_REFUSED.has(table_name))
    .map(({ table_name }) => `SELECT '${table_name}' AS t, count(*)::int AS n, coalesce(md5(string_agg(x::text, ',' ORDER BY x::text)), '') AS h FROM "${table_name}" x`)
    .join(' UNION ALL ');
}, 60_000);

afterAll(() => t?.close());

async function checksum(): Promise<string> {
  const rows: { t: string; n: number; h: string }[] = await t.db.query(checksumSql);
  return rows.map((r) => `${r.t}:${r.n}:${r.h}`).join('|');
}

// ---- values -------------------------------------------------------------------------------

const extremeText = fc.oneof(
  fc.constant(''),
  fc.constant('   '),
  fc.constant('x'.repeat(201)),
  fc.constant('y'.repeat(10_001)),
  fc.constant('🙂'.repeat(150)),
  fc.constant('🙂'.repeat(201)),
  fc.constant('null\u0000byte'),
  fc.constant('pay \u202Eevig'),
  fc.constant('\u2066isolate\u2069'),
  fc.constant('mark\u200F'),
  fc.constant('half \uD83D surrogate'),
  fc.constant('\uDE00 low half'),
  fc.constant('2026-02-31'),
  fc.constant('2026-02-31T10:00:00Z'),
  fc.constant("'; DROP TABLE cases; --"),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 300 }),
);
const ordinaryText = fc.constantFrom('Ordinary text', 'USD', 'eur', 'An issue', 'name@example.org', 'correct horse battery staple', '2026-09-01');
// Mostly ordinary, so that an extreme value in one field is often the only thing wrong and reaches the database.
const text = fc.oneof({ arbitrary: extremeText, weight: 1 }, { arbitrary: ordinaryText, weight: 2 });
const id = fc.oneof(
  { arbitrary: fc.constantFrom(...(['REAL'] as const)).chain(() => fc.constantFrom(...realIds)), weight: 4 },
  { arbitrary: fc.uuid(), weight: 1 },
  { arbitrary: fc.constantFrom('not-a-uuid', '', '00000000-0000-0000-0000-00000000000g', '1 OR 1=1'), weight: 1 },
  { arbitrary: extremeText, weight: 1 },
);
const float = fc.oneof(
  fc.constantFrom(0, -0, 1, 0.5, 1.5, -1, 10.005, 0.1 + 0.2, 123456.78, 99_999_999_999_999.99, 100_000_000_000_000, 1e16, 1e308, -1e308, 5e-324, 987654321.777),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.double({ min: -1e6, max: 1e6, noNaN: true }),
);
const int = fc.oneof(fc.constantFrom(0, 1, -1, 2 ** 31 - 1, -(2 ** 31)), fc.integer());
const dateTime = fc.oneof(
  fc.constantFrom(
    '2026-06-01T10:00:00Z',
    '2026-06-01T10:00:00.123+02:00',
    '2026-02-31T10:00:00Z',
    '2026-13-01T00:00:00Z',
    '2026-06-01T24:00:00Z',
    '2026-06-01T10:60:00Z',
    '2026-06-01',
    '2026-06-01T10:00:00',
    '+275760-09-13T00:00:00Z',
    '0000-01-01T00:00:00Z',
    '9999-12-31T23:59:59Z',
    'yesterday',
    '',
  ),
  fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
  fc.date({ min: new Date('2025-01-01'), max: new Date('2030-01-01'), noInvalidDate: true }).map((d) => d.toISOString()),
);
const localDate = fc.oneof(
  fc.constantFrom('2026-06-01', '2024-02-29', '2026-02-29', '2026-02-31', '2026-13-01', '2026-6-1', '0999-12-31', '1000-01-01', '9999-12-31', '2026-06-01T10:00:00Z', 'tomorrow', ''),
  fc.date({ min: new Date('1000-01-01'), max: new Date('9999-12-31'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
  fc.date({ min: new Date('2025-01-01'), max: new Date('2030-01-01'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
  extremeText,
);

/** Stands for the case's current version, read when the request is sent. */
const CURRENT_VERSION = Symbol('current version');

function valueFor(type: GraphQLInputType, name: string, depth: number): fc.Arbitrary<unknown> {
  const required = isNonNullType(type);
  const inner = getNullableType(type) as GraphQLInputType;
  const arbitrary = nonNullValueFor(inner, name, depth);
  return required ? arbitrary : fc.oneof({ arbitrary, weight: 4 }, { arbitrary: fc.constant(null), weight: 1 });
}

function nonNullValueFor(type: GraphQLInputType, name: string, depth: number): fc.Arbitrary<unknown> {
  if (isListType(type)) return fc.array(valueFor(type.ofType, name, depth + 1), { maxLength: depth > 2 ? 1 : 3 });
  if (isEnumType(type)) {
    const values = type.getValues().map((v) => v.name);
    return fc.oneof({ arbitrary: fc.constantFrom(...values), weight: 9 }, { arbitrary: fc.constant('NOT_A_VALUE'), weight: 1 });
  }
  if (isInputObjectType(type)) {
    const fields = Object.values(type.getFields());
    if (type.isOneOf) {
      return fc.oneof(...fields.map((field) => valueFor(getNullableType(field.type) as GraphQLInputType, field.name, depth + 1).map((v) => ({ [field.name]: v }))));
    }
    const model = Object.fromEntries(fields.map((field) => [field.name, valueFor(field.type, field.name, depth + 1)]));
    const requiredKeys = fields.filter((field) => isNonNullType(field.type) && field.defaultValue === undefined).map((field) => field.name);
    return fc.record(model, { requiredKeys });
  }
  if (isScalarType(type)) {
    switch (type.name) {
      case 'ID':
        return name === 'caseId' ? fc.oneof({ arbitrary: fc.constant('CASE').map(() => caseId), weight: 5 }, { arbitrary: id, weight: 1 }) : id;
      case 'String':
        return /Id$/.test(name) ? id : text;
      case 'Float':
        return float;
      case 'Int':
        return name === 'expectedVersion' ? fc.oneof({ arbitrary: fc.constant(CURRENT_VERSION), weight: 4 }, { arbitrary: int, weight: 1 }) : int;
      case 'Boolean':
        return fc.boolean();
      case 'DateTime':
        return dateTime;
      case 'LocalDate':
        return localDate;
    }
  }
  throw new Error(`The fuzz test has no values for the input type ${String(type)}: add them.`);
}

function argumentsFor(args: readonly GraphQLArgument[]): fc.Arbitrary<Record<string, unknown>> {
  return fc.record(Object.fromEntries(args.map((arg) => [arg.name, valueFor(arg.type, arg.name, 0)])), {
    requiredKeys: args.filter((arg) => isNonNullType(arg.type)).map((arg) => arg.name),
  });
}

async function resolveVersion(variables: Record<string, unknown>): Promise<Record<string, unknown>> {
  if (variables.expectedVersion !== CURRENT_VERSION) return variables;
  const [row] = await t.db.query(`SELECT version FROM cases WHERE id = $1`, [caseId]);
  return { ...variables, expectedVersion: row.version };
}

// ---- the property -------------------------------------------------------------------------

describe('values past a column’s limits', () => {
  const refused = async (query: string, variables: Record<string, unknown>, token: string, field: RegExp) => {
    const before = await checksum();
    const result = await t.gql(query, variables, token);
    expect(result.errors?.map((e) => e.extensions?.code)).toEqual(['BAD_USER_INPUT']);
    expect(result.errors![0]!.message).toMatch(field);
    expect(await checksum()).toBe(before);
  };
  const version = async () => (await t.db.query(`SELECT version FROM cases WHERE id = $1`, [caseId]))[0].version as number;

  it('refuses an issue label over 200 characters, sent as an event or as an edit, and a NUL byte', async () => {
    const transition = `mutation ($c: ID!, $v: Int!, $e: CaseEventInput!) { transitionCase(caseId: $c, expectedVersion: $v, event: $e) { id } }`;
    await refused(transition, { c: caseId, v: await version(), e: { addIssue: { label: 'x'.repeat(201) } } }, people.mediator, /label.*200 characters/);
    await refused(transition, { c: caseId, v: await version(), e: { addIssue: { label: 'a\u0000b' } } }, people.mediator, /label.*NUL/);
    const [issue] = await t.db.query(`SELECT id FROM issues WHERE case_id = $1 LIMIT 1`, [caseId]);
    const edit = `mutation ($c: ID!, $i: ID!, $l: String!) { updateIssue(caseId: $c, issueId: $i, input: { label: $l }) { id } }`;
    await refused(edit, { c: caseId, i: issue.id, l: '🙂'.repeat(201) }, people.mediator, /label: must be at most 200 characters/);
    await refused(edit, { c: caseId, i: issue.id, l: 'evil \u202Etxt.exe' }, people.mediator, /bidirectional/);
    // 200 emoji are 200 characters (400 UTF-16 units): they fit.
    expect((await t.gql(edit, { c: caseId, i: issue.id, l: '🙂'.repeat(200) }, people.mediator)).errors).toBeUndefined();
  });

  it('refuses a BATNA range past numeric(16,2) and a best offer with more decimals than cents', async () => {
    const [side] = await t.db.query(`SELECT side_id FROM participants WHERE case_id = $1 AND role = 'COUNSEL'`, [caseId]);
    const add = `mutation ($c: ID!, $s: ID!, $i: WorkspaceItemInput!) { addWorkspaceItem(caseId: $c, sideId: $s, input: $i) { id } }`;
    const vars = (input: object) => ({ c: caseId, s: side.side_id, i: input });
    await refused(add, vars({ kind: 'BATNA', batna: { rangeLow: 1, rangeHigh: 1e16 } }), people.counsel, /rangeHigh: must be less than 100,000,000,000,000/);
    await refused(add, vars({ kind: 'BEST_OFFER', amount: 10.005, currency: 'USD' }), people.counsel, /amount: must have at most 2 decimals/);
    await refused(add, vars({ kind: 'BEST_OFFER', amount: 4e-323, currency: 'USD' }), people.counsel, /amount: must have at most 2 decimals/);
    // A probability is rounded to the column's three decimals (33.33 % typed in the dashboard).
    const kept = await t.gql(add, vars({ kind: 'BATNA', batna: { probability: 0.3333 } }), people.counsel);
    expect(kept.errors).toBeUndefined();
  });

  it('refuses dates that are not on the calendar instead of rolling them over', async () => {
    const schedule = `mutation ($c: ID!, $at: DateTime!) { scheduleSession(caseId: $c, input: { startsAt: $at, format: JOINT }) { id } }`;
    await refused(schedule, { c: caseId, at: '2026-02-31T10:00:00Z' }, people.mediator, /real calendar date/);
    await refused(schedule, { c: caseId, at: '2026-06-01 10:00' }, people.mediator, /ISO 8601/);
    const create = `mutation ($i: CreateCaseInput!) { createCase(input: $i) { id } }`;
    const newCase = (referralDate: string) => ({
      i: { caption: 'Dates', disputeType: 'CONTRACT', referralDate, sides: [{ label: 'A', role: 'CLAIMANT' }, { label: 'B', role: 'RESPONDENT' }] },
    });
    await refused(create, newCase('2026-02-31'), people.mediator, /referralDate.*real calendar date/);
    const transition = `mutation ($c: ID!, $v: Int!, $e: CaseEventInput!) { transitionCase(caseId: $c, expectedVersion: $v, event: $e) { id } }`;
    const [owner] = await t.db.query(`SELECT id FROM participants WHERE case_id = $1 LIMIT 1`, [caseId]);
    await refused(transition, { c: caseId, v: await version(), e: { assignOutreachOwner: { ownerId: owner.id, touchpointDate: '2026-02-31' } } }, people.mediator, /touchpointDate/);
  });

  it('types dates and date-times as scalars (LocalDate, DateTime) that refuse impossible values, also written in the query', async () => {
    expect(String((schema.getType('CreateCaseInput') as GraphQLInputObjectType).getFields().referralDate!.type)).toBe('LocalDate');
    expect(String((schema.getType('AssignOutreachOwnerInput') as GraphQLInputObjectType).getFields().touchpointDate!.type)).toBe('LocalDate!');
    const create = `mutation ($i: CreateCaseInput!) { createCase(input: $i) { id referralDate } }`;
    const newCase = (referralDate: string) => ({
      i: { caption: 'Dates', disputeType: 'CONTRACT', referralDate, sides: [{ label: 'A', role: 'CLAIMANT' }, { label: 'B', role: 'RESPONDENT' }] },
    });
    for (const bad of ['2026-02-29', '0999-12-31', '2026-1-5', '2026-03-01T10:00:00Z', '20260301']) {
      await refused(create, newCase(bad), people.mediator, /referralDate.*real calendar date written YYYY-MM-DD/);
    }
    const literal = (d: string) => `mutation { createCase(input: { caption: "Dates", disputeType: CONTRACT, referralDate: "${d}", sides: [{ label: "A", role: CLAIMANT }, { label: "B", role: RESPONDENT }] }) { id } }`;
    await refused(literal('2026-02-31'), {}, people.mediator, /real calendar date/);
    const kept = await t.gql(create, newCase('2024-02-29'), people.mediator);
    expect(kept.errors).toBeUndefined();
    expect(kept.data!.createCase.referralDate).toBe('2024-02-29');

    const schedule = `mutation ($c: ID!, $at: DateTime!) { scheduleSession(caseId: $c, input: { startsAt: $at, format: JOINT }) { id sessions { startsAt } } }`;
    for (const bad of ['0999-03-01T10:00:00Z', '2026-03-01T10:00:60Z', '2026-03-01T10:00:00+24:00']) {
      await refused(schedule, { c: caseId, at: bad }, people.mediator, /real calendar date/);
    }
    const scheduleLiteral = `mutation ($c: ID!) { scheduleSession(caseId: $c, input: { startsAt: "2026-02-31T10:00:00Z", format: JOINT }) { id } }`;
    await refused(scheduleLiteral, { c: caseId }, people.mediator, /real calendar date/);
    const scheduled = await t.gql(schedule, { c: caseId, at: '2026-03-01T10:00:00.5+01:00' }, people.mediator);
    expect(scheduled.errors).toBeUndefined();
    expect(scheduled.data!.scheduleSession.sessions.map((s: { startsAt: string }) => s.startsAt)).toContain('2026-03-01T09:00:00.500Z');
  });
});

describe('every mutation, sent extreme input', () => {
  it('answers data or a coded error, never INTERNAL_SERVER_ERROR, and an error writes nothing', async () => {
    const mutations = Object.values(schema.getMutationType()!.getFields());
    expect(mutations.length).toBeGreaterThan(20);
    const tally: Record<string, Record<string, number>> = {};
    for (const mutation of mutations) {
      const declarations = mutation.args.map((arg) => `$${arg.name}: ${String(arg.type)}`).join(', ');
      const call = mutation.args.map((arg) => `${arg.name}: $${arg.name}`).join(', ');
      const returned = getNamedType(mutation.type);
      const selection = isScalarType(returned) || isEnumType(returned) ? '' : ' { __typename }';
      const query = `mutation Fuzz${declarations ? `(${declarations})` : ''} { ${mutation.name}${call ? `(${call})` : ''}${selection} }`;
      // Signing out ends the session the next request would use: it runs anonymously.
      const who = mutation.name === 'signOut' ? fc.constant(null) : fc.constantFrom('mediator' as const, 'counsel' as const);
      const counts: Record<string, number> = (tally[mutation.name] = {});
      const runs = mutation.name === 'transitionCase' ? RUNS_PER_MUTATION * 4 : RUNS_PER_MUTATION;
      await fc.assert(
        fc.asyncProperty(argumentsFor(mutation.args), who, async (generated, person) => {
          const variables = await resolveVersion(generated);
          const before = await checksum();
          t.statements.length = 0;
          const result = await t.gql(query, variables, person ? people[person] : undefined);
          const ran = [...t.statements];
          const codes = (result.errors ?? []).map((e) => String(e.extensions?.code));
          for (const code of codes.length ? codes : ['data']) counts[code] = (counts[code] ?? 0) + 1;
          const unknown = (result.errors ?? []).filter((e) => !KNOWN_CODES.has(String(e.extensions?.code)));
          if (unknown.length > 0) throw new Error(`${mutation.name} answered ${JSON.stringify(unknown)}`);
          if (result.errors?.length) {
            const after = await checksum();
            if (after !== before) throw new Error(`${mutation.name} answered ${codes.join(', ')} but wrote: ${diff(before, after)}`);
          } else {
            expect(result.data?.[mutation.name]).not.toBeUndefined();
            // Every edit locks, then reads: a transaction that writes a case's records starts by
            // locking the case row (or is the transition's compare-and-set, which locks it).
            if ('caseId' in variables) {
              const problem = lockedFirst(ran);
              if (problem) throw new Error(`${mutation.name}: ${problem}`);
            }
          }
        }),
        { seed: SEED, numRuns: runs, endOnFailure: true },
      );
    }
    if (process.env.FUZZ_TALLY) console.log(JSON.stringify(tally, null, 1));
    // Each mutation was reached with input it refused (the test is not vacuous).
    for (const [name, counts] of Object.entries(tally)) {
      if (name !== 'signOut' && name !== 'revokeCalendarFeed' && name !== 'createCalendarFeed') {
        expect([name, (counts.BAD_USER_INPUT ?? 0) + (counts.NOT_FOUND ?? 0) > 0]).toEqual([name, true]);
      }
    }
  }, 180_000);
});

function diff(before: string, after: string): string {
  const b = new Set(before.split('|'));
  return after
    .split('|')
    .filter((entry) => !b.has(entry))
    .map((entry) => entry.split(':')[0])
    .join(', ');
}

/** Tables whose writes are not edits of a case (sign-in bookkeeping, sessions). */
const NOT_CASE_WRITES = /\b(sign_in_attempts|sessions)\b/;

/**
 * Null when every transaction in `statements` that writes case data begins with the lock of
 * the case row, `SELECT … FOR UPDATE`, or with the transition's compare-and-set UPDATE of
 * `cases` (which takes the row lock itself); else a sentence naming the first that does not.
 */
function lockedFirst(statements: readonly string[]): string | null {
  let inTx: string[] | null = null;
  for (const sql of statements) {
    if (/^START TRANSACTION/i.test(sql)) {
      inTx = [];
      continue;
    }
    if (/^(COMMIT|ROLLBACK)/i.test(sql)) {
      const writes = (inTx ?? []).filter((q) => /^\s*(WITH[\s\S]*?\)\s*)?(INSERT|UPDATE|DELETE)\b/i.test(q.trim()) && !NOT_CASE_WRITES.test(q));
      const first = (inTx ?? [])[0]?.trim() ?? '';
      const locks = /FOR UPDATE/i.test(first) && /\bcases\b/.test(first);
      const compareAndSet = /UPDATE cases[\s\S]*WHERE id = \$1 AND version = \$2/.test(first);
      if (writes.length > 0 && !locks && !compareAndSet) return `a transaction wrote before locking the case: it began with ${first.slice(0, 120)}`;
      inTx = null;
      continue;
    }
    if (inTx) inTx.push(sql);
  }
  return null;
}
