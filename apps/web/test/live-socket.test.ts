import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { CONNECT_TIMEOUT_MS, createSocket, KEEP_ALIVE_MS, PONG_TIMEOUT_MS } from '../src/app/client';
import type { SocketStatus } from '../src/modules/live/live';

/**
 * A WebSocket that the test plays the server of: graphql-ws drives it as it drives the
 * browser's (readyState, send, close, the four handlers), and the test opens, answers,
 * stays silent or drops it.
 */
class FakeSocket {
  static readonly CONNECTING = 0;
  static readonly OPEN = 1;
  static readonly CLOSING = 2;
  static readonly CLOSED = 3;
  static all: FakeSocket[] = [];

  readyState = FakeSocket.CONNECTING;
  sent: { type: string }[] = [];
  onopen: (() => void) | null = null;
  onmessage: ((event: { data: string }) => void) | null = null;
  onclose: ((event: { code: number; reason: string; wasClean: boolean }) => void) | null = null;
  onerror: ((event: unknown) => void) | null = null;

  constructor(
    readonly url: string,
    readonly protocol: string,
  ) {
    FakeSocket.all.push(this);
  }

  send(data: string) {
    this.sent.push(JSON.parse(data) as { type: string });
  }
  close(code = 1000, reason = '') {
    if (this.readyState === FakeSocket.CLOSED) return;
    this.readyState = FakeSocket.CLOSED;
    // As in a browser, the handler is read when the event is dispatched.
    queueMicrotask(() => this.onclose?.({ code, reason, wasClean: true }));
  }

  // The server's side.
  open() {
    this.readyState = FakeSocket.OPEN;
    this.onopen?.();
  }
  receive(message: object) {
    this.onmessage?.({ data: JSON.stringify(message) });
  }
  /** Opens and acknowledges connection_init, as the api does. */
  accept() {
    this.open();
    this.receive({ type: 'connection_ack' });
  }
  /** The server goes away (1001) or the connection breaks (1006). */
  drop(code = 1006) {
    this.readyState = FakeSocket.CLOSED;
    this.onclose?.({ code, reason: '', wasClean: false });
  }
  pings() {
    return this.sent.filter((m) => m.type === 'ping').length;
  }
}

const last = () => FakeSocket.all.at(-1)!;

function socket() {
  const statuses: SocketStatus[] = [];
  const reconnected = jest.fn();
  const client = createSocket({
    url: 'ws://api.test/graphql',
    webSocketImpl: FakeSocket,
    onStatus: (status) => statuses.push(status),
    onReconnected: reconnected,
  });
  const subscribe = () =>
    client.subscribe({ query: 'subscription { pipelineChanged { caseId } }' }, { next: () => undefined, error: () => undefined, complete: () => undefined });
  return { client, statuses, reconnected, subscribe, status: () => statuses.at(-1) };
}

beforeEach(() => {
  FakeSocket.all = [];
  jest.useFakeTimers();
});
afterEach(() => {
  jest.useRealTimers();
});

describe('the live-update socket', () => {
  it('says connecting, then live once the api acknowledges the connection', async () => {
    const s = socket();
    s.subscribe();
    await jest.advanceTimersByTimeAsync(0);
    expect(s.status()).toBe('connecting');
    last().accept();
    await jest.advanceTimersByTimeAsync(0);
    expect(s.status()).toBe('live');
    expect(s.reconnected).not.toHaveBeenCalled();
  });

  it('says offline as soon as the server goes away, stays offline while it retries, and reports the reconnection', async () => {
    const s = socket();
    s.subscribe();
    await jest.advanceTimersByTimeAsync(0);
    last().accept();
    await jest.advanceTimersByTimeAsync(0);

    last().drop(1001);
    await jest.advanceTimersByTimeAsync(0);
    expect(s.status()).toBe('offline');

    // Retries for ever with backoff (1 s, 2 s, 4 s … 30 s): every attempt refused leaves it offline.
    const nextAttempt = async () => {
      const before = FakeSocket.all.length;
      let waited = 0;
      while (FakeSocket.all.length === before && waited < 40_000) {
        await jest.advanceTimersByTimeAsync(100);
        waited += 100;
      }
      expect(FakeSocket.all.length).toBe(before + 1);
      return waited;
    };
    const waits: number[] = [];
    for (let attempt = 0; attempt < 7; attempt += 1) {
      waits.push(await nextAttempt());
      expect(s.status()).toBe('offline');
      last().drop(1006);
      await jest.advanceTimersByTimeAsync(0);
      expect(s.status()).toBe('offline');
    }
    waits.forEach((waited, i) => {
      expect(waited).toBeGreaterThanOrEqual(Math.min(1000 * 2 ** i, 30_000));
      expect(waited).toBeLessThanOrEqual(Math.min(1000 * 2 ** i, 30_000) + 1_100);
    });
    expect(s.reconnected).not.toHaveBeenCalled();

    await nextAttempt();
    last().accept();
    await jest.advanceTimersByTimeAsync(0);
    expect(s.status()).toBe('live');
    expect(s.reconnected).toHaveBeenCalledTimes(1);
  });

  it('pings the api and, when no pong comes back in time, gives the connection up as dead and reconnects', async () => {
    const s = socket();
    s.subscribe();
    await jest.advanceTimersByTimeAsync(0);
    const first = last();
    first.accept();
    await jest.advanceTimersByTimeAsync(0);

    // A healthy connection: each ping is answered.
    await jest.advanceTimersByTimeAsync(KEEP_ALIVE_MS);
    expect(first.pings()).toBe(1);
    first.receive({ type: 'pong' });
    await jest.advanceTimersByTimeAsync(PONG_TIMEOUT_MS + 1);
    expect(s.status()).toBe('live');

    // The api stops answering (its process is stopped, or the network drops packets): no close ever comes.
    await jest.advanceTimersByTimeAsync(KEEP_ALIVE_MS - PONG_TIMEOUT_MS - 1);
    expect(first.pings()).toBe(2);
    await jest.advanceTimersByTimeAsync(PONG_TIMEOUT_MS - 1);
    expect(s.status()).toBe('live');
    await jest.advanceTimersByTimeAsync(1);
    expect(s.status()).toBe('offline');

    // A new connection is tried, and the page hears when it is back.
    await jest.advanceTimersByTimeAsync(2_000);
    expect(last()).not.toBe(first);
    last().accept();
    await jest.advanceTimersByTimeAsync(0);
    expect(s.status()).toBe('live');
    expect(s.reconnected).toHaveBeenCalledTimes(1);
  });

  it('gives up a connection attempt that never opens or is never acknowledged', async () => {
    const s = socket();
    s.subscribe();
    await jest.advanceTimersByTimeAsync(0);
    const silent = last();
    await jest.advanceTimersByTimeAsync(CONNECT_TIMEOUT_MS);
    expect(s.status()).toBe('offline');
    await jest.advanceTimersByTimeAsync(2_000);
    const opened = last();
    expect(opened).not.toBe(silent);
    opened.open(); // and never acknowledged
    await jest.advanceTimersByTimeAsync(CONNECT_TIMEOUT_MS + 4_000);
    expect(last()).not.toBe(opened);
    last().accept();
    await jest.advanceTimersByTimeAsync(0);
    expect(s.status()).toBe('live');
  });

  it('is idle, not offline, when it closes because no page subscribes any more', async () => {
    const s = socket();
    const unsubscribe = s.subscribe();
    await jest.advanceTimersByTimeAsync(0);
    last().accept();
    await jest.advanceTimersByTimeAsync(0);
    unsubscribe();
    await jest.advanceTimersByTimeAsync(10_000);
    expect(last().readyState).toBe(FakeSocket.CLOSED);
    expect(s.status()).toBe('idle');
    expect(s.statuses).not.toContain('offline');
  });
});
