import type { CaseEvent } from '@impasse/case-machine';

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

/** `count` referrals over the last year, each with the two issue ids `issueIds(i)` gives. */
export function programHistory(count: number, issueIds: (index: number) => [string, string]): HistoryCase[] {
  const next = random(20261203);
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
