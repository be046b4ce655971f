import { describe, expect, it } from '@jest/globals';
import {
  EVENT_CATALOGUE,
  EVENT_PERMISSIONS,
  EVENT_POLICY,
  EVENT_TYPES,
  activeGrants,
  allowedEvents,
  roleMaySend,
  viewerMaySend,
  type CaseEvent,
} from '../src/index.js';
import { contextOf, newCase, run, viewers } from './support.js';

const { mediator, admin, counselFor, partyFor, nobody } = viewers;

describe('the permission table', () => {
  it('keeps what the api relies on: a mediator runs the session, a program administrator may schedule it', () => {
    expect(EVENT_PERMISSIONS.SCHEDULE_MEDIATION).toEqual(['MEDIATOR', 'PROGRAM_ADMIN']);
    expect(EVENT_PERMISSIONS.START_SESSION).toEqual(['MEDIATOR']);
    expect(EVENT_PERMISSIONS.RECORD_OUTCOME).toEqual(['MEDIATOR']);
    expect(roleMaySend(mediator, 'RECORD_OUTCOME')).toBe(true);
    expect(roleMaySend(admin, 'SCHEDULE_MEDIATION')).toBe(true);
    expect(roleMaySend(admin, 'START_SESSION')).toBe(false);
  });

  it('gives a program administrator no event that names an issue: the issues are not theirs to see (UMA §7)', () => {
    const namingIssues = EVENT_TYPES.filter((type) => EVENT_CATALOGUE[type].payload.some((f) => /^issueIds?$/.test(f.name)));
    expect(namingIssues).toContain('DECIDE_ISSUE');
    for (const type of namingIssues) expect([type, EVENT_PERMISSIONS[type]]).toEqual([type, expect.not.arrayContaining(['PROGRAM_ADMIN'])]);
    expect(roleMaySend(admin, 'DECIDE_ISSUE')).toBe(false);
    expect(roleMaySend(counselFor('claimant'), 'DECIDE_ISSUE')).toBe(true);
  });

  it('names roles for every event, and EVENT_PERMISSIONS is its roles column', () => {
    expect(Object.keys(EVENT_POLICY)).toEqual(EVENT_TYPES);
    for (const type of EVENT_TYPES) {
      // Only the api sends an internal event (from what its tables hold): no role may.
      if (EVENT_CATALOGUE[type].internal) expect(EVENT_POLICY[type].roles).toEqual([]);
      else expect(EVENT_POLICY[type].roles.length).toBeGreaterThan(0);
      expect(EVENT_PERMISSIONS[type]).toEqual(EVENT_POLICY[type].roles);
    }
  });

  it('has five joint events, each sent side by side by the sides themselves', () => {
    const joint = EVENT_TYPES.filter((type) => EVENT_POLICY[type].jointly);
    expect(joint).toEqual(['ANSWER_PROPOSAL', 'STIPULATE_ARBITRATION', 'ACCEPT_AWARD', 'SIGN_AGREEMENT', 'SIGN_AGREEMENT_FOR_CLIENT']);
    for (const type of joint) {
      expect(EVENT_POLICY[type].actsFor).toBe('OWN_SIDE');
      expect(EVENT_POLICY[type].roles.every((role) => role === 'COUNSEL' || role === 'PARTY')).toBe(true);
    }
  });

  it.each<[string, Parameters<typeof viewerMaySend>[0], CaseEvent, boolean]>([
    ['a party signs for its own side', partyFor('a'), { type: 'SIGN_AGREEMENT', sideId: 'a', partyId: 'a', digest: 'd' }, true],
    ['a party signs only as themselves, not for another party of the side', partyFor('a', 'p1'), { type: 'SIGN_AGREEMENT', sideId: 'a', partyId: 'p2', digest: 'd' }, false],
    ['a party never signs for another side', partyFor('a'), { type: 'SIGN_AGREEMENT', sideId: 'b', partyId: 'b', digest: 'd' }, false],
    ['counsel does not sign as a party', counselFor('a'), { type: 'SIGN_AGREEMENT', sideId: 'a', partyId: 'a', digest: 'd' }, false],
    ['counsel signs for a client of their side as themselves', { roles: [{ role: 'COUNSEL', sideId: 'a', participantId: 'c1' }] }, { type: 'SIGN_AGREEMENT_FOR_CLIENT', sideId: 'a', partyId: 'a', signerId: 'c1', digest: 'd' }, true],
    ['counsel never signs in another counsel’s name', { roles: [{ role: 'COUNSEL', sideId: 'a', participantId: 'c1' }] }, { type: 'SIGN_AGREEMENT_FOR_CLIENT', sideId: 'a', partyId: 'a', signerId: 'c2', digest: 'd' }, false],
    ['nobody sends the api’s record of the text', viewers.mediator, { type: 'RECORD_AGREEMENT_TEXT', digest: 'd', complete: true }, false],
    ['counsel answers a proposal for its side', counselFor('a'), { type: 'ANSWER_PROPOSAL', sideId: 'a', answer: 'REJECT' }, true],
    ['counsel never answers for the other side', counselFor('a'), { type: 'ANSWER_PROPOSAL', sideId: 'b', answer: 'ACCEPT' }, false],
    ['the mediator does not answer a proposal', mediator, { type: 'ANSWER_PROPOSAL', sideId: 'a', answer: 'ACCEPT' }, false],
    ['counsel withdraws its own side', counselFor('b'), { type: 'WITHDRAW_SIDE', sideId: 'b' }, true],
    ['counsel never withdraws another side', counselFor('b'), { type: 'WITHDRAW_SIDE', sideId: 'a' }, false],
    ['a program administrator records what a court ordered', admin, { type: 'ORDER_ADR', process: 'MEDIATION' }, true],
    ['a program administrator never sees why it stalled', admin, { type: 'RECORD_STALL_REASON', reason: 'EMOTIONS' }, false],
    ['counsel names the owner of the next outreach', counselFor('a'), { type: 'ASSIGN_OUTREACH_OWNER', ownerId: 'x', touchpointDate: '2026-01-01' }, true],
    ['only the mediator issues a proposal', counselFor('a'), { type: 'ISSUE_MEDIATORS_PROPOSAL' }, false],
    ['no role, nothing', nobody, { type: 'SCHEDULE_MEDIATION' }, false],
  ])('%s', (_, viewer, event, expected) => {
    expect(viewerMaySend(viewer, event)).toBe(expected);
  });

  it('a side that withdrew no longer acts in the case, while the mediator still does', () => {
    const stored = run(newCase({ sides: [{ id: 'a', label: 'A' }, { id: 'b', label: 'B' }, { id: 'c', label: 'C' }] }), [
      { type: 'WITHDRAW_SIDE', sideId: 'c' },
    ]).persisted;
    const context = contextOf(stored);
    expect(activeGrants({ roles: [{ role: 'COUNSEL', sideId: 'c' }, { role: 'MEDIATOR' }] }, context)).toEqual({ roles: [{ role: 'MEDIATOR' }] });
    expect(viewerMaySend(counselFor('c'), { type: 'ADD_ISSUE', issueId: 'x', label: 'X' })).toBe(true);
    expect(viewerMaySend(counselFor('c'), { type: 'ADD_ISSUE', issueId: 'x', label: 'X' }, context)).toBe(false);
    expect(allowedEvents(stored, counselFor('c'))).toEqual([]);
    expect(allowedEvents(stored, counselFor('a'))).toContain('ADD_ISSUE');
  });
});
