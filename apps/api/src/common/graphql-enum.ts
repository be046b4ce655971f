import { registerEnumType } from '@nestjs/graphql';

/**
 * A GraphQL enum made from a list of values that another package owns (the statechart's
 * vocabulary), so the schema follows the list instead of a hand-kept copy of it. The object
 * it returns works with `@Field(() => E)` and class-validator's `@IsEnum(E)`.
 */
export function graphqlEnum<const T extends string>(name: string, values: readonly T[], description?: string): { readonly [K in T]: K } {
  const object = Object.fromEntries(values.map((value) => [value, value])) as { [K in T]: K };
  registerEnumType(object, { name, ...(description ? { description } : {}) });
  return object;
}
