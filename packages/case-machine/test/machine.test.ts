import { describe, expect, it } from '@jest/globals';
import {
  LITIGATION_PHASES,
  candidateEvents,
  createCase,
  enabledEvents,
  step,
  type CaseEvent,
} from '../src/index.js';
import { advance, contextOf, newCase, noAgreementThenAssessed, recordText, run, snapshotOf, TEXT } from './support.js';

const issues = [
  { id: 'liability', label: 'Liability' },
  { id: 'damages', label: 'Damages' },
];
const three = [
  { id: 'a', label: 'A' },
  { id: 'b', label: 'B' },
  { id: 'c', label: 'C' },
];
const toImpasse = (extra: CaseEvent[] = []): CaseEvent[] => [...noAgreementThenAssessed, ...extra];

describe('mediation sessions', () => {
  it('adjourns and resumes; the outcome can be recorded after an adjournment', () => {
    const adjourned = run(newCase(), [{ type: 'SCHEDULE_MEDIATION' }, { type: 'START_SESSION' }, { type: 'ADJOURN_SESSION' }]);
    expect(adjourned.state.resolution).toBe('mediation.adjourned');
    expect(step(adjourned.persisted, { type: 'RESUME_SESSION' }).state.resolution).toBe('mediation.inSession');
    expect(step(adjourned.persisted, { type: 'RECORD_OUTCOME', outcome: 'NO_AGREEMENT' }).state.resolution).toBe('impasse');
  });

  it('a session not held goes to the NCSC category; a prior settlement goes to the written agreement with every issue agreed', () => {
    const scheduled = run(newCase({ issues }), [{ type: 'SCHEDULE_MEDIATION' }]).persisted;
    const noResponse = step(scheduled, { type: 'RECORD_SESSION_NOT_HELD', reason: 'NO_RESPONSE' });
    expect(noResponse.state.resolution).toBe('mediation.notHeld');
    expect(run(noResponse.persisted, [{ type: 'SCHEDULE_MEDIATION' }]).state.resolution).toBe('mediation.scheduled');
    expect(contextOf(run(noResponse.persisted, [{ type: 'SCHEDULE_MEDIATION' }]).persisted).sessionNotHeldReason).toBeNull();
    expect(step(noResponse.persisted, { type: 'PURSUE_LITIGATION' }).state.resolution).toBe('litigating');
    const prior = step(scheduled, { type: 'RECORD_SESSION_NOT_HELD', reason: 'PRIOR_SETTLEMENT' });
    expect(prior.state.resolution).toBe('agreement');
    expect(contextOf(prior.persisted).agreements).toEqual([
      { id: 'agreement-1', issueIds: ['liability', 'damages'], status: 'DRAFT', signatures: [], text: null },
    ]);
  });
});

describe('the impasse assessment', () => {
  it('opens afresh each time the case enters impasse', () => {
    const negotiating = run(newCase(), toImpasse([{ type: 'START_NEGOTIATION' }]));
    expect(negotiating.state.resolution).toBe('negotiation');
    const back = step(negotiating.persisted, { type: 'END_NEGOTIATION' });
    expect(back.state.resolution).toBe('impasse');
    expect(back.effects).toEqual([{ type: 'IMPASSE_OPENED' }]);
    expect(contextOf(back.persisted).assessment).toEqual({ stallReasons: [], outreach: null });
    expect(enabledEvents(back.persisted)).not.toContain('START_NEGOTIATION');
  });

  it('a mediator-fit stall is fixed only by a new mediator', () => {
    const stalled = run(newCase(), [
      ...noAgreementThenAssessed.slice(0, 3),
      { type: 'RECORD_STALL_REASON', reason: 'MEDIATOR_FIT' },
      { type: 'RECORD_REMEDY', remedy: 'NEW_MEDIATOR' },
      { type: 'ASSIGN_OUTREACH_OWNER', ownerId: 'program', touchpointDate: '2026-03-01' },
    ]).persisted;
    expect(() => step(stalled, { type: 'REMEDIATE', mediator: 'SAME' })).toThrow(expect.objectContaining({ failedGuards: ['remediationJustified'] }));
    expect(step(stalled, { type: 'REMEDIATE', mediator: 'NEW' }).state.resolution).toBe('mediation.scheduled');
  });

  it('locks down a partial agreement during the assessment, but not the last open issue', () => {
    const impasse = run(newCase({ issues }), toImpasse()).persisted;
    const locked = step(impasse, { type: 'AGREE_ISSUES', issueIds: ['liability'] });
    expect(contextOf(locked.persisted).agreements.map((a) => a.issueIds)).toEqual([['liability']]);
    expect(() => step(locked.persisted, { type: 'AGREE_ISSUES', issueIds: ['damages'] })).toThrow(
      expect.objectContaining({ failedGuards: ['partialAgreementLocked'] }),
    );
  });
});

describe('the written agreement', () => {
  it('abandoning it reopens its issues and keeps binding agreements', () => {
    const partialSigned = run(newCase({ issues }), [
      { type: 'SCHEDULE_MEDIATION' },
      { type: 'START_SESSION' },
      { type: 'RECORD_OUTCOME', outcome: 'PARTIAL_AGREEMENT', agreedIssueIds: ['liability'] },
      recordText(),
      { type: 'SIGN_AGREEMENT', sideId: 'claimant', partyId: 'claimant', digest: TEXT },
      { type: 'SIGN_AGREEMENT', sideId: 'respondent', partyId: 'respondent', digest: TEXT },
      { type: 'RECORD_STALL_REASON', reason: 'TIMING' },
      { type: 'ASSIGN_OUTREACH_OWNER', ownerId: 'c', touchpointDate: '2026-02-01' },
      { type: 'START_NEGOTIATION' },
      { type: 'RECORD_SETTLEMENT', agreedIssueIds: ['damages'] },
    ]);
    expect(partialSigned.state.resolution).toBe('agreement');
    const abandoned = step(partialSigned.persisted, { type: 'ABANDON_AGREEMENT' });
    expect(abandoned.state.resolution).toBe('impasse');
    const context = contextOf(abandoned.persisted);
    expect(context.agreements.map((a) => [a.issueIds, a.status])).toEqual([[['liability'], 'BINDING']]);
    expect(context.issues.map((issue) => issue.status)).toEqual(['AGREED', 'OPEN']);
  });

  it('new terms void the signatures already on a draft', () => {
    const impasse = run(newCase({ issues: [...issues, { id: 'costs', label: 'Costs' }] }), toImpasse()).persisted;
    const once = run(impasse, [
      { type: 'AGREE_ISSUES', issueIds: ['liability'] },
      recordText(),
      { type: 'SIGN_AGREEMENT', sideId: 'claimant', partyId: 'claimant', digest: TEXT },
      { type: 'AGREE_ISSUES', issueIds: ['damages'] },
    ]).persisted;
    // The text is unknown again until the api records it: nothing can be signed meanwhile.
    expect(contextOf(once).agreements).toEqual([{ id: 'agreement-1', issueIds: ['liability', 'damages'], status: 'DRAFT', signatures: [], text: null }]);
  });

  it('a signature binds exact text: a new text voids it, and only a signature of the recorded, complete text counts', () => {
    const impasse = run(newCase({ issues: [...issues, { id: 'costs', label: 'Costs' }] }), toImpasse()).persisted;
    const agreed = run(impasse, [{ type: 'AGREE_ISSUES', issueIds: ['liability'] }]).persisted;
    const signClaimant = (digest: string): CaseEvent => ({ type: 'SIGN_AGREEMENT', sideId: 'claimant', partyId: 'claimant', digest });
    // No text recorded yet, or terms missing: nothing to sign.
    expect(() => step(agreed, signClaimant(TEXT))).toThrow(expect.objectContaining({ code: 'INVALID_TRANSITION' }));
    const incomplete = run(agreed, [recordText(TEXT, false)]).persisted;
    expect(() => step(incomplete, signClaimant(TEXT))).toThrow(expect.objectContaining({ code: 'INVALID_TRANSITION' }));
    const written = run(agreed, [recordText(TEXT)]).persisted;
    // A signature of other text than the recorded one is refused.
    expect(() => step(written, signClaimant('what the signer saw before the change'))).toThrow(expect.objectContaining({ code: 'INVALID_TRANSITION' }));
    const signed = run(written, [signClaimant(TEXT)]).persisted;
    expect(contextOf(signed).agreements[0]!.signatures).toEqual([{ sideId: 'claimant', partyId: 'claimant', signerId: 'claimant', digest: TEXT }]);
    // The text changes: the signature is void; the claimant signs the new text again.
    const changed = run(signed, [recordText('the new text')]).persisted;
    expect(contextOf(changed).agreements[0]!.signatures).toEqual([]);
    expect(() => step(changed, signClaimant(TEXT))).toThrow(expect.objectContaining({ code: 'INVALID_TRANSITION' }));
    const again = run(changed, [signClaimant('the new text'), { type: 'SIGN_AGREEMENT', sideId: 'respondent', partyId: 'respondent', digest: 'the new text' }]);
    expect(contextOf(again.persisted).agreements[0]!.status).toBe('BINDING');
  });

  it('binds no side without a party: a side whose parties are not known yet holds the agreement open', () => {
    const sides = [
      { id: 'claimant', label: 'Claimant', parties: [{ id: 'p1' }, { id: 'p2' }] },
      { id: 'respondent', label: 'Respondent', parties: [] },
    ];
    const signing = run(createCase({ sides, issues }).persisted, [
      { type: 'SCHEDULE_MEDIATION' },
      { type: 'START_SESSION' },
      { type: 'RECORD_OUTCOME', outcome: 'SETTLED', agreedIssueIds: ['liability', 'damages'] },
      recordText(),
      { type: 'SIGN_AGREEMENT', sideId: 'claimant', partyId: 'p1', digest: TEXT },
    ]);
    // The second party of the claimant has not signed; the respondent has no party at all.
    expect(contextOf(signing.persisted).agreements[0]!.status).toBe('DRAFT');
    const both = step(signing.persisted, { type: 'SIGN_AGREEMENT', sideId: 'claimant', partyId: 'p2', digest: TEXT });
    expect(both.state.resolution).toBe('agreement');
    expect(contextOf(both.persisted).agreements[0]!.status).toBe('DRAFT');
  });

  it('counsel sign for a client only where the signing rule is PARTIES_OR_COUNSEL', () => {
    const settle = (signingRule: 'PARTIES' | 'PARTIES_OR_COUNSEL') =>
      run(newCase({ issues, signingRule }), [
        { type: 'SCHEDULE_MEDIATION' },
        { type: 'START_SESSION' },
        { type: 'RECORD_OUTCOME', outcome: 'SETTLED', agreedIssueIds: ['liability', 'damages'] },
        recordText(),
      ]).persisted;
    const forClient = (sideId: string): CaseEvent => ({ type: 'SIGN_AGREEMENT_FOR_CLIENT', sideId, partyId: sideId, signerId: `${sideId}-counsel`, digest: TEXT });
    expect(() => step(settle('PARTIES'), forClient('claimant'))).toThrow(expect.objectContaining({ code: 'INVALID_TRANSITION' }));
    const done = run(settle('PARTIES_OR_COUNSEL'), [forClient('claimant'), { type: 'SIGN_AGREEMENT', sideId: 'respondent', partyId: 'respondent', digest: TEXT }]);
    expect(done.state.resolution).toBe('resolved.settled');
    expect(contextOf(done.persisted).agreements[0]!.signatures).toContainEqual({ sideId: 'claimant', partyId: 'claimant', signerId: 'claimant-counsel', digest: TEXT });
  });

  it('cannot take a new issue while it is being signed', () => {
    const agreement = run(newCase(), [{ type: 'SCHEDULE_MEDIATION' }, { type: 'START_SESSION' }, { type: 'RECORD_OUTCOME', outcome: 'SETTLED' }]);
    expect(enabledEvents(agreement.persisted)).not.toContain('ADD_ISSUE');
    expect(() => step(agreement.persisted, { type: 'ADD_ISSUE', issueId: 'late', label: 'Late' })).toThrow(
      expect.objectContaining({ code: 'INVALID_TRANSITION' }),
    );
  });

  it('a withdrawal that leaves only signed sides makes the agreement binding and settles the case', () => {
    const signing = run(newCase({ sides: three }), [
      { type: 'SCHEDULE_MEDIATION' },
      { type: 'START_SESSION' },
      { type: 'RECORD_OUTCOME', outcome: 'SETTLED' },
      recordText(),
      { type: 'SIGN_AGREEMENT', sideId: 'a', partyId: 'a', digest: TEXT },
      { type: 'SIGN_AGREEMENT', sideId: 'b', partyId: 'b', digest: TEXT },
    ]);
    const done = step(signing.persisted, { type: 'WITHDRAW_SIDE', sideId: 'c' });
    expect(done.state).toEqual({ resolution: 'resolved.settled', litigation: 'closed', done: true });
    expect(done.effects).toEqual([
      { type: 'AGREEMENT_BINDING', params: { agreementId: 'agreement-1' } },
      { type: 'CASE_CLOSED', params: { closedAs: 'SETTLED' } },
    ]);
  });
});

describe('ADR steps', () => {
  it('a mediator\u2019s proposal accepted by every side agrees every open issue', () => {
    const proposal = run(newCase({ issues }), toImpasse([{ type: 'ISSUE_MEDIATORS_PROPOSAL' }])).persisted;
    const accepted = run(proposal, [
      { type: 'ANSWER_PROPOSAL', sideId: 'claimant', answer: 'ACCEPT' },
      { type: 'ANSWER_PROPOSAL', sideId: 'respondent', answer: 'ACCEPT' },
    ]);
    expect(accepted.state.resolution).toBe('agreement');
    expect(accepted.effects).toEqual([{ type: 'PROPOSAL_CLOSED', params: { result: 'SETTLED' } }]);
    expect(contextOf(accepted.persisted).issues.map((issue) => issue.status)).toEqual(['AGREED', 'AGREED']);
  });

  it('a proposal past its deadline closes as no agreement, and answers cannot come after', () => {
    const proposal = run(newCase(), toImpasse([{ type: 'ISSUE_MEDIATORS_PROPOSAL' }, { type: 'ANSWER_PROPOSAL', sideId: 'claimant', answer: 'ACCEPT' }]));
    const closed = step(proposal.persisted, { type: 'CLOSE_PROPOSAL' });
    expect(closed.state.resolution).toBe('impasse');
    expect(closed.effects[0]).toEqual({ type: 'PROPOSAL_CLOSED', params: { result: 'NO_AGREEMENT' } });
    expect(contextOf(closed.persisted).proposal).toBeNull();
  });

  it('a side that withdraws no longer blocks a proposal the others accepted', () => {
    const proposal = run(newCase({ sides: three }), toImpasse([
      { type: 'ISSUE_MEDIATORS_PROPOSAL' },
      { type: 'ANSWER_PROPOSAL', sideId: 'a', answer: 'ACCEPT' },
      { type: 'ANSWER_PROPOSAL', sideId: 'b', answer: 'ACCEPT' },
    ]));
    expect(proposal.state.resolution).toBe('adr.mediatorsProposal');
    expect(step(proposal.persisted, { type: 'WITHDRAW_SIDE', sideId: 'c' }).state.resolution).toBe('agreement');
  });

  it('arbitration needs a clause or every side\u2019s stipulation; a non-binding award binds only when every side accepts it', () => {
    const impasse = run(newCase(), toImpasse()).persisted;
    expect(() => step(impasse, { type: 'START_ARBITRATION', binding: false })).toThrow(expect.objectContaining({ failedGuards: ['arbitrationAgreed'] }));
    const stipulated = run(impasse, [
      { type: 'STIPULATE_ARBITRATION', sideId: 'claimant' },
      { type: 'STIPULATE_ARBITRATION', sideId: 'respondent' },
      { type: 'START_ARBITRATION', binding: false },
      { type: 'RECORD_AWARD' },
    ]);
    expect(stipulated.state.resolution).toBe('adr.arbitration');
    const rejected = step(stipulated.persisted, { type: 'REJECT_AWARD', sideId: 'respondent' });
    expect(rejected.state.resolution).toBe('impasse');
    expect(contextOf(rejected.persisted).arbitration).toBeNull();
    const accepted = run(stipulated.persisted, [
      { type: 'ACCEPT_AWARD', sideId: 'claimant' },
      { type: 'ACCEPT_AWARD', sideId: 'respondent' },
    ]);
    expect(accepted.state).toEqual({ resolution: 'resolved.award', litigation: 'closed', done: true });
  });
});

describe('the court track', () => {
  it('a stay returns to the phase it interrupted', () => {
    for (const phase of LITIGATION_PHASES) {
      const stored = newCase({ litigationPhase: phase });
      const stayed = step(stored, { type: 'STAY_LITIGATION' });
      expect(stayed.state.litigation).toBe('stayed');
      expect(step(stayed.persisted, { type: 'LIFT_STAY' }).state.litigation).toBe(phase);
    }
  });

  it('a court orders ADR from any phase without moving the phase, and only with a suit pending', () => {
    expect(() => step(newCase(), { type: 'ORDER_ADR', process: 'MEDIATION' })).toThrow(expect.objectContaining({ failedGuards: ['courtOrders'] }));
    for (const phase of LITIGATION_PHASES) {
      const ordered = step(newCase({ litigationPhase: phase }), { type: 'ORDER_ADR', process: 'NON_BINDING_ARBITRATION' });
      expect(ordered.state).toEqual({ resolution: 'adr.arbitration', litigation: phase, done: false });
      expect(contextOf(ordered.persisted).arbitration).toEqual({ binding: false, awardRendered: false, acceptedBy: [] });
    }
    const stayed = run(newCase({ litigationPhase: 'trial' }), [{ type: 'STAY_LITIGATION' }, { type: 'ORDER_ADR', process: 'MEDIATION' }]);
    expect(stayed.state).toEqual({ resolution: 'mediation.scheduled', litigation: 'stayed', done: false });
  });

  it('a judgment ends the resolution track wherever it is, deciding what is still open', () => {
    for (const before of [[], [{ type: 'SCHEDULE_MEDIATION' }, { type: 'START_SESSION' }], toImpasse([{ type: 'START_NEGOTIATION' }])] as CaseEvent[][]) {
      const judged = run(newCase({ issues, litigationPhase: 'trial' }), [...before, { type: 'ENTER_JUDGMENT' }]);
      expect(judged.state).toEqual({ resolution: 'resolved.judgment', litigation: 'judgment', done: true });
      expect(judged.effects).toEqual([{ type: 'CASE_CLOSED', params: { closedAs: 'JUDGMENT' } }]);
      expect(contextOf(judged.persisted).issues.map((issue) => issue.status)).toEqual(['DECIDED', 'DECIDED']);
    }
  });

  it('a court decides one issue while the case goes on', () => {
    const decided = step(newCase({ issues, litigationPhase: 'motions' }), { type: 'DECIDE_ISSUE', issueId: 'liability' });
    expect(decided.state).toEqual({ resolution: 'intake', litigation: 'motions', done: false });
    expect(contextOf(decided.persisted).issues.map((issue) => issue.status)).toEqual(['DECIDED', 'OPEN']);
  });

  it('a dismissal closes both tracks', () => {
    const dismissed = step(newCase({ issues, litigationPhase: 'pleadings' }), { type: 'DISMISS_CASE' });
    expect(dismissed.state).toEqual({ resolution: 'resolved.dismissed', litigation: 'closed', done: true });
    expect(contextOf(dismissed.persisted).issues.map((issue) => issue.status)).toEqual(['DECIDED', 'DECIDED']);
  });
});

describe('a closed case', () => {
  it('accepts nothing, even through XState\u2019s own transition', () => {
    const closed = [
      run(newCase(), [{ type: 'WITHDRAW_SIDE', sideId: 'claimant' }]).persisted,
      run(newCase({ litigationPhase: 'trial' }), [{ type: 'ENTER_JUDGMENT' }]).persisted,
      createCase({ sides: three, issues, arbitrationClause: true }).persisted,
    ].map(snapshotOf);
    // The third: dismissed after a suit, with sides still active and issues decided.
    closed[2] = advance(closed[2]!, [{ type: 'FILE_SUIT' }, { type: 'DISMISS_CASE' }]);
    for (const snapshot of closed) {
      expect(snapshot.context.closedAs).not.toBeNull();
      const events = [...candidateEvents(snapshot.context), { type: 'SIGN_AGREEMENT', sideId: 'a', partyId: 'a', digest: TEXT } as CaseEvent];
      for (const event of events) {
        expect({ event, accepted: snapshot.can(event) }).toEqual({ event, accepted: false });
        expect(advance(snapshot, [event]).value).toEqual(snapshot.value);
      }
    }
  });
});
