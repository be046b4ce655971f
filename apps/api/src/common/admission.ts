import type { ApolloServerPlugin } from '@apollo/server';
import { AppError } from './errors.js';

/** Where the api's parts find the admission gate (provided by the app module). */
export const ADMISSION_GATE = Symbol('ADMISSION_GATE');

/** What a refused client is told to wait before it tries again. */
export const UNAVAILABLE_RETRY_AFTER_SECONDS = 1;

/** The refusal at capacity: UNAVAILABLE, HTTP 503 with Retry-After. */
export function unavailable(): AppError {
  const seconds = UNAVAILABLE_RETRY_AFTER_SECONDS;
  return new AppError('UNAVAILABLE', `The service is at capacity. Try again in ${seconds} second${seconds === 1 ? '' : 's'}.`, {
    retryAfter: seconds,
    http: { status: 503, headers: new Map([['retry-after', String(seconds)]]) },
  });
}

/** Gives the place back; safe to call more than once. */
export type Release = () => void;

/**
 * Admission control in front of GraphQL over HTTP: at most `maxInFlight` requests execute at
 * once, at most `maxQueued` more wait (each for `waitMs` at most, then refused), and any
 * further one is refused at once. So past capacity the answer is a quick UNAVAILABLE, not a
 * wait for a pool connection that ends in a timeout, and what is admitted keeps its latency.
 * Counted per instance, in memory: it protects this instance's pool and event loop.
 *
 * Not @fastify/under-pressure: it refuses by the event loop's delay and the heap, which
 * saturating the database pool moves little, and it has no concurrency limit or queue.
 */
export class AdmissionGate {
  private running = 0;
  private readonly waiting: { admit: () => void }[] = [];

  constructor(
    readonly maxInFlight: number,
    readonly maxQueued: number,
    readonly waitMs: number,
  ) {}

  /** Requests executing now, and waiting: for tests and the benchmark. */
  get load(): { running: number; waiting: number } {
    return { running: this.running, waiting: this.waiting.length };
  }

  /** A place (the Release to give it back), or null: refused, at once or after waiting `waitMs`. */
  enter(): Promise<Release | null> | Release | null {
    if (this.running < this.maxInFlight) {
      this.running++;
      return this.release();
    }
    if (this.waiting.length >= this.maxQueued) return null;
    return new Promise((resolve) => {
      const entry = {
        admit: () => {
          clearTimeout(timer);
          this.running++;
          resolve(this.release());
        },
      };
      const timer = setTimeout(() => {
        const i = this.waiting.indexOf(entry);
        if (i >= 0) this.waiting.splice(i, 1);
        resolve(null);
      }, this.waitMs);
      this.waiting.push(entry);
    });
  }

  private release(): Release {
    let held = true;
    return () => {
      if (!held) return;
      held = false;
      this.running--;
      this.waiting.shift()?.admit();
    };
  }
}

/** pg-pool's errors when no connection came within DATABASE_POOL_WAIT_MS (a free one, or a new one connecting). */
const POOL_TIMEOUTS = ['timeout exceeded when trying to connect', 'Connection terminated due to connection timeout'];

/** The error, or what it wraps, is the pool's wait running out: UNAVAILABLE, not an internal error. */
export function isPoolTimeout(error: unknown): boolean {
  for (let e = error, depth = 0; e && depth < 5; depth++) {
    if (e instanceof Error && POOL_TIMEOUTS.includes(e.message)) return true;
    e = (e as { originalError?: unknown; cause?: unknown; driverError?: unknown }).originalError ?? (e as { cause?: unknown }).cause ?? (e as { driverError?: unknown }).driverError;
  }
  return false;
}

/** Replies (Fastify's) whose GraphQL answer holds an UNAVAILABLE error: sent with 503 (see useGraphqlAdmission). */
export const UNAVAILABLE_REPLIES = new WeakSet<object>();

/**
 * A response with an UNAVAILABLE error (a statement found no connection in time) is sent with
 * HTTP 503 and Retry-After, as a refusal at the gate is, so proxies and clients back off alike.
 * The plugin sets the header; the status is set as the reply is sent, because @nestjs/apollo's
 * own plugin puts every answer that has `data` back to 200 after ours ran.
 */
export function unavailableStatusPlugin(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response, contextValue }) {
          if (response.body.kind !== 'single') return;
          if (!response.body.singleResult.errors?.some((e) => e.extensions?.code === 'UNAVAILABLE')) return;
          response.http.status = 503;
          response.http.headers.set('retry-after', String(UNAVAILABLE_RETRY_AFTER_SECONDS));
          const reply = (contextValue as { res?: object }).res;
          if (reply) UNAVAILABLE_REPLIES.add(reply);
        },
      };
    },
  };
}
