import { Injectable } from '@nestjs/common';
import { AppError } from '../common/errors.js';
import type { SocketContext } from './socket-transport.js';

/**
 * How many live subscriptions one socket and one user (over all their sockets, on this api
 * instance) may hold. Every subscription reloads on each change it hears, so these bound what
 * one change can make the server do for one person. The dashboard holds two per tab.
 */
export const SUBSCRIPTION_LIMITS = { perSocket: 10, perUser: 30 } as const;

/** Counts the live subscriptions of each socket and each user; see SUBSCRIPTION_LIMITS. */
@Injectable()
export class SubscriptionQuota {
  private readonly perUser = new Map<string, number>();
  /** Keyed by the socket's upgrade request: one per socket, gone with it. */
  private readonly perSocket = new WeakMap<object, number>();

  /**
   * Opens a subscription within the quota (refused with TOO_MANY_SUBSCRIPTIONS before `open`
   * runs anything), and gives its place back once it ends however it ends.
   */
  async hold<T>(ctx: SocketContext, open: () => Promise<AsyncIterableIterator<T>> | AsyncIterableIterator<T>): Promise<AsyncIterableIterator<T>> {
    const user = ctx.viewer!.userId;
    const socket = ctx.req;
    const onSocket = this.perSocket.get(socket) ?? 0;
    const ofUser = this.perUser.get(user) ?? 0;
    if (onSocket >= SUBSCRIPTION_LIMITS.perSocket) {
      throw new AppError(
        'TOO_MANY_SUBSCRIPTIONS',
        `This connection already holds ${SUBSCRIPTION_LIMITS.perSocket} subscriptions, the most it may: end one before you start another.`,
      );
    }
    if (ofUser >= SUBSCRIPTION_LIMITS.perUser) {
      throw new AppError(
        'TOO_MANY_SUBSCRIPTIONS',
        `Your account already holds ${SUBSCRIPTION_LIMITS.perUser} subscriptions, the most it may: close some tabs or windows of the dashboard, or end subscriptions, then try again.`,
      );
    }
    this.perSocket.set(socket, onSocket + 1);
    this.perUser.set(user, ofUser + 1);
    let held = true;
    const release = () => {
      if (!held) return;
      held = false;
      this.perSocket.set(socket, Math.max((this.perSocket.get(socket) ?? 1) - 1, 0));
      const left = (this.perUser.get(user) ?? 1) - 1;
      if (left > 0) this.perUser.set(user, left);
      else this.perUser.delete(user);
    };
    let inner: AsyncIterableIterator<T>;
    try {
      inner = await open();
    } catch (error) {
      release();
      throw error;
    }
    const events: AsyncIterableIterator<T> = {
      async next() {
        try {
          const result = await inner.next();
          if (result.done) release();
          return result;
        } catch (error) {
          release();
          throw error;
        }
      },
      async return(value?: unknown) {
        release();
        return (await inner.return?.(value)) ?? { value: undefined, done: true };
      },
      async throw(error?: unknown) {
        release();
        if (inner.throw) return inner.throw(error);
        throw error;
      },
      [Symbol.asyncIterator]() {
        return events;
      },
    };
    return events;
  }
}
