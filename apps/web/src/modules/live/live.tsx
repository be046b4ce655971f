import { createContext, useContext, useEffect, useRef, useSyncExternalStore } from 'react';
import type { OperationContext } from 'urql';

/**
 * The live-update socket's state: `idle` while no page subscribes (the socket is closed on
 * purpose), `connecting` for the first attempt, `live` once the api has acknowledged the
 * connection, `offline` from the moment a connection in use is lost (closed, or given up as
 * dead by the keep-alive) until it is acknowledged again.
 */
export type SocketStatus = 'idle' | 'connecting' | 'live' | 'offline';

/**
 * Connection events of the live-update socket that pages care about. graphql-ws reconnects
 * by itself; whatever changed while the socket was down was never pushed, so every page that
 * shows live data refetches when it comes back, and says it is offline meanwhile.
 */
export interface LiveEvents {
  /** Calls `listener` each time the socket connects again after an earlier connection. */
  onReconnected(listener: () => void): () => void;
  /** The socket's state now. */
  status(): SocketStatus;
  /** Calls `listener` whenever the state changes. */
  onStatus(listener: () => void): () => void;
}

/** The emitter behind LiveEvents: one per urql client, fed by the client's socket. */
export function createLiveEvents(initial: SocketStatus = 'idle'): LiveEvents & { reconnected(): void; setStatus(status: SocketStatus): void } {
  const listeners = new Set<() => void>();
  const statusListeners = new Set<() => void>();
  let status = initial;
  return {
    onReconnected(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    reconnected() {
      for (const listener of [...listeners]) listener();
    },
    status: () => status,
    onStatus(listener) {
      statusListeners.add(listener);
      return () => statusListeners.delete(listener);
    },
    setStatus(next) {
      if (next === status) return;
      status = next;
      for (const listener of [...statusListeners]) listener();
    },
  };
}

/** Without a provider (tests of one component) nothing ever reconnects and the socket is idle. */
export const LiveContext = createContext<LiveEvents>({
  onReconnected: () => () => undefined,
  status: () => 'idle',
  onStatus: () => () => undefined,
});

/** Runs `callback` (the latest one given) whenever the live socket reconnects. */
export function useOnReconnected(callback: () => void): void {
  const live = useContext(LiveContext);
  const latest = useRef(callback);
  useEffect(() => {
    latest.current = callback;
  });
  useEffect(() => live.onReconnected(() => latest.current()), [live]);
}

/**
 * For a query of its own (a panel's): asks the network again when the live socket
 * reconnects, since what it shows may have changed while the socket was down.
 */
export function useRefetchOnReconnect(reexecute: (opts?: Partial<OperationContext>) => void, paused = false): void {
  useOnReconnected(() => {
    // A paused query shows nothing; reexecuting would run it regardless of `pause`.
    if (!paused) reexecute({ requestPolicy: 'network-only' });
  });
}

/** The live socket's state, re-rendering when it changes. */
export function useSocketStatus(): SocketStatus {
  const live = useContext(LiveContext);
  return useSyncExternalStore(live.onStatus, live.status, live.status);
}
