import { describe, expect, it } from '@jest/globals';
import { deliveries, RESYNC, SignalFeed, unwrap, type CaseSignal } from './change-feed.js';

const changed = (caseId: string): CaseSignal => ({ kind: 'changed', caseId });

describe('SignalFeed', () => {
  it('hands out signals in the order they last arrived, one per case', async () => {
    const feed = new SignalFeed();
    feed.push(changed('a'));
    feed.push(changed('b'));
    feed.push(changed('a'));
    expect((await feed.next()).value).toEqual(changed('b'));
    expect((await feed.next()).value).toEqual(changed('a'));
  });

  it('wakes a waiting reader, and ends it at once when closed', async () => {
    const feed = new SignalFeed();
    const waiting = feed.next();
    feed.push(changed('a'));
    expect(await waiting).toEqual({ value: changed('a'), done: false });
    const idle = feed.next();
    await feed.return();
    expect(await idle).toEqual({ value: undefined, done: true });
    feed.push(changed('b'));
    expect(await feed.next()).toEqual({ value: undefined, done: true });
  });

  it('collapses into one resync when a slow reader falls too far behind, or on resync', async () => {
    const feed = new SignalFeed(undefined, 3);
    for (const id of ['a', 'b', 'c', 'd']) feed.push(changed(id));
    expect((await feed.next()).value).toBe(RESYNC);
    const pending = feed.next();
    const later = new SignalFeed();
    later.push(changed('x'));
    later.push(RESYNC);
    later.push(changed('y'));
    expect((await later.next()).value).toBe(RESYNC);
    expect(await Promise.race([later.next(), Promise.resolve('nothing pending')])).toBe('nothing pending');
    feed.close();
    expect((await pending).done).toBe(true);
  });

  it('tells its owner once when it closes', () => {
    let closes = 0;
    const feed = new SignalFeed(() => (closes += 1));
    feed.close();
    feed.close();
    void feed.return();
    expect(closes).toBe(1);
  });
});

describe('deliveries', () => {
  it('delivers the first payload, then one per signal, skipping what step declines', async () => {
    const feed = new SignalFeed();
    const stream = deliveries<string>(feed, async (s) => (s.kind === 'changed' && s.caseId === 'hidden' ? null : { payload: JSON.stringify(s) }), {
      payload: 'first',
    });
    feed.push(changed('hidden'));
    feed.push(changed('shown'));
    expect(unwrap((await stream.next()).value!)).toBe('first');
    expect(unwrap((await stream.next()).value!)).toBe(JSON.stringify(changed('shown')));
  });

  it('delivers a thrown error instead of throwing, and ends after a last delivery', async () => {
    const feed = new SignalFeed();
    let calls = 0;
    const stream = deliveries<string>(feed, async () => {
      calls += 1;
      if (calls === 1) throw new Error('database hiccup');
      return { error: new Error('gone'), last: true };
    });
    feed.push(changed('a'));
    const first = (await stream.next()).value!;
    expect(() => unwrap(first)).toThrow('database hiccup');
    feed.push(changed('a'));
    const second = (await stream.next()).value!;
    expect(() => unwrap(second)).toThrow('gone');
    expect(feed.isClosed).toBe(true);
    expect((await stream.next()).done).toBe(true);
  });

  it('ends a reader waiting for the next change as soon as it is returned', async () => {
    const feed = new SignalFeed();
    const stream = deliveries<string>(feed, async () => ({ payload: 'x' }));
    const waiting = stream.next();
    await stream.return!();
    expect((await waiting).done).toBe(true);
    expect(feed.isClosed).toBe(true);
  });
});
