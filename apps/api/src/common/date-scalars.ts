import { GraphQLError, GraphQLScalarType, Kind, type ValueNode } from 'graphql';
import { GraphQLDateTime, GraphQLLocalDate } from 'graphql-scalars';

/** Dates before this year are typing errors here (and years below 1000 are not four-digit years). */
export const FIRST_YEAR = 1000;

const refuse = (message: string) => new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT' } });

const DATE_TIME_RULE = 'A date-time must be written as ISO 8601 with its offset, on a real calendar date from the year 1000, e.g. 2026-03-01T10:00:00Z.';
const DATE_RULE = 'A date must be a real calendar date written YYYY-MM-DD, from the year 1000, e.g. 2026-03-01.';

/** graphql-scalars' check, then the year; anything it refuses or a year before FIRST_YEAR is BAD_USER_INPUT with `rule`. */
function checked<T>(parse: (value: unknown) => T, yearOf: (value: T) => number, rule: string): (value: unknown) => T {
  return (value) => {
    let parsed: T;
    try {
      // Only strings: graphql-scalars' DateTime would also take a Date object (never in JSON).
      if (typeof value !== 'string') throw refuse(rule);
      parsed = parse(value);
    } catch {
      throw refuse(rule);
    }
    if (yearOf(parsed) < FIRST_YEAR) throw refuse(rule);
    return parsed;
  };
}

const literal = (ast: ValueNode): unknown => (ast.kind === Kind.STRING ? ast.value : null);

const parseDateTime = checked((value) => GraphQLDateTime.parseValue(value) as Date, (date) => date.getUTCFullYear(), DATE_TIME_RULE);

/**
 * The schema's `DateTime`: graphql-scalars' (RFC 3339 `date-time`: a real calendar date, a real
 * time of day, an offset; 2026-02-31T10:00:00Z is refused, where `new Date` reads it as 3 March),
 * answered as `toISOString()`; also refused: a year before 1000 (written years have four digits
 * here; graphql-scalars takes 0001), and anything but a string. Every refusal is BAD_USER_INPUT.
 */
export const DateTimeScalar = new GraphQLScalarType<Date, string>({
  ...GraphQLDateTime.toConfig(),
  description:
    'A date-time with its offset, as RFC 3339 `date-time` (ISO 8601) writes it, on a real calendar date from the year 1000, e.g. 2026-03-01T10:00:00Z; answered at UTC.',
  parseValue: parseDateTime,
  parseLiteral: (ast) => parseDateTime(literal(ast)),
  serialize: (value) => (GraphQLDateTime.serialize(value) as Date).toISOString(),
});

const parseLocalDate = checked((value) => GraphQLLocalDate.parseValue(value) as string, (date) => Number(date.slice(0, 4)), DATE_RULE);

/**
 * The schema's `LocalDate`: graphql-scalars' (`YYYY-MM-DD`, a real calendar date: 2026-02-29 is
 * refused), a string in and out, as the statechart and the `date` columns hold it; also refused:
 * a year before 1000. Every refusal is BAD_USER_INPUT.
 */
export const LocalDateScalar = new GraphQLScalarType<string, string>({
  ...GraphQLLocalDate.toConfig(),
  description: 'A calendar date with no time zone, written `YYYY-MM-DD`, a real one from the year 1000, e.g. `2026-03-01`.',
  parseValue: parseLocalDate,
  parseLiteral: (ast) => parseLocalDate(literal(ast)),
});
