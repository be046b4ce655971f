import { describe, expect, it } from '@jest/globals';
import { ViewerCache } from './viewer-cache.js';
import type { Viewer } from './viewer.js';

const viewer = (sessionId: string): Viewer => ({
  userId: 'u',
  organisationId: 'o',
  email: 'u@example.test',
  displayName: 'U',
  orgRole: 'MEDIATOR',
  sessionId,
});
const NOW = 1_000_000;
const later = (ms: number) => new Date(NOW + ms);

describe('ViewerCache', () => {
  it('keeps and answers nothing until revocations are heard, and forgets everything when they may not be', () => {
    const cache = new ViewerCache();
    cache.put('h', viewer('s'), later(3_600_000), cache.mark(), NOW);
    expect(cache.get('h', NOW)).toBeNull();
    cache.trust(true);
    cache.put('h', viewer('s'), later(3_600_000), cache.mark(), NOW);
    expect(cache.get('h', NOW)).toEqual(viewer('s'));
    cache.trust(false);
    expect(cache.size).toBe(0);
    expect(cache.get('h', NOW)).toBeNull();
  });

  it('ends an entry with its session, and after the TTL whatever happens', () => {
    const cache = new ViewerCache();
    cache.trust(true);
    cache.put('short', viewer('a'), later(5_000), cache.mark(), NOW);
    cache.put('long', viewer('b'), later(3_600_000), cache.mark(), NOW);
    expect(cache.get('short', NOW + 4_999)).not.toBeNull();
    expect(cache.get('short', NOW + 5_000)).toBeNull();
    expect(cache.get('long', NOW + ViewerCache.TTL_MS - 1)).not.toBeNull();
    expect(cache.get('long', NOW + ViewerCache.TTL_MS)).toBeNull();
  });

  it("forgets a revoked session's viewers, and does not keep what a lookup read while a revocation came in", () => {
    const cache = new ViewerCache();
    cache.trust(true);
    cache.put('h1', viewer('s1'), later(3_600_000), cache.mark(), NOW);
    cache.put('h2', viewer('s2'), later(3_600_000), cache.mark(), NOW);
    cache.forgetSession('s1');
    expect(cache.get('h1', NOW)).toBeNull();
    expect(cache.get('h2', NOW)).not.toBeNull();
    const mark = cache.mark();
    cache.forgetSession('s3');
    cache.put('h3', viewer('s3'), later(3_600_000), mark, NOW);
    expect(cache.get('h3', NOW)).toBeNull();
  });

  it('holds at most MAX_ENTRIES, dropping the oldest', () => {
    const cache = new ViewerCache();
    cache.trust(true);
    for (let i = 0; i <= ViewerCache.MAX_ENTRIES; i += 1) cache.put(`h${i}`, viewer(`s${i}`), later(3_600_000), cache.mark(), NOW);
    expect(cache.size).toBe(ViewerCache.MAX_ENTRIES);
    expect(cache.get('h0', NOW)).toBeNull();
    expect(cache.get(`h${ViewerCache.MAX_ENTRIES}`, NOW)).not.toBeNull();
  });
});
