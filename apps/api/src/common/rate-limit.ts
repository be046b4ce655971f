import { Redis } from 'ioredis';
import type pg from 'pg';
import rateLimiterFlexible from 'rate-limiter-flexible';
import type { RateLimiterAbstract, RateLimiterRes } from 'rate-limiter-flexible';
import type { AppConfig } from '../config/config.js';
import { AppError } from './errors.js';

// CommonJS package: its named exports are read from the default import under Node's ESM.
const { RateLimiterMemory, RateLimiterPostgres, RateLimiterRedis, RateLimiterRes: RateLimiterResClass } = rateLimiterFlexible;

/** Where the api's parts find the request rate limits (provided by the app module). */
export const REQUEST_RATE_LIMITS = Symbol('REQUEST_RATE_LIMITS');

/** The refusal: RATE_LIMITED with the seconds until the window ends, HTTP 429 with Retry-After. */
export function rateLimited(retryAfterSeconds: number, who: 'address' | 'user'): AppError {
  const seconds = Math.max(1, Math.ceil(retryAfterSeconds));
  const from = who === 'user' ? 'your account' : 'your address';
  return new AppError('RATE_LIMITED', `Too many requests from ${from}. Try again in ${seconds} second${seconds === 1 ? '' : 's'}.`, {
    retryAfter: seconds,
    // Apollo answers an error thrown while building the context with this status and headers;
    // the formatting removes `http` from what the client sees.
    http: { status: 429, headers: new Map([['retry-after', String(seconds)]]) },
  });
}

/** One budget: `points` requests per window, one key per user or per address. */
function limiter(config: AppConfig, store: RateLimitStore, prefix: string, points: number): RateLimiterAbstract | null {
  if (points === 0) return null;
  const duration = config.RATE_LIMIT_WINDOW_SECONDS;
  const common = {
    points,
    duration,
    // Once a key is over its budget this instance refuses it from memory until the window ends,
    // without asking the store again: a flood from one key costs one store round trip.
    inMemoryBlockOnConsumed: points + 1,
    // Should the store be unreachable (Redis down), each instance counts on its own meanwhile
    // rather than refusing or admitting everything.
    insuranceLimiter: new RateLimiterMemory({ points, duration, keyPrefix: prefix }),
  };
  if (store.kind === 'redis') {
    return new RateLimiterRedis({ ...common, storeClient: store.client, keyPrefix: `${config.REDIS_KEY_PREFIX}:${prefix}`, rejectIfRedisNotReady: true });
  }
  return new RateLimiterPostgres({
    ...common,
    storeClient: store.pool,
    storeType: 'pool',
    tableName: 'request_counts',
    // The table comes from a migration: the app's role creates nothing.
    tableCreated: true,
    clearExpiredByTimeout: true,
    keyPrefix: prefix,
  });
}

export type RateLimitStore = { kind: 'postgres'; pool: pg.Pool } | { kind: 'redis'; client: Redis };

/**
 * GraphQL requests counted per client address and per signed-in user in a window
 * (RATE_LIMIT_PER_ADDRESS, RATE_LIMIT_PER_USER, RATE_LIMIT_WINDOW_SECONDS), in a store every
 * api instance shares (RATE_LIMIT_STORE: PostgreSQL through the service pool, or Redis), so
 * the budget holds however many instances a client's requests reach. rate-limiter-flexible
 * counts with one atomic statement (an upsert in PostgreSQL, a script in Redis) per request
 * and dimension: no read-then-write race between instances.
 *
 * The address is checked as soon as the request has a place at the admission gate, before
 * anything else of it (no session lookup, no SQL of the app); the user once the viewer is
 * known, which is a cache hit for a session in use (see auth/viewer-cache.ts), so that an
 * over-budget user's request runs no statement of the app either.
 */
export class RequestRateLimits {
  private readonly byAddress: RateLimiterAbstract | null;
  private readonly byUser: RateLimiterAbstract | null;

  constructor(
    config: AppConfig,
    private readonly store: RateLimitStore,
  ) {
    this.byAddress = limiter(config, store, 'rl-address', config.RATE_LIMIT_PER_ADDRESS);
    this.byUser = limiter(config, store, 'rl-user', config.RATE_LIMIT_PER_USER);
  }

  static fromConfig(config: AppConfig, servicePool: pg.Pool): RequestRateLimits {
    if (config.RATE_LIMIT_STORE === 'redis') {
      const client = new Redis(config.REDIS_URL!, {
        // Fail at once while Redis is away (the in-memory insurance counts meanwhile) instead of
        // queueing requests behind the reconnection.
        enableOfflineQueue: false,
        maxRetriesPerRequest: 1,
        connectionName: 'impasse-api',
      });
      // Reconnects on its own; without a listener an unreachable Redis would end the process.
      client.on('error', () => undefined);
      return new RequestRateLimits(config, { kind: 'redis', client });
    }
    return new RequestRateLimits(config, { kind: 'postgres', pool: servicePool });
  }

  /** Counts a request of this address; throws RATE_LIMITED when it is over its budget. */
  async checkAddress(address: string): Promise<void> {
    await consume(this.byAddress, address || 'unknown', 'address');
  }

  /** Counts a request of this user; throws RATE_LIMITED when it is over its budget. */
  async checkUser(userId: string): Promise<void> {
    await consume(this.byUser, userId, 'user');
  }

  async close(): Promise<void> {
    if (this.store.kind === 'redis') await this.store.client.quit().catch(() => this.store.kind === 'redis' && this.store.client.disconnect());
  }
}

async function consume(limit: RateLimiterAbstract | null, key: string, who: 'address' | 'user'): Promise<void> {
  if (!limit) return;
  try {
    await limit.consume(key);
  } catch (error) {
    if (error instanceof RateLimiterResClass) throw rateLimited((error as RateLimiterRes).msBeforeNext / 1000, who);
    throw error;
  }
}
