import { caseMachine } from './machine.js';
import { guardLabel } from './outline.js';
import type { CaseStateView } from './persistence.js';
import { REGIONS, type Region } from './states.js';

type Node = (typeof caseMachine)['root'];
type TransitionDefinition = ReturnType<Node['transitions']['get']> extends (infer T)[] | undefined ? T : never;

/**
 * The Mermaid id of a state, from its region and dotted path (as `describeState` returns
 * them): `resolution` + `mediation.scheduled` → `resolution_mediation_scheduled`. The web
 * uses it to light the current states.
 */
export function mermaidStateId(region: Region, path: string): string {
  return [region, ...path.split('.')].join('_');
}

/** The pseudo state standing for "any open state of this region" (handlers on the region itself). */
export function anyOpenStateId(region: Region): string {
  return `${region}_anyOpen`;
}

const pathOf = (node: Node): string => node.path.slice(1).join('.');
const regionOf = (node: Node): Region => node.path[0] as Region;
const idOf = (node: Node): string => mermaidStateId(regionOf(node), pathOf(node));
const isLeaf = (node: Node): boolean => node.type === 'atomic' || node.type === 'final';

function leavesOf(node: Node): Node[] {
  if (isLeaf(node)) return [node];
  return Object.values(node.states).flatMap((child) => leavesOf(child as Node));
}

/** The leaf a transition into `node` lands on: itself, or its initial leaf. */
function landingLeaf(node: Node): Node {
  let current = node;
  while (!isLeaf(current)) {
    const initial = current.initial?.target?.[0] as Node | undefined;
    if (!initial) break;
    current = initial;
  }
  return current;
}

function label(event: string, transition: TransitionDefinition): string {
  const guard = guardLabel(transition.guard);
  return [event, guard ? `[${guard}]` : ''].filter(Boolean).join(' ');
}

export interface MermaidOptions {
  /** Light these states (the case's current state). */
  active?: Pick<CaseStateView, Region>;
}

/**
 * The statechart as a Mermaid `stateDiagram-v2`, generated from the machine definition.
 * Mermaid cannot draw transitions between states nested in different composite states, so
 * each region is drawn flat: a state's label is its dotted path. Transitions defined on the
 * region itself (accepted in any open state) start from the region's "any open state"
 * node; transitions that only update the case (no target) are drawn as self-loops.
 */
export function statechartMermaid(options: MermaidOptions = {}): string {
  const lines: string[] = [
    '%% The case statechart, generated from its definition: do not edit.',
    '%% Regenerate with `pnpm --filter @impasse/case-machine diagram`.',
    'stateDiagram-v2',
    '  state "case" as caseStatechart {',
  ];
  REGIONS.forEach((region, index) => {
    const regionNode = caseMachine.root.states[region] as Node;
    if (index > 0) lines.push('    --');
    lines.push(`    state "${region}" as ${region} {`);
    const leaves = leavesOf(regionNode);
    lines.push(`      [*] --> ${idOf(landingLeaf(regionNode))}`);
    lines.push(`      state "any open state" as ${anyOpenStateId(region)}`);
    for (const leaf of leaves) lines.push(`      state "${pathOf(leaf)}" as ${idOf(leaf)}`);
    const edges: string[] = [];
    const visit = (node: Node) => {
      const sources = node === regionNode ? [anyOpenStateId(region)] : leavesOf(node).filter((leaf) => leaf.type !== 'final').map(idOf);
      const draw = (event: string, transition: TransitionDefinition) => {
        const targets = (transition.target ?? []) as Node[];
        // A transition with neither target nor actions forbids the event there: nothing to draw.
        if (!targets.length && !transition.actions.length) return;
        for (const source of sources) {
          const ends = targets.length ? targets.map((target) => idOf(landingLeaf(target))) : [source];
          for (const end of ends) edges.push(`      ${source} --> ${end} : ${label(event, transition)}`);
        }
      };
      for (const [event, list] of node.transitions.entries()) for (const t of list) draw(event, t as TransitionDefinition);
      for (const t of (node.always ?? []) as TransitionDefinition[]) draw('', t);
      for (const child of Object.values(node.states)) visit(child as Node);
    };
    visit(regionNode);
    lines.push(...edges);
    for (const leaf of leaves) if (leaf.type === 'final') lines.push(`      ${idOf(leaf)} --> [*]`);
    lines.push('    }');
  });
  lines.push('  }');
  if (options.active) {
    lines.push('  classDef current fill:#ffd54f,stroke:#e65100,stroke-width:3px');
    lines.push(`  class ${REGIONS.map((region) => mermaidStateId(region, options.active![region])).join(',')} current`);
  }
  return `${lines.join('\n')}\n`;
}
