/**
 * The article's stories ("When Mediation Fails: What's Next?"), each played through the
 * public api the way the server will: one stored snapshot, one event at a time.
 */
import { describe, expect, it } from '@jest/globals';
import { allowedEvents, step, type CaseEvent } from '../src/index.js';
import { contextOf, newCase, recordText, run, TEXT, viewers } from './support.js';

const sign = (sideId: string, partyId: string): CaseEvent => ({ type: 'SIGN_AGREEMENT', sideId, partyId, digest: TEXT });
const statusOf = (stored: Parameters<typeof contextOf>[0]) =>
  Object.fromEntries(contextOf(stored).issues.map((issue) => [issue.id, issue.status]));

describe('the article, as cases', () => {
  it('(1) family: custody agreed, support open; re-mediation waits for the financial disclosure; then a binding settlement', () => {
    const family = newCase({
      sides: [
        { id: 'petitioner', label: 'Petitioner', parties: [{ id: 'mother' }] },
        { id: 'respondent', label: 'Respondent', parties: [{ id: 'father' }] },
      ],
      issues: [
        { id: 'custody', label: 'Custody schedule' },
        { id: 'support', label: 'Child support' },
      ],
    });

    // "You might settle custody schedules but not support."
    const partial = run(family, [
      { type: 'SCHEDULE_MEDIATION' },
      { type: 'START_SESSION' },
      { type: 'RECORD_OUTCOME', outcome: 'PARTIAL_AGREEMENT', agreedIssueIds: ['custody'] },
    ]);
    expect(partial.state.resolution).toBe('impasse');
    expect(statusOf(partial.persisted)).toEqual({ custody: 'AGREED', support: 'OPEN' });

    // "Lock down any partial agreements": both parents sign the custody agreement now.
    const locked = run(partial.persisted, [recordText(), sign('petitioner', 'mother'), sign('respondent', 'father')]);
    expect(locked.effects).toEqual([{ type: 'AGREEMENT_BINDING', params: { agreementId: 'agreement-1' } }]);
    expect(locked.state.resolution).toBe('impasse');

    // Why did it stall? Missing financial information. Who owns the next outreach?
    const assessed = run(locked.persisted, [
      { type: 'RECORD_STALL_REASON', reason: 'LACKED_INFORMATION' },
      { type: 'ASSIGN_OUTREACH_OWNER', ownerId: 'counsel-petitioner', touchpointDate: '2026-02-03' },
    ]);
    expect(allowedEvents(assessed.persisted, viewers.mediator)).not.toContain('REMEDIATE');
    expect(() => step(assessed.persisted, { type: 'REMEDIATE' })).toThrow(
      expect.objectContaining({ code: 'INVALID_TRANSITION', failedGuards: ['remediationJustified'] }),
    );

    // The disclosure is exchanged: now a second session makes sense.
    const exchanged = step(assessed.persisted, { type: 'RECORD_REMEDY', remedy: 'INFORMATION_EXCHANGED' });
    expect(allowedEvents(exchanged.persisted, viewers.mediator)).toContain('REMEDIATE');
    const settled = run(exchanged.persisted, [
      { type: 'REMEDIATE' },
      { type: 'START_SESSION' },
      { type: 'RECORD_OUTCOME', outcome: 'SETTLED', agreedIssueIds: ['support'] },
    ]);
    expect(settled.state.resolution).toBe('agreement');

    // A term sheet subject to formal documents is not binding, however signed.
    const termSheet = run(settled.persisted, [
      { type: 'MARK_SUBJECT_TO_FORMAL_DOCUMENTS' },
      recordText(),
      sign('petitioner', 'mother'),
      sign('respondent', 'father'),
    ]);
    expect(termSheet.state).toEqual({ resolution: 'agreement', litigation: 'notFiled', done: false });
    expect(contextOf(termSheet.persisted).agreements.map((a) => a.status)).toEqual(['BINDING', 'SUBJECT_TO_FORMAL_DOCUMENTS']);

    const done = run(termSheet.persisted, [{ type: 'ADOPT_FORMAL_DOCUMENTS' }, recordText(), sign('petitioner', 'mother'), sign('respondent', 'father')]);
    expect(done.state).toEqual({ resolution: 'resolved.settled', litigation: 'closed', done: true });
    expect(done.effects).toEqual([
      { type: 'AGREEMENT_BINDING', params: { agreementId: 'agreement-2' } },
      { type: 'CASE_CLOSED', params: { closedAs: 'SETTLED' } },
    ]);
    const context = contextOf(done.persisted);
    expect(context.agreements.map((a) => [a.id, a.issueIds, a.status])).toEqual([
      ['agreement-1', ['custody'], 'BINDING'],
      ['agreement-2', ['support'], 'BINDING'],
    ]);
    expect(context.sides.map((side) => side.status)).toEqual(['SETTLED', 'SETTLED']);
  });

  it('(2) personal injury: no agreement, suit to discovery, a court-ordered settlement conference settles it and ends the litigation', () => {
    const injury = newCase({
      sides: [
        { id: 'plaintiff', label: 'Plaintiff' },
        { id: 'defendant', label: 'Defendant and insurer', parties: [{ id: 'driver' }, { id: 'insurer' }] },
      ],
      issues: [
        { id: 'liability', label: 'Liability' },
        { id: 'damages', label: 'Damages' },
      ],
    });
    const impasse = run(injury, [
      { type: 'SCHEDULE_MEDIATION' },
      { type: 'START_SESSION' },
      { type: 'RECORD_OUTCOME', outcome: 'NO_AGREEMENT' },
      { type: 'RECORD_STALL_REASON', reason: 'UNREALISTIC_EXPECTATIONS' },
      { type: 'ASSIGN_OUTREACH_OWNER', ownerId: 'counsel-plaintiff', touchpointDate: '2026-02-10' },
    ]);
    const discovery = run(impasse.persisted, [{ type: 'PURSUE_LITIGATION' }, { type: 'FILE_SUIT' }, { type: 'ADVANCE_LITIGATION' }]);
    expect(discovery.state).toEqual({ resolution: 'litigating', litigation: 'discovery', done: false });

    // "The court schedule stays alive": the order does not move the litigation phase.
    const conference = step(discovery.persisted, { type: 'ORDER_ADR', process: 'SETTLEMENT_CONFERENCE' });
    expect(conference.state).toEqual({ resolution: 'adr.settlementConference', litigation: 'discovery', done: false });
    expect(contextOf(conference.persisted).courtOrdered).toBe(true);
    // ... and keeps moving while the conference is pending.
    const experts = step(conference.persisted, { type: 'ADVANCE_LITIGATION' });
    expect(experts.state.litigation).toBe('experts');

    const settled = run(experts.persisted, [
      { type: 'RECORD_ADR_OUTCOME', outcome: 'SETTLED', agreedIssueIds: ['liability', 'damages'] },
      recordText(),
      sign('plaintiff', 'plaintiff'),
      sign('defendant', 'driver'),
    ]);
    expect(settled.state.resolution).toBe('agreement');
    const done = step(settled.persisted, sign('defendant', 'insurer'));
    expect(done.state).toEqual({ resolution: 'resolved.settled', litigation: 'closed', done: true });
  });

  it('(3) business: one side rejects the mediator\u2019s proposal; arbitration under the contract\u2019s clause ends in an award', () => {
    const business = newCase({
      sides: [
        { id: 'buyer', label: 'Buyer' },
        { id: 'seller', label: 'Seller' },
      ],
      issues: [
        { id: 'payment', label: 'Payment schedule' },
        { id: 'nonDisparagement', label: 'Non-disparagement' },
      ],
      arbitrationClause: true,
    });
    const proposal = run(business, [
      { type: 'SCHEDULE_MEDIATION' },
      { type: 'START_SESSION' },
      { type: 'RECORD_OUTCOME', outcome: 'NO_AGREEMENT' },
      { type: 'RECORD_STALL_REASON', reason: 'POSTURING' },
      { type: 'ASSIGN_OUTREACH_OWNER', ownerId: 'mediator', touchpointDate: '2026-02-05' },
      { type: 'ISSUE_MEDIATORS_PROPOSAL' },
    ]);
    expect(proposal.effects).toEqual([{ type: 'PROPOSAL_ISSUED' }]);

    // The buyer accepts: nothing visible happens until every side has answered.
    const oneAnswer = step(proposal.persisted, { type: 'ANSWER_PROPOSAL', sideId: 'buyer', answer: 'ACCEPT' });
    expect(oneAnswer.state.resolution).toBe('adr.mediatorsProposal');
    expect(oneAnswer.effects).toEqual([]);
    expect(allowedEvents(oneAnswer.persisted, viewers.counselFor('buyer'))).not.toContain('ANSWER_PROPOSAL');
    expect(allowedEvents(oneAnswer.persisted, viewers.counselFor('seller'))).toContain('ANSWER_PROPOSAL');

    // The seller rejects: the result is "no agreement", and the sealed answers are gone.
    const rejected = step(oneAnswer.persisted, { type: 'ANSWER_PROPOSAL', sideId: 'seller', answer: 'REJECT' });
    expect(rejected.state.resolution).toBe('impasse');
    expect(rejected.effects).toEqual([{ type: 'PROPOSAL_CLOSED', params: { result: 'NO_AGREEMENT' } }, { type: 'IMPASSE_OPENED' }]);
    expect(JSON.stringify(rejected.persisted)).not.toContain('ACCEPT');

    const award = run(rejected.persisted, [
      { type: 'RECORD_STALL_REASON', reason: 'TIMING' },
      { type: 'ASSIGN_OUTREACH_OWNER', ownerId: 'counsel-buyer', touchpointDate: '2026-02-20' },
      { type: 'START_ARBITRATION', binding: true },
      { type: 'RECORD_AWARD' },
    ]);
    expect(award.state).toEqual({ resolution: 'resolved.award', litigation: 'closed', done: true });
    expect(award.effects).toEqual([{ type: 'CASE_CLOSED', params: { closedAs: 'AWARD' } }]);
    expect(statusOf(award.persisted)).toEqual({ payment: 'DECIDED', nonDisparagement: 'DECIDED' });
  });

  it('(4) three sides: one defendant withdraws, the case goes on, and the other two settle', () => {
    const sides = [
      { id: 'plaintiff', label: 'Plaintiff' },
      { id: 'contractor', label: 'Defendant (contractor)' },
      { id: 'supplier', label: 'Defendant (supplier)' },
    ];
    const session = run(newCase({ sides, issues: [{ id: 'repairs', label: 'Cost of repairs' }] }), [
      { type: 'SCHEDULE_MEDIATION' },
      { type: 'START_SESSION' },
    ]);
    const withdrawn = step(session.persisted, { type: 'WITHDRAW_SIDE', sideId: 'supplier' });
    expect(withdrawn.state).toEqual({ resolution: 'mediation.inSession', litigation: 'notFiled', done: false });
    expect(allowedEvents(withdrawn.persisted, viewers.counselFor('supplier'))).toEqual([]);

    const agreement = run(withdrawn.persisted, [{ type: 'RECORD_OUTCOME', outcome: 'SETTLED', agreedIssueIds: ['repairs'] }, recordText()]);
    expect(() => step(agreement.persisted, sign('supplier', 'supplier'))).toThrow(
      expect.objectContaining({ code: 'INVALID_TRANSITION', failedGuards: ['signatureMakesBinding', 'signatureIsValid'] }),
    );
    const done = run(agreement.persisted, [sign('plaintiff', 'plaintiff'), sign('contractor', 'contractor')]);
    expect(done.state).toEqual({ resolution: 'resolved.settled', litigation: 'closed', done: true });
    expect(contextOf(done.persisted).sides.map((side) => [side.id, side.status])).toEqual([
      ['plaintiff', 'SETTLED'],
      ['contractor', 'SETTLED'],
      ['supplier', 'WITHDRAWN'],
    ]);
  });
});
