import { describe, expect, it } from '@jest/globals';
import { GUARD_NAMES, GUARDS, type CaseContext, type CaseEvent, type GuardName } from '../src/index.js';
import { contextOf, newCase } from './support.js';

/** A two-sided case with two open issues (custody, support), then `patch`. */
function ctx(patch: Partial<CaseContext> = {}): CaseContext {
  const base = contextOf(
    newCase({
      issues: [
        { id: 'custody', label: 'Custody' },
        { id: 'support', label: 'Support' },
      ],
    }),
  );
  return { ...base, ...patch };
}
const withIssues = (statuses: Record<string, 'OPEN' | 'AGREED' | 'WITHDRAWN' | 'DECIDED'>): Partial<CaseContext> => ({
  issues: Object.entries(statuses).map(([id, status]) => ({ id, label: id, status })),
});
const assessed = (patch: Partial<CaseContext['assessment']> = {}): Partial<CaseContext> => ({
  assessment: { stallReasons: [{ reason: 'POSTURING', remedied: false }], outreach: { ownerId: 'c1', touchpointDate: '2026-02-01' }, ...patch },
});
const TEXT = 'digest-of-the-text';
const signed = (sideId: string, digest = TEXT) => ({ sideId, partyId: sideId, signerId: sideId, digest });
const draft = (
  signatures: ReturnType<typeof signed>[] = [],
  status: 'DRAFT' | 'SUBJECT_TO_FORMAL_DOCUMENTS' | 'BINDING' = 'DRAFT',
  text: { digest: string; complete: boolean } | null = { digest: TEXT, complete: true },
) => ({
  agreements: [{ id: 'agreement-1', issueIds: ['custody'], status, signatures, text }],
});
const sign = (sideId: string, partyId = sideId, digest = TEXT): CaseEvent => ({ type: 'SIGN_AGREEMENT', sideId, partyId, digest });
const threeSides = (): Partial<CaseContext> => ({
  sides: ['a', 'b', 'c'].map((id) => ({ id, label: id, status: 'ACTIVE' as const, partyIds: [id] })),
});

type Case = [context: CaseContext, event: CaseEvent, params?: unknown];
const outcome = (o: 'SETTLED' | 'PARTIAL_AGREEMENT' | 'NO_AGREEMENT', agreedIssueIds?: string[]): CaseEvent =>
  agreedIssueIds ? { type: 'RECORD_OUTCOME', outcome: o, agreedIssueIds } : { type: 'RECORD_OUTCOME', outcome: o };
const any: CaseEvent = { type: 'START_SESSION' };

/** For every guard: situations where it holds, and where it does not (each with the reason in its name). */
const table: Record<GuardName, { holds: Record<string, Case>; fails: Record<string, Case> }> = {
  settlementReached: {
    holds: {
      'all open issues agreed now': [ctx(), outcome('SETTLED', ['custody', 'support'])],
      'no issues at all': [ctx({ issues: [] }), outcome('SETTLED')],
      'an ADR outcome': [ctx(withIssues({ custody: 'AGREED' })), { type: 'RECORD_ADR_OUTCOME', outcome: 'SETTLED' }],
    },
    fails: {
      'an issue left open': [ctx(), outcome('SETTLED', ['custody'])],
      'an unknown issue listed': [ctx(), outcome('SETTLED', ['custody', 'support', 'pets'])],
      'an issue listed twice': [ctx(withIssues({ custody: 'OPEN' })), outcome('SETTLED', ['custody', 'custody'])],
      'another outcome': [ctx({ issues: [] }), outcome('NO_AGREEMENT')],
    },
  },
  partialAgreementReached: {
    holds: {
      'one agreed, one open': [ctx(), outcome('PARTIAL_AGREEMENT', ['custody'])],
      'agreed earlier, one open': [ctx(withIssues({ custody: 'AGREED', support: 'OPEN' })), outcome('PARTIAL_AGREEMENT')],
    },
    fails: {
      'nothing agreed': [ctx(), outcome('PARTIAL_AGREEMENT')],
      'nothing left open': [ctx(), outcome('PARTIAL_AGREEMENT', ['custody', 'support'])],
      'no issues': [ctx({ issues: [] }), outcome('PARTIAL_AGREEMENT')],
      'an agreed issue listed again': [ctx(withIssues({ custody: 'AGREED', support: 'OPEN' })), outcome('PARTIAL_AGREEMENT', ['custody'])],
    },
  },
  noAgreementReached: {
    holds: { 'nothing agreed': [ctx(), outcome('NO_AGREEMENT')], 'empty list': [ctx(), outcome('NO_AGREEMENT', [])] },
    fails: { 'issues listed as agreed': [ctx(), outcome('NO_AGREEMENT', ['custody'])], 'another outcome': [ctx(), outcome('SETTLED')] },
  },
  negotiatedSettlementComplete: {
    holds: { 'the rest agreed': [ctx(withIssues({ custody: 'AGREED', support: 'OPEN' })), { type: 'RECORD_SETTLEMENT', agreedIssueIds: ['support'] }] },
    fails: { 'an issue left open': [ctx(), { type: 'RECORD_SETTLEMENT', agreedIssueIds: ['support'] }] },
  },
  partialAgreementLocked: {
    holds: { 'one of two': [ctx(), { type: 'AGREE_ISSUES', issueIds: ['custody'] }] },
    fails: {
      'all of them': [ctx(), { type: 'AGREE_ISSUES', issueIds: ['custody', 'support'] }],
      'none': [ctx(), { type: 'AGREE_ISSUES', issueIds: [] }],
      'not open': [ctx(withIssues({ custody: 'WITHDRAWN', support: 'OPEN' })), { type: 'AGREE_ISSUES', issueIds: ['custody'] }],
    },
  },
  sessionNotHeldForPriorSettlement: {
    holds: { 'prior settlement': [ctx(), { type: 'RECORD_SESSION_NOT_HELD', reason: 'PRIOR_SETTLEMENT' }] },
    fails: { 'no response': [ctx(), { type: 'RECORD_SESSION_NOT_HELD', reason: 'NO_RESPONSE' }] },
  },
  sessionNotHeldForAnotherReason: {
    holds: { 'inappropriate for ADR': [ctx(), { type: 'RECORD_SESSION_NOT_HELD', reason: 'INAPPROPRIATE_FOR_ADR' }] },
    fails: {
      'prior settlement': [ctx(), { type: 'RECORD_SESSION_NOT_HELD', reason: 'PRIOR_SETTLEMENT' }],
      'an unknown reason': [ctx(), { type: 'RECORD_SESSION_NOT_HELD', reason: 'WEATHER' } as never],
    },
  },
  issueIsNew: {
    holds: { 'new id': [ctx(), { type: 'ADD_ISSUE', issueId: 'pets', label: 'Pets' }] },
    fails: { 'existing id': [ctx(), { type: 'ADD_ISSUE', issueId: 'custody', label: 'Again' }], 'blank label': [ctx(), { type: 'ADD_ISSUE', issueId: 'x', label: ' ' }] },
  },
  issueIsOpen: {
    holds: { open: [ctx(), { type: 'WITHDRAW_ISSUE', issueId: 'custody' }] },
    fails: { agreed: [ctx(withIssues({ custody: 'AGREED' })), { type: 'WITHDRAW_ISSUE', issueId: 'custody' }], unknown: [ctx(), { type: 'WITHDRAW_ISSUE', issueId: 'x' }] },
  },
  issueDecidableByCourt: {
    holds: { 'suit pending': [ctx({ litigation: 'motions' }), { type: 'DECIDE_ISSUE', issueId: 'custody' }] },
    fails: {
      'no suit': [ctx(), { type: 'DECIDE_ISSUE', issueId: 'custody' }],
      'issue not open': [ctx({ ...withIssues({ custody: 'AGREED' }), litigation: 'motions' }), { type: 'DECIDE_ISSUE', issueId: 'custody' }],
    },
  },
  stallReasonIsNew: {
    holds: { first: [ctx(), { type: 'RECORD_STALL_REASON', reason: 'EMOTIONS' }] },
    fails: { again: [ctx(assessed()), { type: 'RECORD_STALL_REASON', reason: 'POSTURING' }] },
  },
  remedyAnswersStallReason: {
    holds: { 'recorded reason': [ctx(assessed({ stallReasons: [{ reason: 'LACKED_INFORMATION', remedied: false }] })), { type: 'RECORD_REMEDY', remedy: 'INFORMATION_EXCHANGED' }] },
    fails: {
      'reason not recorded': [ctx(assessed()), { type: 'RECORD_REMEDY', remedy: 'INFORMATION_EXCHANGED' }],
      'already remedied': [ctx(assessed({ stallReasons: [{ reason: 'LACKED_INFORMATION', remedied: true }] })), { type: 'RECORD_REMEDY', remedy: 'INFORMATION_EXCHANGED' }],
    },
  },
  outreachIsValid: {
    holds: { 'owner and date': [ctx(), { type: 'ASSIGN_OUTREACH_OWNER', ownerId: 'c1', touchpointDate: '2026-02-28' }] },
    fails: {
      'no owner': [ctx(), { type: 'ASSIGN_OUTREACH_OWNER', ownerId: '', touchpointDate: '2026-02-28' }],
      'impossible date': [ctx(), { type: 'ASSIGN_OUTREACH_OWNER', ownerId: 'c1', touchpointDate: '2026-02-30' }],
    },
  },
  impasseAssessed: {
    holds: { 'reason and owner': [ctx(assessed()), any] },
    fails: { 'no owner': [ctx(assessed({ outreach: null })), any], 'no reason': [ctx(assessed({ stallReasons: [] })), any] },
  },
  remediationJustified: {
    holds: {
      'information exchanged': [ctx(assessed({ stallReasons: [{ reason: 'LACKED_INFORMATION', remedied: true }] })), { type: 'REMEDIATE' }],
      'new mediator for mediator fit': [ctx(assessed({ stallReasons: [{ reason: 'MEDIATOR_FIT', remedied: true }] })), { type: 'REMEDIATE', mediator: 'NEW' }],
    },
    fails: {
      'remedy not recorded': [ctx(assessed({ stallReasons: [{ reason: 'LACKED_INFORMATION', remedied: false }] })), { type: 'REMEDIATE' }],
      'not a fixable reason': [ctx(assessed({ stallReasons: [{ reason: 'UNREALISTIC_EXPECTATIONS', remedied: true }] })), { type: 'REMEDIATE' }],
      'same mediator for mediator fit': [ctx(assessed({ stallReasons: [{ reason: 'MEDIATOR_FIT', remedied: true }] })), { type: 'REMEDIATE', mediator: 'SAME' }],
    },
  },
  arbitrationAgreed: {
    holds: {
      clause: [ctx({ arbitrationClause: true }), { type: 'START_ARBITRATION', binding: true }],
      'every side stipulated': [ctx({ arbitrationStipulatedBy: ['claimant', 'respondent'] }), { type: 'START_ARBITRATION', binding: false }],
    },
    fails: {
      'one side stipulated': [ctx({ arbitrationStipulatedBy: ['claimant'] }), { type: 'START_ARBITRATION', binding: true }],
      'nothing on record': [ctx(), { type: 'START_ARBITRATION', binding: true }],
    },
  },
  arbitrationClauseMissing: { holds: { none: [ctx(), any] }, fails: { recorded: [ctx({ arbitrationClause: true }), any] } },
  stipulationIsNew: {
    holds: { first: [ctx(), { type: 'STIPULATE_ARBITRATION', sideId: 'claimant' }] },
    fails: {
      again: [ctx({ arbitrationStipulatedBy: ['claimant'] }), { type: 'STIPULATE_ARBITRATION', sideId: 'claimant' }],
      'unknown side': [ctx(), { type: 'STIPULATE_ARBITRATION', sideId: 'x' }],
    },
  },
  litigationPending: {
    holds: { discovery: [ctx({ litigation: 'discovery' }), any], stayed: [ctx({ litigation: 'stayed' }), any] },
    fails: { 'not filed': [ctx(), any], closed: [ctx({ litigation: 'closed' }), any] },
  },
  courtOrders: {
    holds: { 'that process, suit pending': [ctx({ litigation: 'trial' }), { type: 'ORDER_ADR', process: 'MEDIATION' }, { process: 'MEDIATION' }] },
    fails: {
      'another process': [ctx({ litigation: 'trial' }), { type: 'ORDER_ADR', process: 'MEDIATION' }, { process: 'SETTLEMENT_CONFERENCE' }],
      'no suit': [ctx(), { type: 'ORDER_ADR', process: 'MEDIATION' }, { process: 'MEDIATION' }],
    },
  },
  stayedFrom: {
    holds: { 'that phase': [ctx({ litigation: 'stayed', stayedFrom: 'experts' }), any, { phase: 'experts' }] },
    fails: { 'another phase': [ctx({ litigation: 'stayed', stayedFrom: 'experts' }), any, { phase: 'trial' }] },
  },
  judgmentEntered: {
    holds: { 'judgment, case open': [ctx({ litigation: 'judgment' }), any] },
    fails: { 'no judgment': [ctx({ litigation: 'trial' }), any], 'already closed': [ctx({ litigation: 'judgment', closedAs: 'JUDGMENT' }), any] },
  },
  caseEndedOutsideCourt: {
    holds: { 'settled while in discovery': [ctx({ litigation: 'discovery', closedAs: 'SETTLED' }), any] },
    fails: { 'case open': [ctx({ litigation: 'discovery' }), any], 'litigation closed': [ctx({ litigation: 'closed', closedAs: 'SETTLED' }), any] },
  },
  proposalAnswerIsValid: {
    holds: { 'first answer': [ctx({ proposal: { answers: [] } }), { type: 'ANSWER_PROPOSAL', sideId: 'claimant', answer: 'ACCEPT' }] },
    fails: {
      'answered already': [ctx({ proposal: { answers: [{ sideId: 'claimant', answer: 'REJECT' }] } }), { type: 'ANSWER_PROPOSAL', sideId: 'claimant', answer: 'ACCEPT' }],
      'no proposal': [ctx(), { type: 'ANSWER_PROPOSAL', sideId: 'claimant', answer: 'ACCEPT' }],
    },
  },
  proposalAcceptedByAll: {
    holds: { 'both accepted': [ctx({ proposal: { answers: [{ sideId: 'claimant', answer: 'ACCEPT' }, { sideId: 'respondent', answer: 'ACCEPT' }] } }), any] },
    fails: { 'one missing': [ctx({ proposal: { answers: [{ sideId: 'claimant', answer: 'ACCEPT' }] } }), any] },
  },
  proposalRejected: {
    holds: { 'all answered, one no': [ctx({ proposal: { answers: [{ sideId: 'claimant', answer: 'ACCEPT' }, { sideId: 'respondent', answer: 'REJECT' }] } }), any] },
    fails: { 'one still to answer': [ctx({ proposal: { answers: [{ sideId: 'respondent', answer: 'REJECT' }] } }), any] },
  },
  awardBinds: {
    holds: { binding: [ctx({ arbitration: { binding: true, awardRendered: false, acceptedBy: [] } }), any] },
    fails: { advisory: [ctx({ arbitration: { binding: false, awardRendered: false, acceptedBy: [] } }), any] },
  },
  awardAdvises: {
    holds: { advisory: [ctx({ arbitration: { binding: false, awardRendered: false, acceptedBy: [] } }), any] },
    fails: { 'already rendered': [ctx({ arbitration: { binding: false, awardRendered: true, acceptedBy: [] } }), any] },
  },
  awardAnswerIsValid: {
    holds: { 'rendered, advisory': [ctx({ arbitration: { binding: false, awardRendered: true, acceptedBy: [] } }), { type: 'ACCEPT_AWARD', sideId: 'claimant' }] },
    fails: {
      'not rendered': [ctx({ arbitration: { binding: false, awardRendered: false, acceptedBy: [] } }), { type: 'REJECT_AWARD', sideId: 'claimant' }],
      'accepted already': [ctx({ arbitration: { binding: false, awardRendered: true, acceptedBy: ['claimant'] } }), { type: 'REJECT_AWARD', sideId: 'claimant' }],
    },
  },
  awardAcceptedByAll: {
    holds: { both: [ctx({ arbitration: { binding: false, awardRendered: true, acceptedBy: ['claimant', 'respondent'] } }), any] },
    fails: { one: [ctx({ arbitration: { binding: false, awardRendered: true, acceptedBy: ['claimant'] } }), any] },
  },
  signatureIsValid: {
    holds: {
      'first signature': [ctx(draft()), sign('claimant')],
      'again, of a new text': [ctx(draft([signed('claimant', 'the old text')])), sign('claimant')],
      'by counsel for a client, where the program allows it': [
        ctx({ ...draft(), signingRule: 'PARTIES_OR_COUNSEL' }),
        { type: 'SIGN_AGREEMENT_FOR_CLIENT', sideId: 'claimant', partyId: 'claimant', signerId: 'counsel', digest: TEXT },
      ],
    },
    fails: {
      'signed already': [ctx(draft([signed('claimant')])), sign('claimant')],
      'party of another side': [ctx(draft()), sign('claimant', 'respondent')],
      'nothing to sign': [ctx(), sign('claimant')],
      'text not recorded': [ctx(draft([], 'DRAFT', null)), sign('claimant')],
      'terms missing': [ctx(draft([], 'DRAFT', { digest: TEXT, complete: false })), sign('claimant')],
      'other text than the recorded one': [ctx(draft()), sign('claimant', 'claimant', 'what I saw earlier')],
      'by counsel where only parties sign': [
        ctx(draft()),
        { type: 'SIGN_AGREEMENT_FOR_CLIENT', sideId: 'claimant', partyId: 'claimant', signerId: 'counsel', digest: TEXT },
      ],
    },
  },
  signatureMakesBinding: {
    holds: { 'last signature': [ctx(draft([signed('claimant')])), sign('respondent')] },
    fails: {
      'first of two': [ctx(draft()), sign('respondent')],
      'the other signature is of an old text': [ctx(draft([signed('claimant', 'the old text')])), sign('respondent')],
      'term sheet stays non-binding': [ctx(draft([signed('claimant')], 'SUBJECT_TO_FORMAL_DOCUMENTS')), sign('respondent')],
      'a side without a party': [
        ctx({ ...draft([signed('claimant')]), sides: [{ id: 'claimant', label: 'c', status: 'ACTIVE', partyIds: ['claimant'] }, { id: 'respondent', label: 'r', status: 'ACTIVE', partyIds: [] }] }),
        sign('claimant', 'claimant', TEXT),
      ],
    },
  },
  agreementTextRecordable: {
    holds: { pending: [ctx(draft()), { type: 'RECORD_AGREEMENT_TEXT', digest: 'new', complete: true }] },
    fails: {
      'nothing pending': [ctx(), { type: 'RECORD_AGREEMENT_TEXT', digest: 'new', complete: true }],
      'only a binding one': [ctx(draft([], 'BINDING')), { type: 'RECORD_AGREEMENT_TEXT', digest: 'new', complete: true }],
    },
  },
  agreementIsDraft: { holds: { draft: [ctx(draft()), any] }, fails: { 'term sheet': [ctx(draft([], 'SUBJECT_TO_FORMAL_DOCUMENTS')), any], none: [ctx(), any] } },
  agreementAwaitsFormalDocuments: { holds: { 'term sheet': [ctx(draft([], 'SUBJECT_TO_FORMAL_DOCUMENTS')), any] }, fails: { draft: [ctx(draft()), any] } },
  settlementBinding: {
    holds: { 'binding, nothing open': [ctx({ ...withIssues({ custody: 'AGREED', support: 'WITHDRAWN' }), ...draft([], 'BINDING') }), any] },
    fails: {
      'still a draft': [ctx({ ...withIssues({ custody: 'AGREED' }), ...draft() }), any],
      'an open issue': [ctx({ ...withIssues({ custody: 'AGREED', support: 'OPEN' }), ...draft([], 'BINDING') }), any],
      'no agreement': [ctx({ issues: [] }), any],
    },
  },
  sideIsActive: {
    holds: { active: [ctx(), { type: 'WITHDRAW_SIDE', sideId: 'claimant' }] },
    fails: { unknown: [ctx(), { type: 'WITHDRAW_SIDE', sideId: 'x' }] },
  },
  withdrawalEndsCase: {
    holds: { 'two sides': [ctx(), { type: 'WITHDRAW_SIDE', sideId: 'claimant' }] },
    fails: { 'three sides': [ctx(threeSides()), { type: 'WITHDRAW_SIDE', sideId: 'c' }] },
  },
  withdrawalCompletesAgreement: {
    holds: { 'the others signed': [ctx({ ...threeSides(), ...draft([signed('a'), signed('b')]) }), { type: 'WITHDRAW_SIDE', sideId: 'c' }] },
    fails: {
      'a remaining side has not signed': [ctx({ ...threeSides(), ...draft([signed('a')]) }), { type: 'WITHDRAW_SIDE', sideId: 'c' }],
      'the case ends instead': [ctx(draft([signed('claimant')])), { type: 'WITHDRAW_SIDE', sideId: 'respondent' }],
    },
  },
};

const evaluate = (name: GuardName, [context, event, params]: Case): boolean =>
  (GUARDS[name] as (c: CaseContext, e: CaseEvent, p: unknown) => boolean)(context, event, params);

describe('guards', () => {
  it('every guard has cases both ways', () => {
    expect(Object.keys(table).sort()).toEqual([...GUARD_NAMES].sort());
    for (const entry of Object.values(table)) {
      expect(Object.keys(entry.holds).length).toBeGreaterThan(0);
      expect(Object.keys(entry.fails).length).toBeGreaterThan(0);
    }
  });

  describe.each(GUARD_NAMES)('%s', (name) => {
    it.each(Object.entries(table[name].holds))('holds: %s', (_, situation) => expect(evaluate(name, situation)).toBe(true));
    it.each(Object.entries(table[name].fails))('fails: %s', (_, situation) => expect(evaluate(name, situation)).toBe(false));
  });

  it('never throw, whatever the payload', () => {
    const junk = [
      { type: 'RECORD_OUTCOME', outcome: 'SETTLED', agreedIssueIds: 'custody' },
      { type: 'AGREE_ISSUES', issueIds: null },
      { type: 'RECORD_REMEDY', remedy: 'PRAYER' },
      { type: 'SIGN_AGREEMENT' },
      { type: 'ANSWER_PROPOSAL', sideId: 5 },
      { type: 'REMEDIATE', mediator: 'OTHER' },
      { type: 'START_ARBITRATION', binding: 'yes' },
    ] as unknown as CaseEvent[];
    const contexts = [ctx(), ctx({ proposal: { answers: [] }, ...draft(), arbitration: { binding: false, awardRendered: true, acceptedBy: [] } })];
    for (const name of GUARD_NAMES) {
      for (const context of contexts) {
        for (const event of junk) {
          expect(() => evaluate(name, [context, event, { process: 'MEDIATION', phase: 'trial' }])).not.toThrow();
          if (!['impasseAssessed', 'arbitrationClauseMissing', 'litigationPending', 'stayedFrom', 'judgmentEntered', 'caseEndedOutsideCourt', 'proposalAcceptedByAll', 'proposalRejected', 'awardBinds', 'awardAdvises', 'awardAcceptedByAll', 'agreementIsDraft', 'agreementAwaitsFormalDocuments', 'settlementBinding'].includes(name)) {
            // Guards that read the payload refuse junk.
            expect(evaluate(name, [context, event, { process: 'MEDIATION', phase: 'trial' }])).toBe(false);
          }
        }
      }
    }
  });
});
