import * as caseMachine from '@impasse/case-machine';

/**
 * The value lists the statechart package declares (MEDIATION_OUTCOMES, STALL_REASONS, …), in
 * the order it declares them: "Settled, Partial agreement, No agreement" reads better than
 * the schema's alphabetical order.
 */
const DECLARED: readonly (readonly string[])[] = (Object.values(caseMachine) as unknown[]).filter(
  (value): value is readonly string[] => Array.isArray(value) && value.length > 0 && value.every((v) => typeof v === 'string'),
);

/**
 * Enum values in the statechart's declared order when it declares exactly this set of values,
 * else as given (the schema's order). Never drops or adds a value.
 */
export function declaredOrder<T extends string>(values: readonly T[]): T[] {
  const wanted = new Set<string>(values);
  const list = DECLARED.find((candidate) => candidate.length === wanted.size && candidate.every((v) => wanted.has(v)));
  return list ? ([...list] as T[]) : [...values];
}
