import type { LitigationState } from '@impasse/case-machine';
import {
  GAP_THRESHOLDS,
  arbitrationOnRecord,
  daysToCourtDate,
  deadlinePassed,
  offerGap,
  stalledFor,
  type NextStepsInput,
  type OfferGap,
  type PathId,
} from './input.js';

/** A rule moves a path's score up or down, or takes the path off the list. */
export type RuleEffect = { path: PathId; score: number } | { path: PathId; exclude: true };

export interface Rule {
  /** Stable id, shown with each reason so a recommendation can be traced to its rule. */
  id: string;
  /** When it fires, in one line (the README's rule table). */
  condition: string;
  /** Pure: reads the input only. */
  when: (input: NextStepsInput) => boolean;
  effects: readonly RuleEffect[];
  /** The reason given on every path the rule touches, in words counsel would accept. */
  reason: (input: NextStepsInput) => string;
}

const PRE_EXPERT_PHASES: readonly LitigationState[] = ['notFiled', 'pleadings', 'discovery', 'stayed'];
const POST_DISCOVERY_PHASES: readonly LitigationState[] = ['experts', 'motions', 'trialPrep', 'trial'];

/** Days within which a court date counts as near. */
export const TRIAL_NEAR_DAYS = 30;

const REMEDIATE_BOTH = (score: number, newScore = score): RuleEffect[] => [
  { path: 'REMEDIATE_SAME', score },
  { path: 'REMEDIATE_NEW', score: newScore },
];
const NO_REMEDIATION: RuleEffect[] = [
  { path: 'REMEDIATE_SAME', exclude: true },
  { path: 'REMEDIATE_NEW', exclude: true },
];

const percent = (gap: OfferGap) => Math.round(gap.relative * 100);
const money = (amount: number, currency: string) => `${amount.toLocaleString('en-US', { maximumFractionDigits: 2 })} ${currency}`;
const gapWords = (gap: OfferGap) =>
  `${percent(gap)} % apart (${money(gap.low, gap.currency)} against ${money(gap.high, gap.currency)})`;
const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** The rules, in the order their reasons are listed. Each is tested alone (test/rules.test.ts). */
export const RULES: readonly Rule[] = [
  {
    id: 'information-exchanged',
    condition: 'stalled for missing information, exchange recorded',
    when: (input) => stalledFor(input, 'LACKED_INFORMATION', true),
    effects: REMEDIATE_BOTH(4, 2),
    reason: () =>
      'The session stalled for missing information and the exchange is now recorded: a second session can work on complete facts.',
  },
  {
    id: 'information-missing',
    condition: 'stalled for missing information, exchange not recorded',
    when: (input) => stalledFor(input, 'LACKED_INFORMATION', false),
    effects: NO_REMEDIATION,
    reason: () =>
      'The session stalled for missing information and the exchange is not recorded yet: a second session would stall on the same gap. Exchange what matters first.',
  },
  {
    id: 'authority-confirmed',
    condition: 'nobody with authority attended, decision-maker now confirmed',
    when: (input) => stalledFor(input, 'NO_AUTHORITY_PRESENT', true),
    effects: REMEDIATE_BOTH(4, 2),
    reason: () =>
      'Nobody with authority to settle attended the first session; a decision-maker is now confirmed for the next one, so a second session can end in a signature.',
  },
  {
    id: 'authority-missing',
    condition: 'nobody with authority attended, no decision-maker confirmed',
    when: (input) => stalledFor(input, 'NO_AUTHORITY_PRESENT', false),
    effects: NO_REMEDIATION,
    reason: () =>
      'Nobody with authority to settle attended and no decision-maker is confirmed for a next session: mediating again now would end the same way. Require authority first.',
  },
  {
    id: 'format-changed',
    condition: 'emotions ran the session, change of format recorded',
    when: (input) => stalledFor(input, 'EMOTIONS', true),
    effects: REMEDIATE_BOTH(3),
    reason: () =>
      'Emotions ran the first session and a change of format is now recorded: a second session in caucus or shuttle format gives the terms their turn.',
  },
  {
    id: 'emotions-unaddressed',
    condition: 'emotions ran the session, no change of format recorded',
    when: (input) => stalledFor(input, 'EMOTIONS', false),
    effects: NO_REMEDIATION,
    reason: () =>
      'Emotions ran the first session and no change of format is recorded: agree on caucus or shuttle sessions before meeting again, or the second session will repeat the first.',
  },
  {
    id: 'mediator-fit',
    condition: 'mediator fit was a stall reason',
    when: (input) => stalledFor(input, 'MEDIATOR_FIT'),
    effects: [
      { path: 'REMEDIATE_SAME', exclude: true },
      { path: 'REMEDIATE_NEW', score: 4 },
    ],
    reason: () =>
      "The mediator's style did not fit this dispute: if the sides mediate again, it should be with a new mediator suited to this kind of conflict.",
  },
  {
    id: 'unrealistic-expectations',
    condition: 'expectations on value or risk were unrealistic',
    when: (input) => stalledFor(input, 'UNREALISTIC_EXPECTATIONS'),
    effects: [
      { path: 'EARLY_NEUTRAL_EVALUATION', score: 4 },
      { path: 'SETTLEMENT_CONFERENCE', score: 3 },
    ],
    reason: () =>
      'Expectations of value or of what a judge would do were out of line: an early neutral evaluation or a settlement conference puts an independent view of the risk before each side, the risk conversation the first session did not have.',
  },
  {
    id: 'posturing',
    condition: 'a side postured',
    when: (input) => stalledFor(input, 'POSTURING'),
    effects: [
      { path: 'MEDIATORS_PROPOSAL', score: 3 },
      { path: 'NEGOTIATE', score: -2 },
    ],
    reason: () =>
      "A side came to make a speech rather than to move: a mediator's proposal asks each side for a sealed yes or no to one set of terms, which leaves no audience for positions, while direct talks tend to repeat them.",
  },
  {
    id: 'numbers-apart',
    condition: `best offers at least ${GAP_THRESHOLDS.large * 100} % apart`,
    when: (input) => (offerGap(input.bestOffers)?.relative ?? 0) >= GAP_THRESHOLDS.large,
    effects: [
      { path: 'MEDIATORS_PROPOSAL', score: 4 },
      { path: 'NEGOTIATE', score: -2 },
    ],
    reason: (input) =>
      `The best offers are ${gapWords(offerGap(input.bestOffers) as OfferGap)}: numbers this far apart rarely meet in direct talks; a mediator's proposal sets one figure, answered under seal, that settles only if every side accepts it.`,
  },
  {
    id: 'numbers-close',
    condition: `best offers at most ${GAP_THRESHOLDS.small * 100} % apart`,
    when: (input) => {
      const gap = offerGap(input.bestOffers);
      return gap !== null && gap.relative <= GAP_THRESHOLDS.small;
    },
    effects: [{ path: 'NEGOTIATE', score: 5 }],
    reason: (input) =>
      `The best offers are only ${gapWords(offerGap(input.bestOffers) as OfferGap)}: counsel can close that gap directly, without another session.`,
  },
  {
    id: 'timing-early',
    condition: 'the timing was wrong, litigation not past discovery',
    when: (input) => stalledFor(input, 'TIMING') && PRE_EXPERT_PHASES.includes(input.litigationPhase),
    effects: [
      { path: 'NEGOTIATE', score: 2 },
      { path: 'LITIGATION', score: 1 },
    ],
    reason: () =>
      'The timing was wrong rather than the terms: keep a direct line open, with one owner of the next outreach and a near touchpoint, while the case reaches the milestone (discovery, expert reports) that changes the picture.',
  },
  {
    id: 'timing-after-discovery',
    condition: 'the timing was wrong, litigation past discovery',
    when: (input) => stalledFor(input, 'TIMING') && POST_DISCOVERY_PHASES.includes(input.litigationPhase),
    effects: [{ path: 'SETTLEMENT_CONFERENCE', score: 3 }],
    reason: () =>
      'The timing was wrong at the first session; discovery is now behind the case and each side can judge its risk on the evidence, which is when a settlement conference works.',
  },
  {
    id: 'trial-near',
    condition: `court-ordered, court date within ${TRIAL_NEAR_DAYS} days`,
    when: (input) => {
      const days = daysToCourtDate(input);
      return input.courtOrdered && days !== null && days <= TRIAL_NEAR_DAYS;
    },
    effects: [{ path: 'SETTLEMENT_CONFERENCE', score: 8 }],
    reason: (input) => {
      const days = Math.ceil(daysToCourtDate(input) as number);
      return `The court ordered ADR and the court date is ${days === 0 ? 'today' : `${plural(days, 'day', 'days')} away`}: a settlement conference before trial fits the court's schedule and puts a judicial view of the risk in the room.`;
    },
  },
  {
    id: 'arbitration-available',
    condition: 'arbitration clause or stipulation on record',
    when: arbitrationOnRecord,
    effects: [{ path: 'ARBITRATION', score: 3 }],
    reason: (input) =>
      `${input.arbitration.clause ? "The contract's arbitration clause is" : "The sides' stipulation to arbitrate is"} on record: arbitration gives a decision by a neutral the sides chose, on a calendar they control, without a public trial.`,
  },
  {
    id: 'proposal-rejected',
    condition: "a mediator's proposal was already tried",
    when: (input) => (input.triedPaths ?? []).includes('MEDIATORS_PROPOSAL'),
    effects: [
      { path: 'MEDIATORS_PROPOSAL', score: -5 },
      { path: 'ARBITRATION', score: 2 },
    ],
    reason: () =>
      "A mediator's proposal was already put to the sides and not accepted by all: another proposal rarely changes a sealed no, and a decision by a neutral (an arbitrator where arbitration is agreed) is the shorter way to an end.",
  },
  {
    id: 'family-course',
    condition: 'family dispute',
    when: (input) => input.disputeType === 'FAMILY',
    effects: [{ path: 'SETTLEMENT_CONFERENCE', score: 1 }],
    reason: () =>
      'In family cases the usual course after a failed session is temporary orders and full financial disclosure, with a settlement conference later once the finances are known.',
  },
  {
    id: 'injury-after-experts',
    condition: 'personal injury, expert opinions disclosed',
    when: (input) =>
      input.disputeType === 'PERSONAL_INJURY' &&
      (POST_DISCOVERY_PHASES.includes(input.litigationPhase) || deadlinePassed(input, 'EXPERT_DISCLOSURE')),
    effects: [
      { path: 'EARLY_NEUTRAL_EVALUATION', score: 2 },
      { path: 'MEDIATORS_PROPOSAL', score: 2 },
    ],
    reason: () =>
      "Expert opinions on the injury are disclosed, so the claim's value can be tested: by a neutral's evaluation, or by a mediator's proposal each side can weigh against the expert evidence.",
  },
  {
    id: 'business-terms',
    condition: 'business dispute',
    when: (input) => input.disputeType === 'BUSINESS',
    effects: [{ path: 'NEGOTIATE', score: 2 }],
    reason: () =>
      'Business disputes turn on control, reputation and future conduct as much as money: a payment schedule, non-disparagement, transition services or a revised operating agreement are terms counsel can build directly.',
  },
  {
    id: 'partial-agreement',
    condition: 'some issues agreed, some open',
    when: (input) => input.issues.agreed >= 1 && input.issues.open >= 1,
    effects: [...REMEDIATE_BOTH(1), { path: 'NEGOTIATE', score: 1 }],
    reason: (input) =>
      `Part of the case is already agreed (${plural(input.issues.agreed, 'issue', 'issues')}) and ${plural(input.issues.open, 'issue remains', 'issues remain')} open: the next step can be staged on the open issues alone, with the agreed ones locked in writing.`,
  },
];

/** The rule table as Markdown rows, the README's source (test/readme.test.ts keeps it current). */
export function ruleTableMarkdown(rules: readonly Rule[] = RULES): string {
  const effect = (e: RuleEffect) => ('exclude' in e ? `${e.path} excluded` : `${e.path} ${e.score > 0 ? '+' : ''}${e.score}`);
  return [
    '| rule | fires when | effect |',
    '|---|---|---|',
    ...rules.map((rule) => `| \`${rule.id}\` | ${rule.condition} | ${rule.effects.map(effect).join(', ')} |`),
  ].join('\n');
}
