import { Injectable } from '@nestjs/common';
import type { Viewer } from './viewer.js';

/**
 * The viewers of recently used sessions, so that a request need not look its session up in
 * PostgreSQL every time (one statement per request, every query and every transition).
 *
 * Safe only while this instance hears every revocation: AuthService announces each one with
 * NOTIFY `session_revoked`, and the instance's listening connection (realtime/) calls
 * `forgetSession` for it, `trust(true)` once it listens and `trust(false)` when it loses the
 * connection. While not trusted the cache answers nothing and keeps nothing, so a revocation
 * missed while the connection was down can never be served from it. An entry also ends with
 * its session, and after `TTL_MS` whatever happens.
 *
 * The cached viewer carries the user's organisation role. Nothing changes a user today; a
 * mutation that does (a role, a deactivation) must announce that user's sessions the same way.
 */
@Injectable()
export class ViewerCache {
  static readonly TTL_MS = 60_000;
  static readonly MAX_ENTRIES = 10_000;

  private readonly entries = new Map<string, { viewer: Viewer; until: number }>();
  private trusted = false;
  /** Counts revocations, so that a lookup which overlapped one does not cache what it read. */
  private revocations = 0;

  /** Call with true once revocations are heard, false when they may be missed. Either way it starts empty. */
  trust(trusted: boolean): void {
    this.trusted = trusted;
    this.entries.clear();
    this.revocations += 1;
  }

  /** A mark to pass to `put`: taken before the session is read from the database. */
  mark(): number {
    return this.revocations;
  }

  get(tokenHash: string, now = Date.now()): Viewer | null {
    if (!this.trusted) return null;
    const entry = this.entries.get(tokenHash);
    if (!entry) return null;
    if (entry.until <= now) {
      this.entries.delete(tokenHash);
      return null;
    }
    return entry.viewer;
  }

  /** Keeps a viewer read at `mark` until its session expires (or the TTL), unless a revocation came in between. */
  put(tokenHash: string, viewer: Viewer, sessionExpiresAt: Date, mark: number, now = Date.now()): void {
    if (!this.trusted || mark !== this.revocations) return;
    if (this.entries.size >= ViewerCache.MAX_ENTRIES) {
      // Maps iterate in insertion order: drop the oldest.
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
    this.entries.set(tokenHash, { viewer, until: Math.min(sessionExpiresAt.getTime(), now + ViewerCache.TTL_MS) });
  }

  forgetSession(sessionId: string): void {
    this.revocations += 1;
    for (const [hash, entry] of this.entries) if (entry.viewer.sessionId === sessionId) this.entries.delete(hash);
  }

  get size(): number {
    return this.entries.size;
  }
}
