import { statechartOutline, type StateOutline } from '@impasse/case-machine';

export type { StateOutline };

/** The case statechart as a plain tree, computed once. */
export const CASE_OUTLINE: StateOutline = statechartOutline();

/** The parallel regions of the chart (`resolution`, `litigation`), in the chart's order. */
export function regionsOf(outline: StateOutline = CASE_OUTLINE): StateOutline[] {
  return outline.type === 'parallel' ? outline.children : [outline];
}

/** One region of the chart by its key, e.g. `resolution`. */
export function regionOf(region: string, outline: StateOutline = CASE_OUTLINE): StateOutline | undefined {
  return regionsOf(outline).find((node) => node.key === region);
}

/** The first segment of a dotted state path: `mediation.scheduled` → `mediation`. */
export function stageOf(path: string): string {
  return path.split('.')[0] ?? path;
}

/** The top-level states of a region, in the order the statechart declares them. */
export function stagesOf(region: string, outline: StateOutline = CASE_OUTLINE): string[] {
  return (regionOf(region, outline)?.children ?? []).map((node) => node.key);
}

/**
 * Every state of a region as a dotted path relative to the region, parents before their
 * children, in the chart's order: `intake`, `mediation`, `mediation.scheduled`, …
 */
export function statePathsOf(region: string, outline: StateOutline = CASE_OUTLINE): string[] {
  const regionNode = regionOf(region, outline);
  if (!regionNode) return [];
  const paths: string[] = [];
  const walk = (node: StateOutline) => {
    paths.push(node.id.slice(regionNode.id.length + 1));
    node.children.forEach(walk);
  };
  regionNode.children.forEach(walk);
  return paths;
}

/** The outline id of a state: region `resolution` + `mediation.scheduled` → `case.resolution.mediation.scheduled`. */
export function stateIdOf(region: string, path: string, outline: StateOutline = CASE_OUTLINE): string {
  const regionNode = regionOf(region, outline);
  return `${regionNode?.id ?? `${outline.id}.${region}`}.${path}`;
}

/**
 * A state id as its region and path: `case.resolution.impasse` → `{ region: 'resolution',
 * path: 'impasse' }`. Ids outside the chart come back with the whole id as the path.
 */
export function splitStateId(id: string, outline: StateOutline = CASE_OUTLINE): { region: string | null; path: string } {
  for (const region of regionsOf(outline)) {
    if (id.startsWith(`${region.id}.`)) return { region: region.key, path: id.slice(region.id.length + 1) };
  }
  return { region: null, path: id };
}
