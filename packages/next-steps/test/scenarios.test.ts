/**
 * The article's four stories ("When Mediation Fails: What's Next?"), each played through the
 * real statechart; the input is assembled from the stored case as the api would.
 */
import { describe, expect, it } from '@jest/globals';
import { allowedEvents, type CaseEvent, type CaseViewer } from '@impasse/case-machine';
import { recommendNextPaths, type NextSteps, type PathId } from '../src/index.js';
import { daysFromNow, inputFromCase, newCase, run } from './support.js';

const assess = (reason: Extract<CaseEvent, { type: 'RECORD_STALL_REASON' }>['reason']): CaseEvent[] => [
  { type: 'RECORD_STALL_REASON', reason },
  { type: 'ASSIGN_OUTREACH_OWNER', ownerId: 'counsel-1', touchpointDate: '2026-02-05' },
];
const session = (outcome: 'NO_AGREEMENT' | 'PARTIAL_AGREEMENT', agreedIssueIds?: string[]): CaseEvent[] => [
  { type: 'SCHEDULE_MEDIATION' },
  { type: 'START_SESSION' },
  { type: 'RECORD_OUTCOME', outcome, ...(agreedIssueIds ? { agreedIssueIds } : {}) },
];
const order = (result: NextSteps) => result.recommended.map((entry) => entry.path);
const excluded = (result: NextSteps, path: PathId) => result.excluded.find((entry) => entry.path === path);

describe("the article's scenarios", () => {
  it('(1) family: custody agreed, support open, stalled for missing financial information → re-mediation once the exchange is recorded', () => {
    const stalled = newCase(
      {
        sides: [
          { id: 'petitioner', label: 'Petitioner' },
          { id: 'respondent', label: 'Respondent' },
        ],
        issues: [
          { id: 'custody', label: 'Custody schedule' },
          { id: 'support', label: 'Child support' },
        ],
      },
      [...session('PARTIAL_AGREEMENT', ['custody']), ...assess('LACKED_INFORMATION')],
    );

    const before = recommendNextPaths(inputFromCase(stalled, { disputeType: 'FAMILY' }));
    expect(order(before)).not.toContain('REMEDIATE_SAME');
    expect(order(before)).not.toContain('REMEDIATE_NEW');
    expect(excluded(before, 'REMEDIATE_SAME')?.reasons).toContain(
      'The session stalled for missing information and the exchange is not recorded yet: a second session would stall on the same gap. Exchange what matters first.',
    );
    expect(excluded(before, 'REMEDIATE_SAME')?.excludedBy).toEqual(['information-missing', 'statechart']);

    const exchanged = run(stalled, [{ type: 'RECORD_REMEDY', remedy: 'INFORMATION_EXCHANGED' }]);
    const after = recommendNextPaths(inputFromCase(exchanged, { disputeType: 'FAMILY' }));
    expect(after.recommended[0]).toMatchObject({ rank: 1, path: 'REMEDIATE_SAME', event: { type: 'REMEDIATE', mediator: 'SAME' } });
    expect(after.recommended[0]?.reasons).toEqual([
      'The session stalled for missing information and the exchange is now recorded: a second session can work on complete facts.',
      'Part of the case is already agreed (1 issue) and 1 issue remains open: the next step can be staged on the open issues alone, with the agreed ones locked in writing.',
    ]);
    // the family course is still on the list: a settlement conference later
    expect(after.recommended.find((entry) => entry.path === 'SETTLEMENT_CONFERENCE')?.ruleIds).toEqual(['family-course']);
  });

  it('(2) personal injury: no agreement, litigation in discovery, court-ordered, court date near → settlement conference first', () => {
    const stored = newCase(
      {
        sides: [
          { id: 'plaintiff', label: 'Plaintiff' },
          { id: 'defendant', label: 'Defendant (insured)' },
        ],
        issues: [
          { id: 'liability', label: 'Liability' },
          { id: 'damages', label: 'Damages' },
        ],
        courtOrdered: true,
        litigationPhase: 'discovery',
      },
      [...session('NO_AGREEMENT'), ...assess('UNREALISTIC_EXPECTATIONS')],
    );
    const input = inputFromCase(stored, {
      disputeType: 'PERSONAL_INJURY',
      deadlines: [
        { kind: 'COURT_DATE', due: daysFromNow(21, true) },
        { kind: 'EXPERT_DISCLOSURE', due: daysFromNow(7, true) },
      ],
      // the numbers are far apart too: without the court date a proposal or an evaluation would lead
      bestOffers: { currency: 'USD', offers: [{ sideId: 'plaintiff', amount: 450_000 }, { sideId: 'defendant', amount: 150_000 }] },
    });
    expect(input.litigationPhase).toBe('discovery');
    const result = recommendNextPaths(input);
    expect(result.recommended[0]?.path).toBe('SETTLEMENT_CONFERENCE');
    expect(result.recommended[0]?.ruleIds).toEqual(['unrealistic-expectations', 'trial-near']);
    expect(result.recommended[0]?.reasons[1]).toMatch(/^The court ordered ADR and the court date is 2[01] days away/);
    expect(result.firedRules).not.toContain('injury-after-experts');
    expect(excluded(result, 'ARBITRATION')?.reasons).toEqual(['Arbitration needs an arbitration clause or a stipulation on record.']);

    // the near court date is what decides it: two months out, the evaluation leads
    const later = recommendNextPaths({ ...input, deadlines: [{ kind: 'COURT_DATE', due: daysFromNow(60, true) }] });
    expect(later.recommended[0]?.path).toBe('EARLY_NEUTRAL_EVALUATION');
    // and an order from the court is part of it
    expect(recommendNextPaths({ ...input, courtOrdered: false }).recommended[0]?.path).not.toBe('SETTLEMENT_CONFERENCE');
  });

  it("(3) business: mediator's proposal rejected by one side, contract with an arbitration clause → arbitration first", () => {
    const stored = newCase(
      {
        sides: [
          { id: 'founder', label: 'Founder' },
          { id: 'company', label: 'Company' },
        ],
        issues: [
          { id: 'buyout', label: 'Buy-out price' },
          { id: 'control', label: 'Control of the brand' },
        ],
        arbitrationClause: true,
      },
      [
        ...session('NO_AGREEMENT'),
        ...assess('POSTURING'),
        { type: 'ISSUE_MEDIATORS_PROPOSAL' },
        { type: 'ANSWER_PROPOSAL', sideId: 'founder', answer: 'ACCEPT' },
        { type: 'ANSWER_PROPOSAL', sideId: 'company', answer: 'REJECT' },
        // back at impasse, assessed afresh
        ...assess('POSTURING'),
      ],
    );
    const input = inputFromCase(stored, { disputeType: 'BUSINESS', triedPaths: ['MEDIATORS_PROPOSAL'] });
    expect(input.allowedEvents).toContain('START_ARBITRATION');
    const result = recommendNextPaths(input);
    expect(result.recommended[0]).toMatchObject({
      path: 'ARBITRATION',
      event: { type: 'START_ARBITRATION', binding: true },
      ruleIds: ['arbitration-available', 'proposal-rejected'],
    });
    expect(result.recommended.findIndex((entry) => entry.path === 'MEDIATORS_PROPOSAL')).toBeGreaterThan(0);
  });

  it('(4) three sides, one defendant withdrew, the other two close → negotiate first', () => {
    const stored = newCase(
      {
        sides: [
          { id: 'plaintiff', label: 'Plaintiff' },
          { id: 'contractor', label: 'General contractor' },
          { id: 'supplier', label: 'Supplier' },
        ],
        issues: [{ id: 'defects', label: 'Construction defects' }],
      },
      [
        { type: 'SCHEDULE_MEDIATION' },
        { type: 'START_SESSION' },
        { type: 'WITHDRAW_SIDE', sideId: 'supplier' },
        { type: 'RECORD_OUTCOME', outcome: 'NO_AGREEMENT' },
        ...assess('OTHER'),
      ],
    );
    const input = inputFromCase(stored, {
      disputeType: 'CONTRACT',
      bestOffers: {
        currency: 'USD',
        offers: [
          { sideId: 'plaintiff', amount: 240_000 },
          { sideId: 'contractor', amount: 220_000 },
          // the withdrawn side's old figure no longer counts
          { sideId: 'supplier', amount: 15_000, status: 'WITHDRAWN' },
        ],
      },
    });
    const result = recommendNextPaths(input);
    expect(result.recommended[0]).toMatchObject({ path: 'NEGOTIATE', event: { type: 'START_NEGOTIATION' }, ruleIds: ['numbers-close'] });
    expect(result.recommended[0]?.reasons).toEqual([
      'The best offers are only 8 % apart (220,000 USD against 240,000 USD): counsel can close that gap directly, without another session.',
    ]);
  });

  it("follows one viewer's allowed events: a mediator cannot start direct negotiation, counsel cannot re-mediate", () => {
    const stored = newCase(
      { sides: [{ id: 'a', label: 'A' }, { id: 'b', label: 'B' }], issues: [{ id: 'i', label: 'Price' }] },
      [...session('NO_AGREEMENT'), ...assess('LACKED_INFORMATION'), { type: 'RECORD_REMEDY', remedy: 'INFORMATION_EXCHANGED' }],
    );
    const mediator = { roles: [{ role: 'MEDIATOR' }] } as CaseViewer;
    const counsel = { roles: [{ role: 'COUNSEL', sideId: 'a' }] } as CaseViewer;
    const forMediator = recommendNextPaths(inputFromCase(stored, { disputeType: 'CONTRACT', allowedEvents: allowedEvents(stored, mediator) }));
    const forCounsel = recommendNextPaths(inputFromCase(stored, { disputeType: 'CONTRACT', allowedEvents: allowedEvents(stored, counsel) }));
    expect(order(forMediator)[0]).toBe('REMEDIATE_SAME');
    expect(order(forMediator)).not.toContain('NEGOTIATE');
    expect(order(forCounsel)).not.toContain('REMEDIATE_SAME');
    expect(order(forCounsel)).toContain('NEGOTIATE');
  });
});
