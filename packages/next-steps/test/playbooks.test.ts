import { describe, expect, it } from '@jest/globals';
import { DISPUTE_TYPES, PATHS, PLAYBOOK_ITEM_KINDS, PLAYBOOKS, playbookFor, playbookItem, playbookProgress, type DisputeType, type PathId } from '../src/index.js';

const ids = (disputeType: DisputeType, path: PathId) => playbookFor(disputeType, path).map((item) => item.id);

describe('playbooks', () => {
  it('give every item a stable, unique id and a label', () => {
    const all = PLAYBOOKS.flatMap((playbook) => playbook.items);
    expect(new Set(all.map((item) => item.id)).size).toBe(all.length);
    for (const item of all) {
      expect(item.id).toMatch(/^[a-z]+\.[a-z-]+$/);
      expect(item.label.length).toBeGreaterThan(10);
    }
  });

  it.each([
    ['FAMILY', 'NEGOTIATE', ['family.temporary-orders', 'family.financial-disclosure', 'family.evaluations']],
    ['FAMILY', 'SETTLEMENT_CONFERENCE', ['family.temporary-orders', 'family.financial-disclosure', 'family.evaluations', 'family.settlement-conference']],
    [
      'FAMILY',
      'REMEDIATE_SAME',
      [
        'family.temporary-orders',
        'family.financial-disclosure',
        'family.evaluations',
        'remediation.pre-mediation-calls',
        'remediation.tighter-agenda',
        'remediation.staged-issues',
        'remediation.authority-confirmed',
      ],
    ],
    ['PERSONAL_INJURY', 'EARLY_NEUTRAL_EVALUATION', ['pi.medical-records', 'pi.expert-opinions', 'pi.depositions']],
    ['PERSONAL_INJURY', 'LITIGATION', ['pi.medical-records', 'pi.expert-opinions', 'pi.depositions', 'pi.motions-in-limine']],
    ['BUSINESS', 'NEGOTIATE', ['business.payment-schedule', 'business.non-disparagement', 'business.transition-services', 'business.operating-agreement']],
    ['BUSINESS', 'ARBITRATION', []],
    ['CONTRACT', 'REMEDIATE_NEW', ['remediation.pre-mediation-calls', 'remediation.tighter-agenda', 'remediation.staged-issues', 'remediation.authority-confirmed']],
    ['OTHER_CIVIL', 'LITIGATION', []],
  ] as [DisputeType, PathId, string[]][])('%s taking %s', (disputeType, path, expected) => {
    expect(ids(disputeType, path)).toEqual(expected);
  });

  it('re-mediation prep applies to every dispute type, and only to re-mediation', () => {
    for (const type of DISPUTE_TYPES) {
      for (const path of PATHS) {
        expect(ids(type, path).includes('remediation.authority-confirmed')).toBe(path === 'REMEDIATE_SAME' || path === 'REMEDIATE_NEW');
      }
    }
  });

  it('say of every item whether it is the neutral process or a side’s strategy', () => {
    const all = PLAYBOOKS.flatMap((playbook) => playbook.items);
    for (const item of all) expect(PLAYBOOK_ITEM_KINDS).toContain(item.kind);
    // A side's litigation playbook is that side's; only the re-mediation setup is the shared process.
    expect(playbookItem('pi.medical-records')?.kind).toBe('STRATEGY');
    expect(playbookItem('family.temporary-orders')?.kind).toBe('STRATEGY');
    expect(playbookItem('business.payment-schedule')?.kind).toBe('STRATEGY');
    expect(all.filter((item) => item.kind === 'PROCESS').map((item) => item.id)).toEqual([
      'remediation.pre-mediation-calls',
      'remediation.tighter-agenda',
      'remediation.staged-issues',
      'remediation.authority-confirmed',
    ]);
    expect(playbookItem('no.such-item')).toBeUndefined();
  });

  it('list an item once even when two playbooks carry it', () => {
    const item = { id: 'shared.item', label: 'A step two playbooks share', kind: 'PROCESS' as const };
    const playbooks = [
      { id: 'one', title: 'One', disputeTypes: 'ANY' as const, paths: 'ANY' as const, items: [item] },
      { id: 'two', title: 'Two', disputeTypes: ['FAMILY' as const], paths: 'ANY' as const, items: [item, { id: 'two.other', label: 'Another step', kind: 'PROCESS' as const }] },
    ];
    expect(playbookFor('FAMILY', 'NEGOTIATE', playbooks).map((i) => i.id)).toEqual(['shared.item', 'two.other']);
  });

  it('reject an unknown path', () => {
    expect(() => playbookFor('FAMILY', 'PRAY' as PathId)).toThrow(RangeError);
  });
});

describe('playbookProgress', () => {
  const items = playbookFor('PERSONAL_INJURY', 'LITIGATION');

  it('counts done items and lists the rest in order', () => {
    expect(playbookProgress(items, ['pi.expert-opinions', 'pi.medical-records'])).toEqual({
      done: 2,
      total: 4,
      remaining: [
        { id: 'pi.depositions', label: 'Take the depositions that decide liability and damages', kind: 'STRATEGY' },
        { id: 'pi.motions-in-limine', label: 'Prepare motions in limine on what evidence comes in at trial', kind: 'STRATEGY' },
      ],
    });
  });

  it('ignores ids of other checklists and repeated ids', () => {
    expect(playbookProgress(items, new Set(['family.temporary-orders']))).toMatchObject({ done: 0, total: 4 });
    expect(playbookProgress(items, ['pi.depositions', 'pi.depositions'])).toMatchObject({ done: 1, total: 4 });
  });

  it('is complete when every item is done, and empty for an empty checklist', () => {
    expect(playbookProgress(items, items.map((item) => item.id))).toEqual({ done: 4, total: 4, remaining: [] });
    expect(playbookProgress([], ['x'])).toEqual({ done: 0, total: 0, remaining: [] });
  });
});
