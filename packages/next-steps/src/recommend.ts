import type { EventOf } from '@impasse/case-machine';
import {
  PATHS,
  PATH_EVENT_TYPES,
  PATH_LABELS,
  arbitrationOnRecord,
  assertValidInput,
  remediationJustified,
  type NextStepsInput,
  type PathId,
} from './input.js';
import { RULES, type Rule } from './rules.js';

/** The event a path sends, ready for the api's `transitionCase`. */
export type PathEvent = EventOf<(typeof PATH_EVENT_TYPES)[PathId]>;

export interface Recommendation {
  /** 1 for the best path. */
  rank: number;
  path: PathId;
  label: string;
  score: number;
  event: PathEvent;
  /** Why the path ranks where it does, one sentence per rule that moved it, in rule order. */
  reasons: string[];
  ruleIds: string[];
}

/** Marks an exclusion made because the statechart (or the facts its guards read) forbids the path. */
export const STATECHART = 'statechart';

export interface Exclusion {
  path: PathId;
  label: string;
  event: PathEvent;
  reasons: string[];
  /** The rules that excluded it, and `statechart` when the case does not allow it now. */
  excludedBy: string[];
}

export interface NextSteps {
  /** Every path the case allows now and no rule excludes, best first. */
  recommended: Recommendation[];
  /** The other paths, in `PATHS` order, each with why. */
  excluded: Exclusion[];
  /** Ids of the rules that fired, in table order. */
  firedRules: string[];
}

export function pathEvent(path: PathId, input: NextStepsInput): PathEvent {
  switch (path) {
    case 'REMEDIATE_SAME':
      return { type: 'REMEDIATE', mediator: 'SAME' };
    case 'REMEDIATE_NEW':
      return { type: 'REMEDIATE', mediator: 'NEW' };
    case 'ARBITRATION':
      return { type: 'START_ARBITRATION', binding: input.arbitration.binding ?? true };
    default:
      return { type: PATH_EVENT_TYPES[path] } as PathEvent;
  }
}

/**
 * Why the statechart refuses a path now, or null when it allows it. The path's event must be
 * in `allowedEvents`; re-mediation and arbitration also check the facts their guards read,
 * so a mediator-fit stall never yields "same mediator" even though both choices send REMEDIATE.
 */
export function statechartRefusal(path: PathId, input: NextStepsInput): string | null {
  if (path === 'ARBITRATION' && !arbitrationOnRecord(input)) {
    return 'Arbitration needs an arbitration clause or a stipulation on record.';
  }
  if (path === 'REMEDIATE_SAME' || path === 'REMEDIATE_NEW') {
    const mediator = path === 'REMEDIATE_SAME' ? 'SAME' : 'NEW';
    if (!remediationJustified(input, mediator)) {
      return mediator === 'SAME' && remediationJustified(input, 'NEW')
        ? 'The only remedy recorded is a change of mediator: a second session needs a new mediator.'
        : 'Mediating again needs a reason the first session stalled that another session can fix (missing information, nobody with authority, emotions, mediator fit), with its remedy recorded.';
    }
  }
  if (!input.allowedEvents.includes(PATH_EVENT_TYPES[path])) {
    return `The case does not allow this step at its present stage, or it is not yours to start: "${PATH_LABELS[path]}" is not among the actions open to you.`;
  }
  return null;
}

/**
 * Ranks the ways out of an impasse. Pure: the same input gives the same answer, and no
 * path the statechart forbids is ever recommended. Throws `NextStepsInputError`.
 */
export function recommendNextPaths(input: NextStepsInput, rules: readonly Rule[] = RULES): NextSteps {
  assertValidInput(input);
  const fired = rules.filter((rule) => rule.when(input));
  const scored: Omit<Recommendation, 'rank'>[] = [];
  const excluded: Exclusion[] = [];

  for (const path of PATHS) {
    const base = { path, label: PATH_LABELS[path], event: pathEvent(path, input) };
    const touching = fired.flatMap((rule) =>
      rule.effects.filter((effect) => effect.path === path).map((effect) => ({ rule, effect })),
    );
    const excluders = [...new Set(touching.filter(({ effect }) => 'exclude' in effect).map(({ rule }) => rule))];
    const refusal = statechartRefusal(path, input);
    if (excluders.length || refusal !== null) {
      excluded.push({
        ...base,
        reasons: [...excluders.map((rule) => rule.reason(input)), ...(refusal === null ? [] : [refusal])],
        excludedBy: [...excluders.map((rule) => rule.id), ...(refusal === null ? [] : [STATECHART])],
      });
      continue;
    }
    let score = 0;
    const movers: Rule[] = [];
    for (const { rule, effect } of touching) {
      if ('score' in effect) score += effect.score;
      if (!movers.includes(rule)) movers.push(rule);
    }
    scored.push({ ...base, score, reasons: movers.map((rule) => rule.reason(input)), ruleIds: movers.map((rule) => rule.id) });
  }

  const recommended = scored
    .sort((a, b) => b.score - a.score || PATHS.indexOf(a.path) - PATHS.indexOf(b.path))
    .map((entry, index) => ({ rank: index + 1, ...entry }));
  return { recommended, excluded, firedRules: fired.map((rule) => rule.id) };
}
