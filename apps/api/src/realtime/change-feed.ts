/**
 * What travels between the database listener and one subscription: a case changed, or the
 * listener may have missed changes (it reconnected) and everything should be refetched.
 * Only ids travel; each subscription reloads what its viewer may see.
 */
export type CaseSignal =
  | { readonly kind: 'changed'; readonly caseId: string }
  | { readonly kind: 'resync' }
  /** The subscriber's session ended (signed out or revoked): the subscription must end. */
  | { readonly kind: 'revoked' };

export const RESYNC: CaseSignal = Object.freeze({ kind: 'resync' });
export const REVOKED: CaseSignal = Object.freeze({ kind: 'revoked' });

const DONE: IteratorReturnResult<undefined> = Object.freeze({ value: undefined, done: true });

/**
 * One subscription's signals as an async iterator, fed by `push`. Pending signals coalesce, so
 * a slow client never holds a growing queue: the same case changing five times before it is
 * read is one signal (the latest), and more than `limit` distinct cases pending collapse into
 * one resync. `return()` ends it at once, even while a `next()` is waiting.
 */
export class SignalFeed implements AsyncIterableIterator<CaseSignal> {
  private readonly pending = new Map<string, CaseSignal>();
  private resync = false;
  private revoked = false;
  private closed = false;
  private readonly waiters: ((result: IteratorResult<CaseSignal, undefined>) => void)[] = [];

  constructor(
    private readonly onClose: () => void = () => undefined,
    private readonly limit = 100,
  ) {}

  get isClosed(): boolean {
    return this.closed;
  }

  push(signal: CaseSignal): void {
    if (this.closed) return;
    if (signal.kind === 'revoked') {
      // Ahead of everything pending: nothing more is delivered to an ended session.
      this.revoked = true;
      this.pending.clear();
      this.resync = false;
    } else if (this.revoked) {
      return;
    } else if (signal.kind === 'resync' || (!this.pending.has(signal.caseId) && this.pending.size >= this.limit)) {
      this.resync = true;
      this.pending.clear();
    } else if (!this.resync) {
      // Delete first so that the case moves to the back: signals leave in the order they last arrived.
      this.pending.delete(signal.caseId);
      this.pending.set(signal.caseId, signal);
    }
    this.wake();
  }

  next(): Promise<IteratorResult<CaseSignal, undefined>> {
    if (this.closed) return Promise.resolve(DONE);
    const signal = this.take();
    if (signal) return Promise.resolve({ value: signal, done: false });
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  return(): Promise<IteratorResult<CaseSignal, undefined>> {
    this.close();
    return Promise.resolve(DONE);
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.pending.clear();
    this.resync = false;
    for (const waiter of this.waiters.splice(0)) waiter(DONE);
    this.onClose();
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  private take(): CaseSignal | null {
    if (this.revoked) return REVOKED;
    if (this.resync) {
      this.resync = false;
      return RESYNC;
    }
    for (const [caseId, signal] of this.pending) {
      this.pending.delete(caseId);
      return signal;
    }
    return null;
  }

  private wake(): void {
    while (this.waiters.length > 0) {
      const signal = this.take();
      if (!signal) return;
      this.waiters.shift()!({ value: signal, done: false });
    }
  }
}

/** What a subscription hands GraphQL for one event: a payload, or an error to show, maybe its last. */
export type Delivery<T> = { readonly payload: T } | { readonly error: unknown; readonly last: boolean };

/**
 * Turns a feed into a subscription's event stream: `first` (if any) at once, then `step` for
 * each signal. `step` returns a delivery, or null to skip the signal (the subscriber may not
 * see that case). A thrown error is delivered, never thrown: an iterator that throws makes
 * graphql-ws send the raw message and drop the subscription. After a delivery marked `last`
 * the stream ends. Written by hand rather than as an async generator because a generator's
 * `return()` waits for its pending `await` (the next change), leaving an unsubscribed feed
 * registered until then.
 */
export function deliveries<T>(
  feed: SignalFeed,
  step: (signal: CaseSignal) => Promise<Delivery<T> | null>,
  first?: Delivery<T>,
): AsyncIterableIterator<Delivery<T>> {
  let initial = first;
  let ended = false;
  const end = (): IteratorResult<Delivery<T>, undefined> => {
    ended = true;
    feed.close();
    return DONE;
  };
  const iterator: AsyncIterableIterator<Delivery<T>> = {
    async next() {
      if (ended) return DONE;
      if (initial) {
        const value = initial;
        initial = undefined;
        if ('last' in value && value.last) end();
        return { value, done: false };
      }
      for (;;) {
        const signal = await feed.next();
        if (signal.done || ended) return end();
        let delivery: Delivery<T> | null;
        try {
          delivery = await step(signal.value);
        } catch (error) {
          delivery = { error, last: false };
        }
        if (ended) return DONE;
        if (!delivery) continue;
        if ('last' in delivery && delivery.last) end();
        return { value: delivery, done: false };
      }
    },
    async return() {
      return end();
    },
    [Symbol.asyncIterator]() {
      return iterator;
    },
  };
  return iterator;
}

/** For a subscription's `resolve`: the payload, or the delivered error thrown where GraphQL reports it. */
export function unwrap<T>(delivery: Delivery<T>): T {
  if ('payload' in delivery) return delivery.payload;
  throw delivery.error;
}
