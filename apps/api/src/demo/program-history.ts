import type { CaseEvent, StallReason } from '@impasse/case-machine';

/**
 * A year of a court program's closed and pending referrals for the demo's Reports page, made
 * from a fixed seed so every demo database shows the same figures. Each case is moved by real
 * statechart events, on the days given, so its timeline (and the program's rounds, which
 * follow the timeline) reads as if it had happened.
 */
export interface HistoryCase {
  caption: string;
  docketNumber: string;
  disputeType: string;
  referralSource: string;
  /** Days before today: the referral, and each event's day. */
  referredDaysAgo: number;
  events: { event: CaseEvent; daysAgo: number }[];
}

const TYPES: [string, number, string][] = [
  ['PERSONAL_INJURY', 35, 'CV'],
  ['CONTRACT', 22, 'CV'],
  ['FAMILY', 20, 'FL'],
  ['REAL_PROPERTY', 9, 'CV'],
  ['EMPLOYMENT', 6, 'CV'],
  ['PROBATE_ESTATE', 5, 'PR'],
  ['OTHER_CIVIL', 3, 'CV'],
];
const SOURCES: [string, number][] = [
  ['COURT_ORDER', 55],
  ['JUDGE_REFERRAL', 25],
  ['ATTORNEY', 12],
  ['SELF', 8],
];
const NAMES = ['Abbott', 'Baker', 'Castillo', 'Dawson', 'Ellis', 'Fischer', 'Garcia', 'Hughes', 'Ibrahim', 'Jensen', 'Kowalski', 'Lopez', 'Morgan', 'Nguyen', 'Okafor', 'Patel', 'Quinn', 'Rossi', 'Silva', 'Tanaka', 'Usman', 'Vargas', 'Walsh', 'Young'];
const COMPANIES = ['Riverside Storage', 'Keystone Builders', 'Bluewater Insurance', 'Metro Transit', 'Summit Health', 'Lakeview Apartments', 'Pioneer Foods', 'Crescent Auto'];

/** A small deterministic generator (mulberry32), so the history is the same in every demo. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function weighted<T>(next: () => number, items: [T, number, ...unknown[]][]): [T, ...unknown[]] {
  const total = items.reduce((sum, [, weight]) => sum + weight, 0);
  let pick = next() * total;
  for (const item of items) {
    pick -= item[1];
    if (pick < 0) return item as unknown as [T, ...unknown[]];
  }
  return items[items.length - 1] as unknown as [T, ...unknown[]];
}

/**
 * Why the sessions that ended without a full settlement stalled, as their mediators record them:
 * one reason, often a second. Skewed the way impasses are (expectations and missing information
 * most), so that a quarter's commonest reasons are counted on enough cases for the stall table to
 * show them.
 */
const STALLS: [StallReason, number][] = [
  ['UNREALISTIC_EXPECTATIONS', 14],
  ['LACKED_INFORMATION', 6],
  ['NO_AUTHORITY_PRESENT', 3],
  ['EMOTIONS', 2],
  ['POSTURING', 2],
  ['TIMING', 1],
  ['MEDIATOR_FIT', 1],
  ['OTHER', 1],
];

/** `count` referrals over the last year, each with the two issue ids `issueIds(i)` gives. */
export function programHistory(count: number, issueIds: (index: number) => [string, string]): HistoryCase[] {
  const next = random(20261203);
  // A generator of its own, so the referrals and their outcomes are those of the history without stall reasons.
  const nextStall = random(20261204);
  const cases: HistoryCase[] = [];
  for (let i = 0; i < count; i += 1) {
    const [disputeType, , court] = weighted(next, TYPES) as [string, number, string];
    const [referralSource] = weighted(next, SOURCES) as [string];
    const referredDaysAgo = 20 + Math.floor(next() * 380);
    const sessionDaysAgo = Math.max(1, referredDaysAgo - 10 - Math.floor(next() * 35));
    const roll = next();
    const events: HistoryCase['events'] = [];
    const scheduled = { event: { type: 'SCHEDULE_MEDIATION' } as CaseEvent, daysAgo: referredDaysAgo - Math.min(5, referredDaysAgo - sessionDaysAgo) };
    const held = (outcome: CaseEvent) => [scheduled, { event: { type: 'START_SESSION' } as CaseEvent, daysAgo: sessionDaysAgo }, { event: outcome, daysAgo: sessionDaysAgo }];
    if (roll < 0.42) events.push(...held({ type: 'RECORD_OUTCOME', outcome: 'SETTLED', agreedIssueIds: issueIds(i) } as CaseEvent));
    else if (roll < 0.54) events.push(...held({ type: 'RECORD_OUTCOME', outcome: 'PARTIAL_AGREEMENT', agreedIssueIds: [issueIds(i)[0]] } as CaseEvent));
    else if (roll < 0.78) events.push(...held({ type: 'RECORD_OUTCOME', outcome: 'NO_AGREEMENT' } as CaseEvent));
    else if (roll < 0.9) {
      const reason = weighted(next, [['NO_RESPONSE', 5], ['PRIOR_SETTLEMENT', 3], ['INAPPROPRIATE_FOR_ADR', 2], ['OTHER', 1]] as [string, number][])[0];
      events.push(scheduled, { event: { type: 'RECORD_SESSION_NOT_HELD', reason } as CaseEvent, daysAgo: sessionDaysAgo });
    } else if (sessionDaysAgo > 3) events.push(scheduled);
    if (roll >= 0.42 && roll < 0.78) {
      // Not settled in full: the case is at impasse, and its mediator records why, within days.
      const first = weighted(nextStall, STALLS)[0] as StallReason;
      const reasons = nextStall() < 0.55 ? [first, weighted(nextStall, STALLS.filter(([r]) => r !== first))[0] as StallReason] : [first];
      const daysAgo = Math.max(0, sessionDaysAgo - Math.floor(nextStall() * 4));
      for (const reason of reasons) events.push({ event: { type: 'RECORD_STALL_REASON', reason }, daysAgo });
    }
    const name = NAMES[Math.floor(next() * NAMES.length)]!;
    const other = disputeType === 'FAMILY' ? NAMES[Math.floor(next() * NAMES.length)]! : COMPANIES[Math.floor(next() * COMPANIES.length)]!;
    const year = 2026 - (referredDaysAgo > 340 ? 1 : 0);
    cases.push({
      caption: disputeType === 'FAMILY' ? `In re Marriage of ${name} and ${other}` : disputeType === 'PROBATE_ESTATE' ? `Estate of ${name}` : `${name} v. ${other}`,
      docketNumber: `${year}-${court}-${String(2000 + i * 7).padStart(5, '0')}`,
      disputeType,
      referralSource,
      referredDaysAgo,
      events,
    });
  }
  return cases;
}
