import { stageOf } from '../../statechart/lib/outline';

export interface BoardColumn<T> {
  /** The top-level state of the resolution region, e.g. `mediation`. */
  stage: string;
  cases: T[];
}

/**
 * Puts cases in one column per top-level resolution stage, in the statechart's order
 * (`stages`, from `stagesOf('resolution')`). Every stage gets a column, empty or not; a
 * stage the chart does not know (an api ahead of the web) gets a column at the end rather
 * than losing its cases. Within a column the cases keep their given order.
 */
export function groupByStage<T extends { state: { resolution: string } }>(
  cases: readonly T[],
  stages: readonly string[],
): BoardColumn<T>[] {
  const columns = new Map<string, T[]>(stages.map((stage) => [stage, []]));
  for (const item of cases) {
    const stage = stageOf(item.state.resolution);
    const column = columns.get(stage);
    if (column) column.push(item);
    else columns.set(stage, [item]);
  }
  return [...columns].map(([stage, list]) => ({ stage, cases: list }));
}
