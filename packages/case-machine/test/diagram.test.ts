import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from '@jest/globals';
import {
  EVENT_TYPES,
  LITIGATION_STATES,
  RESOLUTION_STATES,
  describeState,
  mermaidStateId,
  statechartMermaid,
  statechartOutline,
  type StateOutline,
} from '../src/index.js';
import { newCase, run } from './support.js';

const committed = join(dirname(fileURLToPath(import.meta.url)), '..', 'diagram', 'case-machine.mmd');

describe('the diagram', () => {
  it('is committed and current: regenerate it with `pnpm --filter @impasse/case-machine diagram`', () => {
    const generated = statechartMermaid();
    const onDisk = readFileSync(committed, 'utf8');
    // A stale diagram fails here; the diff shows what changed in the chart.
    expect(onDisk).toEqual(generated);
  });

  it('draws every state of both regions, under the ids the web lights', () => {
    const diagram = statechartMermaid();
    for (const path of Object.values(RESOLUTION_STATES)) expect(diagram).toContain(`state "${path}" as ${mermaidStateId('resolution', path)}`);
    for (const path of LITIGATION_STATES) expect(diagram).toContain(`state "${path}" as ${mermaidStateId('litigation', path)}`);
  });

  it('labels an edge with every event the chart accepts, and the guard that decides it', () => {
    const diagram = statechartMermaid();
    for (const type of EVENT_TYPES) expect(diagram).toMatch(new RegExp(` : ${type}\\b`));
    expect(diagram).toContain('resolution_impasse --> resolution_mediation_scheduled : REMEDIATE [impasseAssessed and remediationJustified]');
    expect(diagram).toContain('litigation_stayed --> litigation_discovery : LIFT_STAY [stayedFrom(discovery)]');
    expect(diagram).toContain('resolution_anyOpen --> resolution_resolved_judgment : [judgmentEntered]');
    // Forbidden transitions (a closed case accepts nothing) are not drawn.
    expect(diagram).not.toMatch(/resolution_resolved_\w+ --> (?!\[\*\])/);
  });

  it('lights the current state of a case', () => {
    const stored = run(newCase(), [{ type: 'SCHEDULE_MEDIATION' }, { type: 'FILE_SUIT' }]).persisted;
    const lit = statechartMermaid({ active: describeState(stored) });
    expect(lit).toContain('class resolution_mediation_scheduled,litigation_pleadings current');
    expect(lit.startsWith(statechartMermaid().trimEnd())).toBe(true);
  });
});

describe('statechartOutline', () => {
  const find = (node: StateOutline, id: string): StateOutline | undefined =>
    node.id === id ? node : node.children.map((child) => find(child, id)).find(Boolean);

  it('gives the web the state tree with transitions, guards and eventless transitions', () => {
    const outline = statechartOutline();
    expect(outline.type).toBe('parallel');
    expect(outline.children.map((child) => child.key)).toEqual(['resolution', 'litigation']);
    const inSession = find(outline, 'case.resolution.mediation.inSession')!;
    expect(inSession.transitions.find((t) => t.event === 'RECORD_OUTCOME')).toEqual({
      event: 'RECORD_OUTCOME',
      targets: ['case.resolution.agreement', 'case.resolution.impasse', 'case.resolution.impasse'],
      guards: ['settlementReached', 'partialAgreementReached', 'noAgreementReached'],
    });
    expect(find(outline, 'case.resolution.agreement')!.eventless).toEqual([{ target: 'case.resolution.resolved.settled', guard: 'settlementBinding' }]);
  });
});
