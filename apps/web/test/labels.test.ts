import { describe, expect, it } from '@jest/globals';
import { eventInputField, eventLabel, eventSending } from '../src/modules/cases/lib/events';
import { regionLabel, stateLabel } from '../src/modules/statechart/lib/labels';
import { disputeTypeLabel, enumLabel, roleLabel } from '../src/modules/ui/lib/format';

describe('stateLabel', () => {
  it.each([
    ['mediation.scheduled', 'Mediation · scheduled'],
    ['mediation.inSession', 'Mediation · in session'],
    ['intake', 'Intake'],
    ['notFiled', 'Not filed'],
    ['trialPrep', 'Trial prep'],
    ['resolved.settled', 'Resolved · settled'],
    ['adr.earlyNeutralEvaluation', 'ADR · early neutral evaluation'],
    ['adr.mediatorsProposal', 'ADR · mediator’s proposal'],
  ])('%s → %s', (path, label) => {
    expect(stateLabel(path)).toBe(label);
  });

  it('labels a state it has never heard of', () => {
    expect(stateLabel('someNewStage.waitingOnCourt')).toBe('Some new stage · waiting on court');
  });

  it('names regions', () => {
    expect(regionLabel('litigation')).toBe('Litigation');
  });
});

describe('eventLabel', () => {
  it.each([
    ['SCHEDULE_MEDIATION', 'Schedule mediation'],
    ['START_SESSION', 'Start session'],
    ['RECORD_OUTCOME', 'Record outcome'],
    ['ORDER_ADR', 'Order ADR'],
    ['ISSUE_MEDIATORS_PROPOSAL', 'Issue mediator’s proposal'],
    ['SOME_EVENT_FROM_THE_FUTURE', 'Some event from the future'],
  ])('%s → %s', (event, label) => {
    expect(eventLabel(event)).toBe(label);
  });
});

describe('enum labels', () => {
  it('reads dispute types and roles as words', () => {
    expect(disputeTypeLabel('PERSONAL_INJURY')).toBe('Personal injury');
    expect(disputeTypeLabel('FAMILY')).toBe('Family');
    expect(roleLabel('PROGRAM_ADMIN')).toBe('Program admin');
    expect(enumLabel('PARTIAL_AGREEMENT')).toBe('Partial agreement');
  });
});

describe('eventSending (read from the schema)', () => {
  it('finds the CaseEventInput field of an event', () => {
    expect(eventInputField('SCHEDULE_MEDIATION')).toBe('scheduleMediation');
    expect(eventInputField('START_SESSION')).toBe('startSession');
    expect(eventInputField('RECORD_OUTCOME')).toBe('recordOutcome');
  });

  it('sends a Boolean field as true', () => {
    expect(eventSending('SCHEDULE_MEDIATION')).toEqual({ kind: 'direct', input: { scheduleMediation: true } });
    expect(eventSending('START_SESSION')).toEqual({ kind: 'direct', input: { startSession: true } });
  });

  it('asks for the payload of RECORD_OUTCOME, with the schema’s fields', () => {
    const how = eventSending('RECORD_OUTCOME');
    expect(how.kind).toBe('payload');
    expect(how.kind === 'payload' && how.field).toBe('recordOutcome');
    expect(how.kind === 'payload' && how.inputType).toBe('RecordOutcomeInput');
    expect(how.kind === 'payload' && how.fields.map((f) => [f.name, f.kind, f.required])).toEqual([
      ['agreedIssueIds', 'STRING_LIST', false],
      ['outcome', 'ENUM', true],
    ]);
  });

  it('asks for the payload of every event the schema types with an input', () => {
    expect(eventSending('WITHDRAW_SIDE').kind).toBe('payload');
    expect(eventSending('ASSIGN_OUTREACH_OWNER').kind).toBe('payload');
  });

  it('never guesses how to send an event the schema does not know', () => {
    const how = eventSending('SOME_EVENT_FROM_THE_FUTURE');
    expect(how.kind).toBe('unavailable');
    expect(how.kind === 'unavailable' && how.reason).toMatch(/not available yet/i);
  });
});
