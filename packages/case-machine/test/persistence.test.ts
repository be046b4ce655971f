import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from '@jest/globals';
import { allowedEvents, createCase, describeState, restoreCase, step, type CaseViewer } from '../src/index.js';

const sides = [
  { id: 'a', label: 'Claimant' },
  { id: 'b', label: 'Respondent' },
];
const mediator: CaseViewer = { roles: [{ role: 'MEDIATOR' }] };
const counsel: CaseViewer = { roles: [{ role: 'COUNSEL', sideId: 'a' }] };
const fixtures = join(dirname(fileURLToPath(import.meta.url)), 'fixtures');

describe('persisted case snapshots', () => {
  it('starts in intake with litigation not filed', () => {
    const { state } = createCase({ sides });
    expect(state).toEqual({ resolution: 'intake', litigation: 'notFiled', done: false });
  });

  it('survives a JSON round trip between steps, as the database stores it', () => {
    let stored: unknown = JSON.parse(JSON.stringify(createCase({ sides }).persisted));
    for (const event of [{ type: 'SCHEDULE_MEDIATION' }, { type: 'START_SESSION' }] as const) {
      stored = JSON.parse(JSON.stringify(step(stored, event).persisted));
    }
    const settled = step(stored, { type: 'RECORD_OUTCOME', outcome: 'SETTLED' });
    expect(settled.state.resolution).toBe('resolved.settled');
    expect(settled.state.done).toBe(true);
  });

  it('rejects an event the current state does not accept, with a code', () => {
    const { persisted } = createCase({ sides });
    expect(() => step(persisted, { type: 'START_SESSION' })).toThrow(
      expect.objectContaining({ code: 'INVALID_TRANSITION' }),
    );
  });

  it('rejects unknown machine versions and corrupted snapshots', () => {
    expect(() => restoreCase({ machineVersion: 99, snapshot: {} })).toThrow(
      expect.objectContaining({ code: 'SNAPSHOT_UNKNOWN_VERSION' }),
    );
    expect(() => restoreCase({ machineVersion: 1, snapshot: { value: { resolution: 'nowhere' } } })).toThrow(
      expect.objectContaining({ code: 'SNAPSHOT_CORRUPTED' }),
    );
    expect(() => restoreCase('not json')).toThrow(expect.objectContaining({ code: 'SNAPSHOT_CORRUPTED' }));
  });

  it.each(readdirSync(fixtures))('restores the released fixture %s', (file) => {
    const stored = JSON.parse(readFileSync(join(fixtures, file), 'utf8'));
    expect(describeState(stored).resolution).toBeTruthy();
  });
});

describe('allowedEvents', () => {
  it('lists what the machine enables and the role may send', () => {
    const { persisted } = createCase({ sides });
    expect(allowedEvents(persisted, mediator)).toEqual(['SCHEDULE_MEDIATION']);
    expect(allowedEvents(persisted, counsel)).toEqual([]);
  });
});
