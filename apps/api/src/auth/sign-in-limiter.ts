import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import rateLimiterFlexible from 'rate-limiter-flexible';
import type { RateLimiterPostgres as Limiter, RateLimiterRes } from 'rate-limiter-flexible';
import { DataSource } from 'typeorm';
import { AppError } from '../common/errors.js';

// CommonJS package: its named exports are read from the default import under Node's ESM.
const { RateLimiterPostgres, RateLimiterRes: RateLimiterResClass } = rateLimiterFlexible;

/** Failed sign-ins allowed per e-mail address before it is locked. */
export const FAILURES_PER_EMAIL = 5;
/** Failed sign-ins allowed per client address (an office or a court behind one address). */
export const FAILURES_PER_IP = 20;
export const WINDOW_SECONDS = 15 * 60;
export const LOCK_SECONDS = 15 * 60;

export interface Attempt {
  /** Call when the password matched: forgets the e-mail's failures, gives back the address's point. */
  succeeded(): Promise<void>;
  /** Call when it did not: the error to throw (TOO_MANY_REQUESTS once a limit is reached, else `otherwise`). */
  failed(otherwise: AppError): Promise<AppError>;
}

/**
 * Counts failed sign-ins per e-mail and per client address in PostgreSQL
 * (`sign_in_attempts`), so that a lock holds across every api instance.
 *
 * Why rate-limiter-flexible rather than our own SQL: its Postgres store is one atomic
 * `INSERT … ON CONFLICT DO UPDATE … RETURNING` per attempt (no read-then-write race between
 * instances), it handles window expiry and blocking, and it is widely used and maintained.
 * It runs on TypeORM's own pg pool, and the table comes from our migration
 * (`tableCreated: true`), so it creates nothing at run time. @nestjs/throttler counts
 * requests, not failures, and express-rate-limit works per HTTP route, not per e-mail.
 *
 * Every attempt is counted before the password is checked (so parallel guesses cannot slip
 * past the limit) and a success hands its point back. Unknown e-mails are counted the same
 * way, so the answers do not tell whether an account exists. Keys hold a hash of the
 * e-mail, never the e-mail or the password.
 */
@Injectable()
export class SignInLimiter {
  private readonly byEmail: Limiter;
  private readonly byIp: Limiter;

  constructor(@Inject(DataSource) db: DataSource) {
    const common = {
      storeClient: db,
      storeType: 'typeorm',
      tableName: 'sign_in_attempts',
      tableCreated: true,
      duration: WINDOW_SECONDS,
      blockDuration: LOCK_SECONDS,
    };
    this.byEmail = new RateLimiterPostgres({ ...common, keyPrefix: 'email', points: FAILURES_PER_EMAIL });
    this.byIp = new RateLimiterPostgres({ ...common, keyPrefix: 'ip', points: FAILURES_PER_IP });
  }

  /** Counts an attempt; throws TOO_MANY_REQUESTS, without looking at the password, while locked. */
  async begin(email: string, ip: string): Promise<Attempt> {
    const emailKey = createHash('sha256').update(email).digest('hex');
    const ipKey = ip || 'unknown';
    const [byEmail, byIp] = await Promise.allSettled([this.byEmail.consume(emailKey), this.byIp.consume(ipKey)]);
    const refused = [byEmail, byIp].flatMap((r) => (r.status === 'rejected' ? [r.reason as unknown] : []));
    const broken = refused.find((reason) => !(reason instanceof RateLimiterResClass));
    if (broken) throw broken;
    if (refused.length > 0) throw tooMany(Math.max(...(refused as RateLimiterRes[]).map((r) => r.msBeforeNext)));
    const emailRes = (byEmail as PromiseFulfilledResult<RateLimiterRes>).value;
    const ipRes = (byIp as PromiseFulfilledResult<RateLimiterRes>).value;

    return {
      succeeded: async () => {
        // Not a reset of the address: failures for other e-mails from it still count.
        await Promise.all([this.byEmail.delete(emailKey), this.byIp.reward(ipKey, 1)]);
      },
      failed: async (otherwise) => {
        const exhausted = [
          ...(emailRes.remainingPoints === 0 ? [this.byEmail.block(emailKey, LOCK_SECONDS)] : []),
          ...(ipRes.remainingPoints === 0 ? [this.byIp.block(ipKey, LOCK_SECONDS)] : []),
        ];
        if (exhausted.length === 0) return otherwise;
        await Promise.all(exhausted);
        return tooMany(LOCK_SECONDS * 1000);
      },
    };
  }
}

export function tooMany(msBeforeNext: number): AppError {
  const retryAt = new Date(Date.now() + Math.max(msBeforeNext, 1000));
  const minutes = Math.max(1, Math.ceil(msBeforeNext / 60000));
  const clock = retryAt.toISOString().slice(11, 16);
  return new AppError(
    'TOO_MANY_REQUESTS',
    `Too many failed sign-in attempts. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}, after ${clock} UTC.`,
    { retryAt: retryAt.toISOString(), retryAfterSeconds: Math.ceil(msBeforeNext / 1000) },
  );
}
