import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import rateLimiterFlexible from 'rate-limiter-flexible';
import type { RateLimiterPostgres as Limiter, RateLimiterRes } from 'rate-limiter-flexible';
import { DataSource } from 'typeorm';
import { AppError } from '../common/errors.js';

// CommonJS package: its named exports are read from the default import under Node's ESM.
const { RateLimiterPostgres, RateLimiterRes: RateLimiterResClass } = rateLimiterFlexible;

/** Failed sign-ins per e-mail address before each further attempt waits. */
export const FAILURES_PER_EMAIL = 5;
/** Failed sign-ins per client address (an office or a court behind one address) before each further attempt waits. */
export const FAILURES_PER_IP = 20;
/** Failures are forgotten a day after the first of them (and an e-mail's at once on a success). */
export const MEMORY_SECONDS = 24 * 3600;
/** The first wait; each further failure doubles it, up to MAX_WAIT_MINUTES. */
export const FIRST_WAIT_MINUTES = 1;
export const MAX_WAIT_MINUTES = 15;
/** How long an address from which an e-mail signed in stays that e-mail's known address. */
export const KNOWN_ADDRESS_DAYS = 30;

/** The wait that the `attempt`-th counted attempt starts when `free` attempts are free. */
export function waitSeconds(attempt: number, free: number): number {
  const doublings = Math.max(0, attempt - free);
  return Math.min(FIRST_WAIT_MINUTES * 2 ** Math.min(doublings, 20), MAX_WAIT_MINUTES) * 60;
}

export interface Attempt {
  /** Call when the password matched: forgets the e-mail's failures and wait (at a known address: that address's), gives back the address's point, and remembers the address. */
  succeeded(): Promise<void>;
  /** Call when it did not: the error to throw (TOO_MANY_REQUESTS once this failure starts a wait, else `otherwise`). */
  failed(otherwise: AppError): Promise<AppError>;
}

/** One dimension: failures counted per key, and the wait that admits one attempt at a time. */
interface Dimension {
  free: number;
  count: Limiter;
  wait: Limiter;
}

/**
 * Counts failed sign-ins per e-mail and per client address in PostgreSQL
 * (`sign_in_attempts`), so that the limits hold across every api instance.
 *
 * Growing delays, not a lock: the first FAILURES_PER_EMAIL attempts for an e-mail are free
 * (FAILURES_PER_IP for an address); from the last free one on, each attempt that gets checked
 * starts a wait (1 minute, then 2, 4, 8, up to MAX_WAIT_MINUTES) during which every attempt is
 * refused unchecked. A refusal is not counted and does not extend the wait, so an attacker can
 * slow an account to about four guesses an hour but never shut its owner out: once the wait
 * has passed, the right password works and a success forgets the e-mail's failures.
 * Better still, at an address from which the e-mail signed in within KNOWN_ADDRESS_DAYS the
 * e-mail's failures elsewhere do not apply: there it is counted and delayed on its own (the
 * same rule), so guesses from elsewhere cannot hold the owner up at all.
 *
 * Why rate-limiter-flexible rather than our own SQL: its Postgres store is one atomic
 * `INSERT … ON CONFLICT DO UPDATE … RETURNING` per step (no read-then-write race between
 * instances), and it handles window expiry; it is widely used and maintained. The wait is a
 * second key with one point whose window is the wait (`customDuration`): the first attempt
 * after a wait creates the window and is admitted, any other one in it is refused, so of many
 * simultaneous guesses only one gets through. It runs on TypeORM's own pg pool, and the table
 * comes from our migration (`tableCreated: true`), so it creates nothing at run time.
 *
 * Every attempt is counted before the password is checked (so parallel guesses cannot slip
 * past the free ones) and a refused or successful one hands its point back. Unknown e-mails
 * are counted the same way, so the answers do not tell whether an account exists. Keys hold
 * a hash of the e-mail, never the e-mail or the password.
 */
@Injectable()
export class SignInLimiter {
  private readonly byEmail: Dimension;
  private readonly byIp: Dimension;
  /** An e-mail at one of its known addresses: counted and delayed apart from the e-mail elsewhere. */
  private readonly byKnownAddress: Dimension;
  /** Addresses from which an e-mail signed in (key: hash of both), for KNOWN_ADDRESS_DAYS. */
  private readonly known: Limiter;

  constructor(@Inject(DataSource) db: DataSource) {
    const store = { storeClient: db, storeType: 'typeorm', tableName: 'sign_in_attempts', tableCreated: true };
    const dimension = (prefix: string, free: number): Dimension => ({
      free,
      // Never exhausted: it only counts; the wait below decides.
      count: new RateLimiterPostgres({ ...store, keyPrefix: prefix, points: 1_000_000, duration: MEMORY_SECONDS }),
      wait: new RateLimiterPostgres({ ...store, keyPrefix: `${prefix}-wait`, points: 1, duration: MAX_WAIT_MINUTES * 60 }),
    });
    this.byEmail = dimension('email', FAILURES_PER_EMAIL);
    this.byIp = dimension('ip', FAILURES_PER_IP);
    this.byKnownAddress = dimension('known-address', FAILURES_PER_EMAIL);
    this.known = new RateLimiterPostgres({ ...store, keyPrefix: 'known', points: 1, duration: KNOWN_ADDRESS_DAYS * 24 * 3600 });
  }

  /** Counts an attempt; throws TOO_MANY_REQUESTS, without looking at the password, while it must wait. */
  async begin(email: string, ip: string): Promise<Attempt> {
    const emailKey = createHash('sha256').update(email).digest('hex');
    const ipKey = ip || 'unknown';
    const pairKey = createHash('sha256').update(`${email}\n${ipKey}`).digest('hex');
    // At an address it signed in from, the e-mail's own limits apply to that address alone, so
    // that guesses from elsewhere never hold its owner up there.
    const atKnownAddress = Boolean(ip) && Boolean(await this.known.get(pairKey));
    const [account, accountKey] = atKnownAddress ? [this.byKnownAddress, pairKey] : [this.byEmail, emailKey];
    const checks: [Dimension, string][] = [
      [account, accountKey],
      [this.byIp, ipKey],
    ];
    const outcomes = await Promise.allSettled(checks.map(([d, key]) => admit(d, key)));
    const broken = outcomes.find((o) => o.status === 'rejected' && !(o.reason instanceof RateLimiterResClass));
    const refused = outcomes.flatMap((o) => (o.status === 'rejected' && o.reason instanceof RateLimiterResClass ? [o.reason as RateLimiterRes] : []));
    if (broken || refused.length > 0) {
      // Refused: no attempt was made, so none is counted. A dimension that admitted it gives its
      // point back, and drops the wait it started (no other attempt can be in that wait yet).
      await Promise.all(
        checks.map(async ([d, key], i) => {
          const outcome = outcomes[i]!;
          if (outcome.status !== 'fulfilled') return;
          await d.count.reward(key, 1);
          if (outcome.value > 0) await d.wait.delete(key);
        }),
      );
      if (broken) throw (broken as PromiseRejectedResult).reason;
      throw tooMany(Math.max(...refused.map((r) => r.msBeforeNext)));
    }
    const waits = outcomes.map((o) => (o as PromiseFulfilledResult<number>).value);

    return {
      succeeded: async () => {
        // Not a reset of the address: failures for other e-mails from it still count.
        // At a known address only that address's count starts over, so that the owner signing
        // in at home does not hand whoever guesses elsewhere fresh free attempts.
        await Promise.all([
          account.count.delete(accountKey),
          account.wait.delete(accountKey),
          this.byIp.count.reward(ipKey, 1),
          ip ? this.known.set(pairKey, 1, KNOWN_ADDRESS_DAYS * 24 * 3600) : null,
        ]);
      },
      failed: async (otherwise) => {
        const wait = Math.max(...waits);
        return wait > 0 ? tooMany(wait * 1000) : otherwise;
      },
    };
  }
}

/**
 * Counts the attempt in one dimension and answers the wait (seconds) its failure would start,
 * 0 while attempts are free; rejects with the RateLimiterRes of the current wait (the count
 * handed back) when it must wait.
 */
async function admit(d: Dimension, key: string): Promise<number> {
  const counted = await d.count.consume(key);
  const attempt = counted.consumedPoints;
  if (attempt < d.free) return 0;
  const seconds = waitSeconds(attempt, d.free);
  try {
    await d.wait.consume(key, 1, { customDuration: seconds });
  } catch (error) {
    await d.count.reward(key, 1);
    throw error;
  }
  return seconds;
}

export function tooMany(msBeforeNext: number, what = 'Too many failed sign-in attempts.'): AppError {
  const retryAt = new Date(Date.now() + Math.max(msBeforeNext, 1000));
  const minutes = Math.max(1, Math.ceil(msBeforeNext / 60000));
  const clock = retryAt.toISOString().slice(11, 16);
  return new AppError(
    'TOO_MANY_REQUESTS',
    `${what} Try again in ${minutes} minute${minutes === 1 ? '' : 's'}, after ${clock} UTC.`,
    { retryAt: retryAt.toISOString(), retryAfterSeconds: Math.ceil(msBeforeNext / 1000) },
  );
}
