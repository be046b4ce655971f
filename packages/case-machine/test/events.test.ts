import { describe, expect, it } from '@jest/globals';
import {
  EVENT_CATALOGUE,
  EVENT_POLICY,
  EVENT_TYPES,
  EVENTS,
  candidateEvents,
  eventShapeProblems,
  isCaseEvent,
  isIsoDate,
} from '../src/index.js';
import { contextOf, newCase } from './support.js';

describe('the event catalogue', () => {
  it('describes every event, and every payload field the events carry', () => {
    expect(Object.keys(EVENT_CATALOGUE)).toEqual(EVENT_TYPES);
    expect(EVENT_TYPES).toEqual(Object.values(EVENTS));
    const context = contextOf(
      newCase({
        issues: [
          { id: 'i1', label: 'I1' },
          { id: 'i2', label: 'I2' },
        ],
      }),
    );
    const withPending = { ...context, agreements: [{ id: 'agreement-1', issueIds: [], status: 'DRAFT' as const, signatures: [], text: null }] };
    const samples = candidateEvents(withPending);
    for (const type of EVENT_TYPES) {
      const ofType = samples.filter((event) => event.type === type);
      expect({ type, samples: ofType.length > 0 }).toEqual({ type, samples: true });
      for (const event of ofType) {
        expect(eventShapeProblems(event)).toEqual([]);
        const names = EVENT_CATALOGUE[type].payload.map((field) => field.name);
        for (const key of Object.keys(event)) if (key !== 'type') expect(names).toContain(key);
      }
    }
  });

  it('lists enum values and marks optional fields, so the api can generate typed inputs', () => {
    expect(EVENT_CATALOGUE.RECORD_OUTCOME.payload).toEqual([
      expect.objectContaining({ name: 'outcome', kind: 'ENUM', values: ['SETTLED', 'PARTIAL_AGREEMENT', 'NO_AGREEMENT'], required: true }),
      expect.objectContaining({ name: 'agreedIssueIds', kind: 'STRING_LIST', required: false }),
    ]);
    expect(EVENT_CATALOGUE.SCHEDULE_MEDIATION.payload).toEqual([]);
    expect(EVENT_CATALOGUE.START_SESSION.payload).toEqual([]);
    expect(EVENT_CATALOGUE.ASSIGN_OUTREACH_OWNER.payload.map((f) => [f.name, f.kind])).toEqual([
      ['ownerId', 'STRING'],
      ['touchpointDate', 'DATE'],
    ]);
  });

  it('every event that acts for a side carries the side', () => {
    for (const type of EVENT_TYPES) {
      const carriesSide = EVENT_CATALOGUE[type].payload.some((field) => field.name === 'sideId');
      expect({ type, carriesSide }).toEqual({ type, carriesSide: EVENT_POLICY[type].actsFor === 'OWN_SIDE' });
    }
  });

  it('marks the sealed proposal answer and keeps confidential payloads from the program administrator', () => {
    expect(EVENT_TYPES.filter((type) => EVENT_CATALOGUE[type].sealed)).toEqual(['ANSWER_PROPOSAL']);
    for (const type of EVENT_TYPES.filter((t) => EVENT_CATALOGUE[t].confidential)) {
      expect({ type, admin: EVENT_POLICY[type].roles.includes('PROGRAM_ADMIN') }).toEqual({ type, admin: false });
    }
  });
});

describe('event shape checks', () => {
  it.each([
    [{ type: 'SCHEDULE_MEDIATION' }, []],
    [{ type: 'RECORD_OUTCOME', outcome: 'SETTLED', agreedIssueIds: ['a'] }, []],
    [null, ['the event must be an object']],
    [{ type: 'FLY' }, ['unknown event type "FLY"']],
    [{ type: 'RECORD_OUTCOME' }, ['RECORD_OUTCOME.outcome is required']],
    [{ type: 'RECORD_OUTCOME', outcome: 'SETTLED', agreedIssueIds: [''] }, ['RECORD_OUTCOME.agreedIssueIds must be a list of non-empty strings']],
    [{ type: 'START_ARBITRATION', binding: 'yes' }, ['START_ARBITRATION.binding must be true or false']],
    [{ type: 'WITHDRAW_SIDE', sideId: 's', reason: 'x' }, ['WITHDRAW_SIDE has no field reason']],
    [{ type: 'ADD_ISSUE', issueId: 'i', label: 'x'.repeat(201) }, ['ADD_ISSUE.label must be at most 200 characters']],
    [{ type: 'ADD_ISSUE', issueId: 'i', label: '🙂'.repeat(200) }, []],
    [{ type: 'ADD_ISSUE', issueId: 'i', label: 'a\u0000b' }, ['ADD_ISSUE.label must not contain NUL, bidirectional control or lone surrogate characters']],
    [{ type: 'ADD_ISSUE', issueId: 'i', label: 'pay \u202Eevig' }, ['ADD_ISSUE.label must not contain NUL, bidirectional control or lone surrogate characters']],
    [{ type: 'ADD_ISSUE', issueId: 'i', label: 'half \uD83D' }, ['ADD_ISSUE.label must not contain NUL, bidirectional control or lone surrogate characters']],
    [{ type: 'WITHDRAW_SIDE', sideId: 's'.repeat(201) }, ['WITHDRAW_SIDE.sideId must be at most 200 characters']],
    [{ type: 'AGREE_ISSUES', issueIds: ['ok', 'x\u2066'] }, ['AGREE_ISSUES.issueIds items must not contain NUL, bidirectional control or lone surrogate characters']],
    [{ type: 'ASSIGN_OUTREACH_OWNER', ownerId: 'o', touchpointDate: '2026-02-31' }, ['ASSIGN_OUTREACH_OWNER.touchpointDate must be a date written YYYY-MM-DD']],
  ])('%j → %j', (event, problems) => {
    expect(eventShapeProblems(event)).toEqual(problems);
    expect(isCaseEvent(event)).toBe(problems.length === 0);
  });

  it('knows a calendar date', () => {
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2023-02-29')).toBe(false);
    expect(isIsoDate('2026-1-5')).toBe(false);
    expect(isIsoDate(20260105)).toBe(false);
  });
});
