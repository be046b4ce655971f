import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';
import { parseInstant } from './limits.js';

const refuse = () =>
  new GraphQLError('A date-time must be written as ISO 8601 with its offset, on a real calendar date, e.g. 2026-03-01T10:00:00Z.', {
    extensions: { code: 'BAD_USER_INPUT' },
  });

/**
 * The schema's `DateTime`, as Nest's own (same name and output: `toISOString()`), but strict on
 * input: Nest's parses with `new Date(value)`, which takes numbers and loose strings and reads
 * 2026-02-31T10:00:00Z as 3 March. Here only an ISO 8601 date-time with its offset on a real
 * calendar date is accepted (`parseInstant`); anything else is BAD_USER_INPUT.
 */
export const StrictDateTime = new GraphQLScalarType<Date | null, string | null>({
  name: 'DateTime',
  description: 'A date-time string at UTC, such as 2019-12-03T09:54:33Z, compliant with the date-time format.',
  parseValue(value) {
    const instant = parseInstant(value);
    if (!instant) throw refuse();
    return instant;
  },
  parseLiteral(ast) {
    const instant = ast.kind === Kind.STRING ? parseInstant(ast.value) : null;
    if (!instant) throw refuse();
    return instant;
  },
  serialize(value) {
    return value instanceof Date ? value.toISOString() : null;
  },
});
