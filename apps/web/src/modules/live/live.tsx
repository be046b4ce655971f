import { createContext, useContext, useEffect, useRef } from 'react';

/**
 * Connection events of the live-update socket that pages care about. graphql-ws reconnects
 * by itself; whatever changed while the socket was down was never pushed, so every page that
 * shows live data refetches when it comes back.
 */
export interface LiveEvents {
  /** Calls `listener` each time the socket connects again after an earlier connection. */
  onReconnected(listener: () => void): () => void;
}

/** The emitter behind LiveEvents: one per session provider, fed by the urql client's socket. */
export function createLiveEvents(): LiveEvents & { reconnected(): void } {
  const listeners = new Set<() => void>();
  return {
    onReconnected(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    reconnected() {
      for (const listener of [...listeners]) listener();
    },
  };
}

/** Without a provider (tests of one component) nothing ever reconnects. */
export const LiveContext = createContext<LiveEvents>({ onReconnected: () => () => undefined });

/** Runs `callback` (the latest one given) whenever the live socket reconnects. */
export function useOnReconnected(callback: () => void): void {
  const live = useContext(LiveContext);
  const latest = useRef(callback);
  useEffect(() => {
    latest.current = callback;
  });
  useEffect(() => live.onReconnected(() => latest.current()), [live]);
}
