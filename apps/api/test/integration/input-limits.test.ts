import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { EVENT_CATALOGUE } from '@impasse/case-machine';
import { NUMERIC_LIMITS, TEXT_LIMITS, numberProblem, textProblem } from '../../src/common/limits.js';
import { DateTimeScalar, LocalDateScalar } from '../../src/common/date-scalars.js';
import { startTestApp, type TestApp } from '../support/app.js';

/**
 * Text and numeric columns no input writes, each with the reason. A new column is either given
 * a limit in common/limits.ts or listed here: otherwise this test fails.
 */
const SERVER_WRITTEN: Record<string, string> = {
  'cases.timeline_seal': 'the HMAC of the timeline head, computed by the api',
  'organisations.name': 'the create-admin command and demo data',
  'programs.name': 'demo data and operators',
  'programs.time_zone': 'operators; a CHECK refuses an unknown zone',
  'users.password_hash': 'an argon2id hash',
  'sessions.token_hash': 'a hash',
  'sign_in_attempts.key': 'a hash of the e-mail or the address',
  'request_counts.key': 'a user id or a client address (the request rate limits)',
  'invitations.token_hash': 'a hash',
  'calendar_feeds.token_hash': 'a hash',
  'case_events.type': 'an event type from the statechart',
  'case_events.prev_hash': 'a hash',
  'case_events.hash': 'a hash',
  'cases.resolution_state': 'the statechart',
  'cases.litigation_state': 'the statechart',
  'inbox_items.title': 'a deadline title already within its limit',
  'inbox_items.dedupe_key': 'built by the reminder job',
  'inbox_items.kind': 'set by the reminder job',
  'reminders.lead': 'set by the reminder job',
  'schema_migrations.name': 'the migration runner',
  'mail_outbox.idempotency_key': 'built by the mail room from ids',
  'mail_outbox.recipient': "a user's or an invitation's address, already within its limit",
  'mail_outbox.subject': 'built by a mail template, cut to its limit',
  'mail_outbox.message_id': 'a hash and the sender domain',
  'mail_outbox.last_reply': "the SMTP server's reply, cut to its limit",
  'password_resets.token_hash': 'a hash',
  'program_rounds.dispute_type': "copied by trigger from the case's enumerated column",
  'program_rounds.referral_source': "copied by trigger from the case's enumerated column",
  'program_rounds.went_next': 'a statechart state path, kept by trigger',
  'program_rounds.case_closed_as': 'a statechart state path, kept by trigger',
};

interface Column {
  column: string;
  data_type: string;
  character_maximum_length: number | null;
  numeric_precision: number | null;
  numeric_scale: number | null;
  checks: string[];
}

let t: TestApp;
let columns: Column[];

beforeAll(async () => {
  t = await startTestApp('limits');
  columns = await t.db.query(`
    SELECT c.table_name || '.' || c.column_name AS column, c.data_type, c.character_maximum_length, c.numeric_precision, c.numeric_scale,
           coalesce(array_agg(pg_get_constraintdef(k.oid)) FILTER (WHERE k.oid IS NOT NULL), '{}') AS checks
      FROM information_schema.columns c
      JOIN information_schema.tables tb ON tb.table_schema = c.table_schema AND tb.table_name = c.table_name AND tb.table_type = 'BASE TABLE'
      LEFT JOIN pg_constraint k
        ON k.contype = 'c' AND k.conrelid = (quote_ident(c.table_name))::regclass
       AND (SELECT attnum FROM pg_attribute WHERE attrelid = k.conrelid AND attname = c.column_name) = ANY (k.conkey)
     WHERE c.table_schema = 'public' AND c.data_type IN ('text', 'character varying', 'character', 'numeric')
     GROUP BY 1, 2, 3, 4, 5
     ORDER BY 1`);
}, 60_000);

afterAll(() => t?.close());

/** The column's length bounds from its type or its CHECK: length(x) BETWEEN a AND b, length(x) <= b. */
function lengthBounds(c: Column): { min: number; max: number } | null {
  if (c.character_maximum_length !== null) return { min: c.data_type === 'character' ? c.character_maximum_length : 0, max: c.character_maximum_length };
  for (const check of c.checks) {
    const between = /length\(\w+\) >= (\d+)\) AND \(length\(\w+\) <= (\d+)/.exec(check);
    if (between) return { min: Number(between[1]), max: Number(between[2]) };
    const atMost = /length\(\w+\) <= (\d+)/.exec(check);
    if (atMost) return { min: 0, max: Number(atMost[1]) };
  }
  return null;
}

/** A column whose CHECK lists its values: a GraphQL enum (or the server) chooses them. */
const isEnumerated = (c: Column) => c.checks.some((check) => /= ANY \(ARRAY\[/.test(check));

describe('input limits match the database columns', () => {
  it('gives every text column an input writes the length its CHECK allows, in one place', () => {
    const missing: string[] = [];
    for (const c of columns.filter((c) => c.data_type !== 'numeric')) {
      if (isEnumerated(c) || c.column in SERVER_WRITTEN) continue;
      const limit = TEXT_LIMITS[c.column as keyof typeof TEXT_LIMITS];
      if (!limit) {
        missing.push(c.column);
        continue;
      }
      const bounds = lengthBounds(c);
      expect([c.column, bounds]).toEqual([c.column, expect.objectContaining({ max: limit.max })]);
      // An input may ask for more than the column (e.g. at least 1 character), never less.
      expect([c.column, limit.min >= bounds!.min]).toEqual([c.column, true]);
    }
    expect(missing).toEqual([]);
    // And no limit names a column that does not exist.
    const known = new Set(columns.map((c) => c.column));
    expect(Object.keys(TEXT_LIMITS).filter((column) => !known.has(column))).toEqual([]);
    expect(Object.keys(SERVER_WRITTEN).filter((column) => !known.has(column))).toEqual([]);
  });

  it('gives every numeric column its precision and scale', () => {
    const numeric = columns.filter((c) => c.data_type === 'numeric' && !(c.column in SERVER_WRITTEN));
    expect(numeric.map((c) => c.column).sort()).toEqual(Object.keys(NUMERIC_LIMITS).sort());
    for (const c of numeric) {
      const limit = NUMERIC_LIMITS[c.column as keyof typeof NUMERIC_LIMITS];
      expect([c.column, limit.precision, limit.scale]).toEqual([c.column, c.numeric_precision, c.numeric_scale]);
    }
  });

  it('gives the statechart’s issue label the length of issues.label', () => {
    const label = EVENT_CATALOGUE.ADD_ISSUE.payload.find((f) => f.name === 'label')!;
    expect(label.maxLength).toBe(TEXT_LIMITS['issues.label'].max);
  });
});

describe('the rules', () => {
  it('counts characters as PostgreSQL does and refuses NUL, bidirectional controls and lone surrogates', () => {
    const limit = { min: 1, max: 3 };
    expect(textProblem('🙂🙂🙂', limit)).toBeNull();
    expect(textProblem('abcd', limit)).toMatch(/at most 3/);
    expect(textProblem('', limit)).toMatch(/must not be empty/);
    for (const bad of ['\u0000', '\u202A', '\u202E', '\u2066', '\u2069', '\u200E', '\u200F', '\u061C', '\uD800', '\uDFFF']) {
      expect([JSON.stringify(bad), textProblem(`a${bad}`, limit)]).toEqual([JSON.stringify(bad), expect.stringMatching(/must not contain/)]);
    }
  });

  it('keeps numbers finite, within numeric(p,s), and money to its cents', () => {
    const money = NUMERIC_LIMITS['side_workspace_items.amount'];
    expect(numberProblem(99_999_999_999_999.99, money)).toBeNull();
    expect(numberProblem(100_000_000_000_000, money)).toMatch(/less than/);
    expect(numberProblem(-1, money)).toMatch(/less than 0/);
    expect(numberProblem(1.005, money)).toMatch(/2 decimals/);
    expect(numberProblem(1e-7, money)).toMatch(/2 decimals/);
    expect(numberProblem(Number.NaN, money)).toMatch(/finite/);
    expect(numberProblem(Number.POSITIVE_INFINITY, money)).toMatch(/finite/);
    const probability = NUMERIC_LIMITS['side_workspace_items.probability'];
    expect(numberProblem(0.3333, probability)).toBeNull();
    expect(numberProblem(1.0004, probability)).toBeNull();
    expect(numberProblem(1.01, probability)).toMatch(/between 0 and 1/);
  });

  it('knows real calendar dates and ISO 8601 date-times', () => {
    const isCalendarDate = (value: string) => refusal(() => LocalDateScalar.parseValue(value)) === null;
    const parseInstant = (value: string) => (refusal(() => DateTimeScalar.parseValue(value)) === null ? DateTimeScalar.parseValue(value) : null);
    expect(isCalendarDate('2024-02-29')).toBe(true);
    expect(isCalendarDate('2026-02-29')).toBe(false);
    expect(isCalendarDate('2026-02-31')).toBe(false);
    expect(isCalendarDate('0999-01-01')).toBe(false);
    expect(parseInstant('2026-03-01T10:00:00Z')?.toISOString()).toBe('2026-03-01T10:00:00.000Z');
    expect(parseInstant('2026-03-01T10:00:00.5+01:00')?.toISOString()).toBe('2026-03-01T09:00:00.500Z');
    for (const bad of ['2026-02-31T10:00:00Z', '2026-03-01T24:00:00Z', '2026-03-01T10:00:00', '2026-03-01', '2026-03-01T10:00:00+25:00', '+275760-09-13T00:00:00Z', 'March 1, 2026', '0999-03-01T10:00:00Z']) {
      expect([bad, parseInstant(bad)]).toEqual([bad, null]);
    }
    // Every refusal is the client's input, whatever the value.
    for (const bad of ['2026-02-31', 20260301, null, { year: 2026 }]) expect(refusal(() => LocalDateScalar.parseValue(bad))).toBe('BAD_USER_INPUT');
    for (const bad of ['2026-02-31T10:00:00Z', 1_772_359_200_000, new Date(), null]) expect(refusal(() => DateTimeScalar.parseValue(bad))).toBe('BAD_USER_INPUT');
    expect(DateTimeScalar.serialize(new Date('2026-03-01T10:00:00Z'))).toBe('2026-03-01T10:00:00.000Z');
  });
});

/** The code of the error `parse` throws, or null when it does not throw. */
function refusal(parse: () => unknown): string | null {
  try {
    parse();
    return null;
  } catch (error) {
    return String((error as { extensions?: { code?: unknown } }).extensions?.code);
  }
}
