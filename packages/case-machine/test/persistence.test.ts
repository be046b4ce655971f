import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from '@jest/globals';
import {
  MACHINE_VERSION,
  SNAPSHOT_MIGRATIONS,
  allowedEvents,
  createCase,
  describeState,
  enabledEvents,
  migrateSnapshot,
  restoreCase,
  step,
  type CaseStateView,
  type PersistedCase,
  type SnapshotMigration,
} from '../src/index.js';
import { contextOf, newCase, noAgreementThenAssessed, recordText, run, signaturesOf, TEXT, twoSides, viewers } from './support.js';

const here = dirname(fileURLToPath(import.meta.url));
const fixtures = join(here, 'fixtures');
const readJson = (path: string): PersistedCase => JSON.parse(readFileSync(path, 'utf8')) as PersistedCase;

describe('createCase', () => {
  it('starts in intake with litigation not filed, with the defaults the api relies on', () => {
    const { state, effects } = createCase({ sides: twoSides });
    expect(state).toEqual({ resolution: 'intake', litigation: 'notFiled', done: false });
    expect(effects).toEqual([]);
    const context = contextOf(newCase());
    expect(context.issues).toEqual([]);
    expect(context.courtOrdered).toBe(false);
    expect(context.arbitrationClause).toBe(false);
    expect(context.sides.map((side) => [side.id, side.status, side.partyIds])).toEqual([
      ['claimant', 'ACTIVE', ['claimant']],
      ['respondent', 'ACTIVE', ['respondent']],
    ]);
  });

  it('takes issues, parties, the court-ordered flag, an arbitration clause and a suit already filed', () => {
    const stored = newCase({
      sides: [
        { id: 'p', label: 'Plaintiff', parties: [{ id: 'p1' }, { id: 'p2' }] },
        { id: 'd', label: 'Defendant' },
      ],
      issues: [{ id: 'liability', label: 'Liability' }],
      courtOrdered: true,
      arbitrationClause: true,
      litigationPhase: 'motions',
    });
    const context = contextOf(stored);
    expect(context.sides[0]!.partyIds).toEqual(['p1', 'p2']);
    expect(context.issues).toEqual([{ id: 'liability', label: 'Liability', status: 'OPEN' }]);
    expect(context.courtOrdered).toBe(true);
    expect(context.arbitrationClause).toBe(true);
    expect(describeState(stored)).toEqual({ resolution: 'intake', litigation: 'motions', done: false });
  });

  it.each([
    [{ sides: [{ id: 'a', label: 'Alone' }] }, /at least two sides/],
    [{ sides: [{ id: 'a', label: 'A' }, { id: 'a', label: 'B' }] }, /duplicate side ids: a/],
    [{ sides: twoSides, issues: [{ id: 'x', label: 'X' }, { id: 'x', label: 'Y' }] }, /duplicate issue ids/],
    [{ sides: twoSides, litigationPhase: 'appeal' }, /litigationPhase must be one of/],
    [{ sides: [{ id: 'a', label: 'A', parties: [{ id: '' }] }, { id: 'b', label: 'B' }] }, /lists parties without ids/],
    [{ sides: twoSides, signingRule: 'ANYONE' }, /signingRule must be one of/],
  ])('refuses input it cannot build a case from (%#)', (input, message) => {
    expect(() => createCase(input as never)).toThrow(expect.objectContaining({ code: 'INVALID_INPUT', message: expect.stringMatching(message) }));
  });
});

describe('step', () => {
  it('survives a JSON round trip between steps, as the database stores it, through agreement to settled', () => {
    const scheduled = step(newCase(), { type: 'SCHEDULE_MEDIATION' });
    expect(scheduled.state).toEqual({ resolution: 'mediation.scheduled', litigation: 'notFiled', done: false });
    const settledInSession = run(scheduled.persisted, [{ type: 'START_SESSION' }, { type: 'RECORD_OUTCOME', outcome: 'SETTLED' }]);
    expect(settledInSession.state.resolution).toBe('agreement');
    const done = run(settledInSession.persisted, signaturesOf(twoSides));
    expect(done.state).toEqual({ resolution: 'resolved.settled', litigation: 'closed', done: true });
    expect(done.effects).toEqual([
      { type: 'AGREEMENT_BINDING', params: { agreementId: 'agreement-1' } },
      { type: 'CASE_CLOSED', params: { closedAs: 'SETTLED' } },
    ]);
  });

  it('rejects an event the current state does not accept, with a code', () => {
    expect(() => step(newCase(), { type: 'START_SESSION' })).toThrow(
      expect.objectContaining({ code: 'INVALID_TRANSITION', message: expect.stringContaining('START_SESSION is not possible while the case is in intake') }),
    );
  });

  it('names the rule that refused an event', () => {
    const impasse = run(newCase(), noAgreementThenAssessed.slice(0, 3)).persisted;
    expect(() => step(impasse, { type: 'START_NEGOTIATION' })).toThrow(
      expect.objectContaining({
        code: 'INVALID_TRANSITION',
        failedGuards: ['impasseAssessed'],
        message: expect.stringContaining('leaving impasse needs at least one stall reason and an owner of the next outreach'),
      }),
    );
  });

  it('rejects malformed events before looking at the case', () => {
    const stored = newCase();
    expect(() => step(stored, { type: 'NOPE' } as never)).toThrow(expect.objectContaining({ code: 'INVALID_EVENT' }));
    expect(() => step(stored, { type: 'RECORD_OUTCOME', outcome: 'MAYBE' } as never)).toThrow(
      expect.objectContaining({ code: 'INVALID_EVENT', message: expect.stringContaining('RECORD_OUTCOME.outcome must be one of SETTLED') }),
    );
    expect(() => step(stored, { type: 'SCHEDULE_MEDIATION', extra: 1 } as never)).toThrow(expect.objectContaining({ code: 'INVALID_EVENT' }));
    expect(() => step(stored, { type: 'ASSIGN_OUTREACH_OWNER', ownerId: 'x', touchpointDate: '2026-02-30' })).toThrow(
      expect.objectContaining({ code: 'INVALID_EVENT', message: expect.stringContaining('touchpointDate must be a date') }),
    );
  });

  it('refuses every event once the case is closed', () => {
    const withdrawn = step(newCase(), { type: 'WITHDRAW_SIDE', sideId: 'claimant' });
    expect(withdrawn.state).toEqual({ resolution: 'resolved.withdrawn', litigation: 'closed', done: true });
    expect(() => step(withdrawn.persisted, { type: 'WITHDRAW_SIDE', sideId: 'respondent' })).toThrow(
      expect.objectContaining({ code: 'INVALID_TRANSITION', message: expect.stringContaining('the case is closed') }),
    );
    expect(enabledEvents(withdrawn.persisted)).toEqual([]);
  });

  it('names effects for the api to perform after commit, and only those', () => {
    const courtCase = newCase({ courtOrdered: true, litigationPhase: 'pleadings' });
    const outcome = run(courtCase, [{ type: 'SCHEDULE_MEDIATION' }, { type: 'START_SESSION' }, { type: 'RECORD_OUTCOME', outcome: 'NO_AGREEMENT' }]);
    expect(outcome.effects).toEqual([{ type: 'MEDIATOR_REPORT_DUE', params: { result: 'NOT_SETTLED', process: 'MEDIATION' } }, { type: 'IMPASSE_OPENED' }]);
    const voluntary = run(newCase(), [{ type: 'SCHEDULE_MEDIATION' }, { type: 'START_SESSION' }, { type: 'RECORD_OUTCOME', outcome: 'NO_AGREEMENT' }]);
    expect(voluntary.effects).toEqual([{ type: 'IMPASSE_OPENED' }]);
    const owner = step(voluntary.persisted, { type: 'ASSIGN_OUTREACH_OWNER', ownerId: 'counsel-1', touchpointDate: '2026-02-01' });
    expect(owner.effects).toEqual([{ type: 'OUTREACH_SCHEDULED', params: { ownerId: 'counsel-1', touchpointDate: '2026-02-01' } }]);
    const notHeld = run(newCase({ courtOrdered: true }), [{ type: 'SCHEDULE_MEDIATION' }, { type: 'RECORD_SESSION_NOT_HELD', reason: 'NO_RESPONSE' }]);
    expect(notHeld.effects).toEqual([{ type: 'MEDIATOR_REPORT_DUE', params: { result: 'NOT_HELD', process: 'MEDIATION' } }]);
    expect(contextOf(notHeld.persisted).sessionNotHeldReason).toBe('NO_RESPONSE');
  });

  describe('the report to the court after a session of any kind in a court-ordered case', () => {
    const issues = [
      { id: 'i1', label: 'Price' },
      { id: 'i2', label: 'Delivery' },
    ];
    const outcomes = [
      [{ outcome: 'SETTLED', agreedIssueIds: ['i1', 'i2'] }, 'SETTLED'],
      [{ outcome: 'PARTIAL_AGREEMENT', agreedIssueIds: ['i1'] }, 'SETTLED_IN_PART'],
      [{ outcome: 'NO_AGREEMENT' }, 'NOT_SETTLED'],
    ] as const;
    const byOrder = { SETTLEMENT_CONFERENCE: 'SETTLEMENT_CONFERENCE', EARLY_NEUTRAL_EVALUATION: 'EARLY_NEUTRAL_EVALUATION' } as const;

    it.each(Object.keys(byOrder).flatMap((process) => outcomes.map(([event, result]) => [process, event.outcome, event, result] as const)))(
      'a court-ordered %s ending %s names its process and result',
      (process, _label, outcome, result) => {
        const ordered = run(newCase({ issues, litigationPhase: 'discovery' }), [{ type: 'ORDER_ADR', process: process as keyof typeof byOrder }]);
        const ended = step(ordered.persisted, { type: 'RECORD_ADR_OUTCOME', ...outcome });
        expect(ended.effects.filter((e) => e.type === 'MEDIATOR_REPORT_DUE')).toEqual([{ type: 'MEDIATOR_REPORT_DUE', params: { result, process } }]);
      },
    );

    it('reports a settlement conference or evaluation the sides chose after a court-ordered mediation failed (the flag stays set)', () => {
      const impasse = run(newCase({ courtOrdered: true }), noAgreementThenAssessed);
      const conference = run(impasse.persisted, [{ type: 'SCHEDULE_SETTLEMENT_CONFERENCE' }, { type: 'RECORD_ADR_OUTCOME', outcome: 'NO_AGREEMENT' }]);
      expect(conference.effects).toContainEqual({ type: 'MEDIATOR_REPORT_DUE', params: { result: 'NOT_SETTLED', process: 'SETTLEMENT_CONFERENCE' } });
      const evaluation = run(conference.persisted, [
        { type: 'RECORD_STALL_REASON', reason: 'TIMING' },
        { type: 'ASSIGN_OUTREACH_OWNER', ownerId: 'counsel-1', touchpointDate: '2026-03-01' },
        { type: 'SCHEDULE_EARLY_NEUTRAL_EVALUATION' },
        { type: 'RECORD_ADR_OUTCOME', outcome: 'NO_AGREEMENT' },
      ]);
      expect(evaluation.effects).toContainEqual({ type: 'MEDIATOR_REPORT_DUE', params: { result: 'NOT_SETTLED', process: 'EARLY_NEUTRAL_EVALUATION' } });
    });

    it('reports nothing for the sessions of a case no court referred or ordered', () => {
      const impasse = run(newCase(), noAgreementThenAssessed);
      for (const path of ['SCHEDULE_SETTLEMENT_CONFERENCE', 'SCHEDULE_EARLY_NEUTRAL_EVALUATION'] as const) {
        const ended = run(impasse.persisted, [{ type: path }, { type: 'RECORD_ADR_OUTCOME', outcome: 'NO_AGREEMENT' }]);
        expect(ended.effects.map((e) => e.type)).not.toContain('MEDIATOR_REPORT_DUE');
      }
    });

    it('reports the settlement conference a court orders in a case the sides brought voluntarily', () => {
      const impasse = run(newCase({ litigationPhase: 'pleadings' }), noAgreementThenAssessed);
      const ordered = run(impasse.persisted, [{ type: 'ORDER_ADR', process: 'SETTLEMENT_CONFERENCE' }, { type: 'RECORD_ADR_OUTCOME', outcome: 'NO_AGREEMENT' }]);
      expect(ordered.effects).toContainEqual({ type: 'MEDIATOR_REPORT_DUE', params: { result: 'NOT_SETTLED', process: 'SETTLEMENT_CONFERENCE' } });
    });
  });
});

describe('restoring stored snapshots', () => {
  const expected: Record<string, CaseStateView> = {
    'v1-mediation-scheduled.json': { resolution: 'mediation.scheduled', litigation: 'notFiled', done: false },
    'v1-impasse-partial-agreement-stayed.json': { resolution: 'impasse', litigation: 'stayed', done: false },
    'v2-agreement-signed-in-part.json': { resolution: 'agreement', litigation: 'notFiled', done: false },
  };

  it.each(readdirSync(fixtures))('restores the released fixture %s and keeps working from it', (file) => {
    const stored = readJson(join(fixtures, file));
    expect(expected[file]).toBeDefined();
    expect(describeState(stored)).toEqual(expected[file]);
    expect(enabledEvents(stored).length).toBeGreaterThan(0);
  });

  it('keeps a fixture of every released machine version', () => {
    const versions = new Set(readdirSync(fixtures).map((file) => readJson(join(fixtures, file)).machineVersion));
    for (let version = 1; version <= MACHINE_VERSION; version += 1) expect(versions.has(version)).toBe(true);
  });

  it('continues a restored fixture: the stayed partial-agreement case lifts its stay back into discovery', () => {
    const stored = readJson(join(fixtures, 'v1-impasse-partial-agreement-stayed.json'));
    const lifted = step(stored, { type: 'LIFT_STAY' });
    expect(lifted.state.litigation).toBe('discovery');
    // A version 1 signature named no text: it binds nothing now, so everyone signs the recorded text.
    expect(contextOf(lifted.persisted).agreements[0]!.signatures).toEqual([]);
    const parties = contextOf(lifted.persisted).sides.flatMap((side) => side.partyIds.map((partyId) => ({ sideId: side.id, partyId })));
    const signed = run(lifted.persisted, [recordText(), ...parties.map((p) => ({ type: 'SIGN_AGREEMENT' as const, ...p, digest: TEXT }))]);
    expect(contextOf(signed.persisted).agreements[0]!.status).toBe('BINDING');
    expect(signed.state.resolution).toBe('impasse');
  });

  it('continues the version 2 fixture: the last party signs the recorded text and the case settles', () => {
    const stored = readJson(join(fixtures, 'v2-agreement-signed-in-part.json'));
    const done = step(stored, { type: 'SIGN_AGREEMENT', sideId: 'respondent', partyId: 'r2', digest: 'a3f1c0de' });
    expect(done.state.resolution).toBe('resolved.settled');
  });

  it('applies a migration from an older version when restoring (synthetic version 0, test only)', () => {
    const v0 = readJson(join(here, 'synthetic', 'v0-prototype-mediation-scheduled.json'));
    expect(() => restoreCase(v0)).toThrow(expect.objectContaining({ code: 'SNAPSHOT_UNKNOWN_VERSION' }));
    const calls: number[] = [];
    const fromPrototype: SnapshotMigration = (snapshot) => {
      calls.push(0);
      const context = snapshot.context as { sides: { id: string; label: string }[] };
      return {
        ...snapshot,
        context: {
          ...createCase({ sides: context.sides }).persisted.snapshot.context as object,
          sides: context.sides.map((side) => ({ ...side, status: 'ACTIVE', partyIds: [side.id] })),
        },
      };
    };
    const restored = restoreCase(v0, { migrations: { ...SNAPSHOT_MIGRATIONS, 0: fromPrototype } });
    expect(calls).toEqual([0]);
    expect(restored.value).toEqual({ resolution: { mediation: 'scheduled' }, litigation: 'notFiled' });
    expect(restored.context.sides.map((side) => side.status)).toEqual(['ACTIVE', 'ACTIVE']);
  });

  it('chains migrations one version at a time', () => {
    const order: string[] = [];
    const migrations: Record<number, SnapshotMigration> = {
      [MACHINE_VERSION - 2]: (s) => (order.push('a'), { ...s, a: true }),
      [MACHINE_VERSION - 1]: (s) => (order.push('b'), { ...s, b: true }),
    };
    expect(migrateSnapshot({ machineVersion: MACHINE_VERSION - 2, snapshot: {} }, migrations)).toEqual({ a: true, b: true });
    expect(order).toEqual(['a', 'b']);
    expect(migrateSnapshot({ machineVersion: MACHINE_VERSION, snapshot: { c: 1 } }, migrations)).toEqual({ c: 1 });
  });

  it('rejects unknown machine versions and corrupted snapshots', () => {
    const good = newCase();
    const withSnapshot = (patch: Record<string, unknown>) => ({ ...good, snapshot: { ...good.snapshot, ...patch } });
    expect(() => restoreCase({ machineVersion: 99, snapshot: {} })).toThrow(expect.objectContaining({ code: 'SNAPSHOT_UNKNOWN_VERSION' }));
    expect(() => restoreCase({ machineVersion: 1, snapshot: { value: { resolution: 'nowhere' } } })).toThrow(
      expect.objectContaining({ code: 'SNAPSHOT_CORRUPTED' }),
    );
    expect(() => restoreCase('not json')).toThrow(expect.objectContaining({ code: 'SNAPSHOT_CORRUPTED' }));
    expect(() => restoreCase(withSnapshot({ value: { resolution: 'nowhere', litigation: 'notFiled' } }))).toThrow(
      expect.objectContaining({ code: 'SNAPSHOT_CORRUPTED', message: expect.stringContaining('unknown state') }),
    );
    expect(() => restoreCase(withSnapshot({ context: { sides: [] } }))).toThrow(
      expect.objectContaining({ code: 'SNAPSHOT_CORRUPTED', message: expect.stringContaining('context') }),
    );
    expect(() => restoreCase(withSnapshot({ value: { resolution: 'intake', litigation: 'trial' } }))).toThrow(
      expect.objectContaining({ code: 'SNAPSHOT_CORRUPTED', message: expect.stringContaining('litigation') }),
    );
    expect(() => restoreCase(withSnapshot({ status: 'error' }))).toThrow(expect.objectContaining({ code: 'SNAPSHOT_CORRUPTED' }));
    expect(() => restoreCase(withSnapshot({ status: 'done' }))).toThrow(expect.objectContaining({ code: 'SNAPSHOT_CORRUPTED' }));
    const closedContext = { ...(good.snapshot.context as object), closedAs: 'SETTLED' };
    expect(() => restoreCase(withSnapshot({ context: closedContext }))).toThrow(
      expect.objectContaining({ code: 'SNAPSHOT_CORRUPTED', message: expect.stringContaining('closedAs') }),
    );
  });
});

describe('allowedEvents', () => {
  it('lists what the machine enables and the role may send', () => {
    const stored = newCase();
    expect(allowedEvents(stored, viewers.mediator)).toEqual(['SCHEDULE_MEDIATION', 'RECORD_SESSION_NOT_HELD', 'ADD_ISSUE', 'RECORD_ARBITRATION_CLAUSE']);
    expect(allowedEvents(stored, viewers.admin)).toEqual(['SCHEDULE_MEDIATION', 'RECORD_SESSION_NOT_HELD']);
    expect(allowedEvents(stored, viewers.counselFor('claimant'))).toEqual([
      'ADD_ISSUE',
      'RECORD_ARBITRATION_CLAUSE',
      'STIPULATE_ARBITRATION',
      'WITHDRAW_SIDE',
      'FILE_SUIT',
    ]);
    expect(allowedEvents(stored, viewers.nobody)).toEqual([]);
  });

  it('offers a side-scoped event only while that side still has it to do', () => {
    const stipulated = step(newCase(), { type: 'STIPULATE_ARBITRATION', sideId: 'claimant' }).persisted;
    expect(allowedEvents(stipulated, viewers.counselFor('claimant'))).not.toContain('STIPULATE_ARBITRATION');
    expect(allowedEvents(stipulated, viewers.counselFor('respondent'))).toContain('STIPULATE_ARBITRATION');
  });
});
