/**
 * One row per rule: inputs on which it fires and inputs on which it does not, then its
 * effect seen through `recommendNextPaths` (with the rule against the same table without it).
 */
import { describe, expect, it } from '@jest/globals';
import { RULES, recommendNextPaths, type NextStepsInput, type StallReasonInput } from '../src/index.js';
import { daysFromNow, newInput, offers } from './support.js';

type Case = Partial<NextStepsInput>;
const stalled = (...records: [StallReasonInput['reason'], boolean][]): Case => ({
  stallReasons: records.map(([reason, remedied]) => ({ reason, remedied })),
});

const TABLE: Record<string, { fires: Case[]; doesNotFire: Case[] }> = {
  'information-exchanged': {
    fires: [stalled(['LACKED_INFORMATION', true])],
    doesNotFire: [stalled(['LACKED_INFORMATION', false]), stalled(['EMOTIONS', true])],
  },
  'information-missing': {
    // another remedied reason lets the statechart allow re-mediation: the rule alone holds it back
    fires: [stalled(['LACKED_INFORMATION', false], ['EMOTIONS', true])],
    doesNotFire: [stalled(['LACKED_INFORMATION', true]), {}],
  },
  'authority-confirmed': {
    fires: [stalled(['NO_AUTHORITY_PRESENT', true])],
    doesNotFire: [stalled(['NO_AUTHORITY_PRESENT', false]), {}],
  },
  'authority-missing': {
    fires: [stalled(['NO_AUTHORITY_PRESENT', false], ['LACKED_INFORMATION', true])],
    doesNotFire: [stalled(['NO_AUTHORITY_PRESENT', true]), {}],
  },
  'format-changed': {
    fires: [stalled(['EMOTIONS', true])],
    doesNotFire: [stalled(['EMOTIONS', false]), {}],
  },
  'emotions-unaddressed': {
    fires: [stalled(['EMOTIONS', false], ['LACKED_INFORMATION', true])],
    doesNotFire: [stalled(['EMOTIONS', true]), {}],
  },
  'mediator-fit': {
    fires: [stalled(['MEDIATOR_FIT', true], ['LACKED_INFORMATION', true]), stalled(['MEDIATOR_FIT', false], ['EMOTIONS', true])],
    doesNotFire: [stalled(['LACKED_INFORMATION', true]), {}],
  },
  'unrealistic-expectations': {
    fires: [stalled(['UNREALISTIC_EXPECTATIONS', false]), stalled(['UNREALISTIC_EXPECTATIONS', true])],
    doesNotFire: [stalled(['POSTURING', false]), {}],
  },
  posturing: {
    fires: [stalled(['POSTURING', false])],
    doesNotFire: [stalled(['TIMING', false]), {}],
  },
  'numbers-apart': {
    fires: [{ bestOffers: offers(100_000, 40_000) }, { bestOffers: offers(100_000, 50_000) }, { bestOffers: offers(10_000, 0) }],
    doesNotFire: [{ bestOffers: offers(100_000, 60_000) }, { bestOffers: offers(100_000, null) }, {}],
  },
  'numbers-close': {
    fires: [{ bestOffers: offers(100_000, 90_000) }, { bestOffers: offers(100_000, 85_000) }, { bestOffers: offers(0, 0) }],
    doesNotFire: [{ bestOffers: offers(100_000, 80_000) }, { bestOffers: offers(100_000) }, {}],
  },
  'timing-early': {
    fires: [{ ...stalled(['TIMING', false]), litigationPhase: 'discovery' }, { ...stalled(['TIMING', false]) }],
    doesNotFire: [{ ...stalled(['TIMING', false]), litigationPhase: 'experts' }, { litigationPhase: 'discovery' }],
  },
  'timing-after-discovery': {
    fires: [{ ...stalled(['TIMING', false]), litigationPhase: 'motions' }, { ...stalled(['TIMING', false]), litigationPhase: 'experts' }],
    doesNotFire: [{ ...stalled(['TIMING', false]), litigationPhase: 'discovery' }, { litigationPhase: 'motions' }],
  },
  'trial-near': {
    fires: [
      { courtOrdered: true, deadlines: [{ kind: 'COURT_DATE', due: daysFromNow(20) }] },
      { courtOrdered: true, deadlines: [{ kind: 'COURT_DATE', due: daysFromNow(30) }, { kind: 'COURT_DATE', due: daysFromNow(90) }] },
    ],
    doesNotFire: [
      { courtOrdered: false, deadlines: [{ kind: 'COURT_DATE', due: daysFromNow(20) }] },
      { courtOrdered: true, deadlines: [{ kind: 'COURT_DATE', due: daysFromNow(31) }] },
      { courtOrdered: true, deadlines: [{ kind: 'COURT_DATE', due: daysFromNow(-3) }] },
      { courtOrdered: true, deadlines: [{ kind: 'FILING_DEADLINE', due: daysFromNow(5) }] },
    ],
  },
  'arbitration-available': {
    fires: [{ arbitration: { clause: true, stipulated: false } }, { arbitration: { clause: false, stipulated: true } }],
    doesNotFire: [{ arbitration: { clause: false, stipulated: false } }],
  },
  'proposal-rejected': {
    fires: [{ triedPaths: ['MEDIATORS_PROPOSAL'], arbitration: { clause: true, stipulated: false } }],
    doesNotFire: [{ triedPaths: ['NEGOTIATE'] }, {}],
  },
  'family-course': {
    fires: [{ disputeType: 'FAMILY' }],
    doesNotFire: [{ disputeType: 'BUSINESS' }, {}],
  },
  'injury-after-experts': {
    fires: [
      { disputeType: 'PERSONAL_INJURY', litigationPhase: 'experts' },
      { disputeType: 'PERSONAL_INJURY', litigationPhase: 'discovery', deadlines: [{ kind: 'EXPERT_DISCLOSURE', due: daysFromNow(-1, true) }] },
    ],
    doesNotFire: [
      { disputeType: 'PERSONAL_INJURY', litigationPhase: 'discovery', deadlines: [{ kind: 'EXPERT_DISCLOSURE', due: daysFromNow(10, true) }] },
      { disputeType: 'CONTRACT', litigationPhase: 'experts' },
    ],
  },
  'business-terms': {
    fires: [{ disputeType: 'BUSINESS' }],
    doesNotFire: [{ disputeType: 'CONTRACT' }, {}],
  },
  'partial-agreement': {
    fires: [{ issues: { open: 1, agreed: 2 }, ...stalled(['LACKED_INFORMATION', true]) }],
    doesNotFire: [{ issues: { open: 2, agreed: 0 } }, { issues: { open: 0, agreed: 3 } }],
  },
};

describe('the rule table', () => {
  it('has a row here for every rule, and no row for a rule that is gone', () => {
    expect(Object.keys(TABLE).sort()).toEqual(RULES.map((rule) => rule.id).sort());
  });

  it('has unique ids, and every rule has effects and a reason', () => {
    expect(new Set(RULES.map((rule) => rule.id)).size).toBe(RULES.length);
    for (const rule of RULES) expect(rule.effects.length).toBeGreaterThan(0);
  });

  it('fires on none of them for the neutral case', () => {
    expect(recommendNextPaths(newInput()).firedRules).toEqual([]);
  });
});

describe.each(RULES.map((rule) => [rule.id, rule] as const))('rule %s', (id, rule) => {
  const row = TABLE[id] ?? { fires: [], doesNotFire: [] };

  it.each(row.fires.map((overrides, index) => [index, overrides] as const))('fires on input %i', (_index, overrides) => {
    const input = newInput(overrides);
    expect(rule.when(input)).toBe(true);
    const reason = rule.reason(input);
    expect(reason).toMatch(/^[A-Z].*\.$/);

    const withRule = recommendNextPaths(input);
    const without = recommendNextPaths(input, RULES.filter((other) => other !== rule));
    expect(withRule.firedRules).toContain(id);
    for (const effect of rule.effects) {
      if ('exclude' in effect) {
        const exclusion = withRule.excluded.find((entry) => entry.path === effect.path);
        expect(exclusion?.excludedBy).toContain(id);
        expect(exclusion?.reasons).toContain(reason);
        expect(without.excluded.find((entry) => entry.path === effect.path)?.excludedBy ?? []).not.toContain(id);
      } else {
        const scored = withRule.recommended.find((entry) => entry.path === effect.path);
        const unscored = without.recommended.find((entry) => entry.path === effect.path);
        expect(scored?.reasons).toContain(reason);
        expect(scored?.ruleIds).toContain(id);
        expect((scored?.score ?? NaN) - (unscored?.score ?? NaN)).toBe(effect.score);
      }
    }
  });

  it.each(row.doesNotFire.map((overrides, index) => [index, overrides] as const))('does not fire on input %i', (_index, overrides) => {
    const input = newInput(overrides);
    expect(rule.when(input)).toBe(false);
    const result = recommendNextPaths(input);
    expect(result.firedRules).not.toContain(id);
    for (const entry of result.recommended) expect(entry.ruleIds).not.toContain(id);
    for (const entry of result.excluded) expect(entry.excludedBy).not.toContain(id);
  });
});

describe('reasons in words', () => {
  it('names the gap with its figures', () => {
    const input = newInput({ bestOffers: offers(100_000, 92_000) });
    expect(RULES.find((rule) => rule.id === 'numbers-close')?.reason(input)).toBe(
      'The best offers are only 8 % apart (92,000 USD against 100,000 USD): counsel can close that gap directly, without another session.',
    );
  });

  it('counts the days to the court date', () => {
    const input = newInput({ courtOrdered: true, deadlines: [{ kind: 'COURT_DATE', due: daysFromNow(1) }] });
    expect(RULES.find((rule) => rule.id === 'trial-near')?.reason(input)).toMatch(/the court date is 1 day away:/);
  });

  it('says whether a clause or a stipulation is on record', () => {
    const rule = RULES.find((r) => r.id === 'arbitration-available');
    expect(rule?.reason(newInput({ arbitration: { clause: true, stipulated: false } }))).toMatch(/^The contract's arbitration clause is on record/);
    expect(rule?.reason(newInput({ arbitration: { clause: false, stipulated: true } }))).toMatch(/^The sides' stipulation to arbitrate is on record/);
  });
});
