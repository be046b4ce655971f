import { getNamedType, isObjectType, type GraphQLObjectType, type GraphQLSchema } from 'graphql';

/** How many side slots a field that takes a side is asked for (`$side0`…). */
export const SIDE_SLOTS = 3;

/**
 * Every field reachable from `type` (scalars and enums, objects recursively), without going
 * back into Case and skipping fields with a required argument: the selection is built from the
 * schema, so a field added later is covered by whoever selects with it. A field that takes a
 * side is asked once per side slot as well ($side0…), so a side that is not the viewer's must
 * answer as if absent.
 */
export function selectionOf(type: GraphQLObjectType, depth = 0): string {
  const parts: string[] = [];
  for (const field of Object.values(type.getFields())) {
    const named = getNamedType(field.type);
    if (field.args.some((a) => a.type.toString().endsWith('!'))) continue;
    const inner = isObjectType(named) ? (named.name === 'Case' || depth > 4 ? null : `{ ${selectionOf(named, depth + 1)} }`) : '';
    if (inner === null) continue;
    parts.push(`${field.name} ${inner}`);
    if (field.args.some((a) => a.name === 'sideId')) {
      for (let i = 0; i < SIDE_SLOTS; i += 1) parts.push(`${field.name}Side${i}: ${field.name}(sideId: $side${i}) ${inner}`);
    }
  }
  return parts.join(' ');
}

/**
 * Every report a program administrator reads: each Query field taking a `ReportPeriodInput`,
 * as [name, query with every field of its answer]. A new report is covered without a list.
 */
export function reportQueries(schema: GraphQLSchema): [string, string][] {
  return Object.values(schema.getQueryType()!.getFields())
    .filter((f) => f.args.some((a) => a.type.toString() === 'ReportPeriodInput!'))
    .map((f) => [f.name, `query ($input: ReportPeriodInput!) { ${f.name}(input: $input) { ${selectionOf(getNamedType(f.type) as GraphQLObjectType)} } }`]);
}
