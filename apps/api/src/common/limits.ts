import { ValidateBy, type ValidationOptions } from 'class-validator';

/** The largest request body accepted (Fastify's default): a GraphQL request is far smaller. */
export const BODY_LIMIT_BYTES = 1024 * 1024;

/**
 * What the database accepts in each column an input writes, in one place. Every text and number
 * is checked against these before any statement runs, so bad input answers BAD_USER_INPUT and
 * writes nothing instead of failing in PostgreSQL. A test (`input-limits.test.ts`) reads the
 * columns' CHECK constraints and numeric(p,s) types from the database and fails when a column
 * and its limit differ, or when a column has no limit here and is not listed as server-written.
 */
export const TEXT_LIMITS = {
  'cases.caption': { min: 1, max: 300 },
  'cases.docket_number': { min: 0, max: 100 },
  'sides.label': { min: 1, max: 200 },
  'issues.label': { min: 1, max: 200 },
  'issues.description': { min: 0, max: 2000 },
  'agreement_terms.terms': { min: 1, max: 10000 },
  'deadlines.title': { min: 1, max: 200 },
  'users.email': { min: 3, max: 254 },
  'users.display_name': { min: 1, max: 200 },
  'invitations.email': { min: 3, max: 254 },
  'invitations.display_name': { min: 1, max: 200 },
  'side_workspace_items.body': { min: 0, max: 10000 },
  'side_workspace_items.currency': { min: 3, max: 3 },
  'side_workspace_items.non_money_terms': { min: 0, max: 5000 },
  'side_workspace_items.next_week': { min: 0, max: 2000 },
  'side_workspace_items.three_months': { min: 0, max: 2000 },
  'side_workspace_items.cost_to_decision': { min: 0, max: 2000 },
  'side_workspace_items.who_decides': { min: 0, max: 500 },
  'mediator_notes.body': { min: 1, max: 10000 },
  'case_playbook_items.item_id': { min: 1, max: 100 },
} as const satisfies Record<string, TextLimit>;

/**
 * numeric(precision, scale) columns. Money refuses more decimals than the column keeps (a
 * best offer of 10.005 is a typing error, not something to round silently); a probability is
 * rounded to the column's scale (33.33 % typed in the dashboard is 0.3333).
 */
export const NUMERIC_LIMITS = {
  'side_workspace_items.amount': { precision: 16, scale: 2, min: 0, decimals: 'refuse' },
  'side_workspace_items.range_low': { precision: 16, scale: 2, decimals: 'refuse' },
  'side_workspace_items.range_high': { precision: 16, scale: 2, decimals: 'refuse' },
  'side_workspace_items.probability': { precision: 4, scale: 3, min: 0, max: 1, decimals: 'round' },
} as const satisfies Record<string, NumericLimit>;

export interface TextLimit {
  /** Length in characters (code points, as PostgreSQL's length() counts them). */
  min: number;
  max: number;
}

export interface NumericLimit {
  precision: number;
  scale: number;
  min?: number;
  max?: number;
  decimals: 'refuse' | 'round';
}

export type TextColumn = keyof typeof TEXT_LIMITS;
export type NumericColumn = keyof typeof NUMERIC_LIMITS;

/**
 * Characters refused in every text: NUL (PostgreSQL cannot store it in text) and the
 * bidirectional controls (U+202A–U+202E, U+2066–U+2069, U+200E, U+200F, U+061C), which can make a
 * label read differently from what it says.
 */
const FORBIDDEN = /[\u0000\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]/;

/** Half of a surrogate pair without the other half: not valid Unicode, and not storable as UTF-8. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Code points, as PostgreSQL counts characters. */
export const characters = (value: string): number => {
  let count = 0;
  for (const _ of value) count += 1;
  return count;
};

/** Why a string may not be stored anywhere (characters), or null. Lengths are the column's concern. */
export function characterProblem(value: string): string | null {
  if (FORBIDDEN.test(value)) {
    return value.includes('\u0000') ? 'must not contain a NUL character' : 'must not contain bidirectional control characters';
  }
  if (LONE_SURROGATE.test(value)) return 'must not contain a lone surrogate (text that is not valid Unicode)';
  return null;
}

/**
 * The first string inside an argument (at any depth) that no column may store, as the path to it
 * and the problem (`input.sides.1.label`, "must not contain a NUL character"), or null.
 */
export function firstCharacterProblem(value: unknown, path: string, depth = 0): { path: string; problem: string } | null {
  if (typeof value === 'string') {
    const problem = characterProblem(value);
    return problem ? { path, problem } : null;
  }
  if (depth > 20 || value === null || typeof value !== 'object' || value instanceof Date) return null;
  for (const [key, item] of Object.entries(value)) {
    const found = firstCharacterProblem(item, `${path}.${key}`, depth + 1);
    if (found) return found;
  }
  return null;
}

/** Why a string does not fit the column, or null. */
export function textProblem(value: unknown, limit: TextLimit): string | null {
  if (typeof value !== 'string') return 'must be text';
  const bad = characterProblem(value);
  if (bad) return bad;
  const length = characters(value);
  if (length > limit.max) return `must be at most ${limit.max} characters (it has ${length})`;
  if (length < limit.min) {
    if (limit.min === limit.max) return `must be exactly ${limit.min} characters`;
    return limit.min === 1 ? 'must not be empty' : `must be at least ${limit.min} characters`;
  }
  return null;
}

/** Decimal places of a finite number as JavaScript writes it (1e-7 has 7). */
export function decimalPlaces(value: number): number {
  const [mantissa, exponent] = String(Math.abs(value)).split('e');
  const fraction = mantissa!.split('.')[1]?.length ?? 0;
  return Math.max(0, fraction - Number(exponent ?? 0));
}

/** Why a number does not fit numeric(precision, scale) and its bounds, or null. */
export function numberProblem(value: unknown, limit: NumericLimit): string | null {
  if (typeof value !== 'number' || !Number.isFinite(value)) return 'must be a finite number';
  const rounded = roundToScale(value, limit);
  const whole = 10 ** (limit.precision - limit.scale);
  if (limit.min !== undefined && rounded < limit.min) return limit.max !== undefined ? `must be between ${limit.min} and ${limit.max}` : `must not be less than ${limit.min}`;
  if (limit.max !== undefined && rounded > limit.max) return `must be between ${limit.min ?? -whole} and ${limit.max}`;
  if (Math.abs(rounded) >= whole) return `must be less than ${whole.toLocaleString('en-US')} in size`;
  if (limit.decimals === 'refuse' && decimalPlaces(value) > limit.scale) return `must have at most ${limit.scale} decimals`;
  return null;
}

/** The value as the column stores it (rounded to its scale when the limit rounds). */
export function roundToScale(value: number, limit: NumericLimit): number {
  if (limit.decimals !== 'round') return value;
  const factor = 10 ** limit.scale;
  return Math.round(value * factor) / factor;
}

/** class-validator: the string fits the column (length in characters, no NUL or bidi controls). */
export function FitsText(column: TextColumn, options: ValidationOptions = {}): PropertyDecorator {
  const limit: TextLimit = TEXT_LIMITS[column];
  return ValidateBy(
    {
      name: 'fitsText',
      validator: {
        validate: (value) => textProblem(value, limit) === null,
        defaultMessage: (args) => `${args?.property}: ${textProblem(args?.value, limit)}`,
      },
    },
    options,
  );
}

/** class-validator: the number fits the column's numeric(p,s) and bounds. */
export function FitsNumeric(column: NumericColumn, options: ValidationOptions = {}): PropertyDecorator {
  const limit: NumericLimit = NUMERIC_LIMITS[column];
  return ValidateBy(
    {
      name: 'fitsNumeric',
      validator: {
        validate: (value) => numberProblem(value, limit) === null,
        defaultMessage: (args) => `${args?.property}: ${numberProblem(args?.value, limit)}`,
      },
    },
    options,
  );
}
