import { describe, expect, it } from '@jest/globals';
import { AdmissionGate, isPoolTimeout, type Release } from './admission.js';

describe('AdmissionGate', () => {
  it('admits up to its limit, queues up to its queue, refuses the rest at once, and hands places on in order', async () => {
    const gate = new AdmissionGate(2, 1, 60_000);
    const a = gate.enter() as Release;
    const b = gate.enter() as Release;
    expect(typeof a).toBe('function');
    expect(typeof b).toBe('function');
    const queued = gate.enter();
    expect(queued).toBeInstanceOf(Promise);
    expect(gate.enter()).toBeNull();
    expect(gate.load).toEqual({ running: 2, waiting: 1 });
    a();
    a(); // twice is once
    const c = (await queued) as Release;
    expect(typeof c).toBe('function');
    expect(gate.load).toEqual({ running: 2, waiting: 0 });
    b();
    c();
    expect(gate.load).toEqual({ running: 0, waiting: 0 });
  });

  it('refuses a queued request whose wait ran out, and forgets it', async () => {
    const gate = new AdmissionGate(1, 1, 20);
    const a = gate.enter() as Release;
    expect(await gate.enter()).toBeNull();
    expect(gate.load).toEqual({ running: 1, waiting: 0 });
    a();
    expect(gate.load).toEqual({ running: 0, waiting: 0 });
  });
});

describe('isPoolTimeout', () => {
  it("knows pg-pool's timeouts, also wrapped, and nothing else", () => {
    expect(isPoolTimeout(new Error('timeout exceeded when trying to connect'))).toBe(true);
    expect(isPoolTimeout({ originalError: new Error('Connection terminated due to connection timeout') })).toBe(true);
    expect(isPoolTimeout(new Error('relation "x" does not exist'))).toBe(false);
    expect(isPoolTimeout(undefined)).toBe(false);
  });
});
