import type { SocketStatus } from './live';

/**
 * Whether a page receives changes as they happen: `off` when its subscription failed (only a
 * reload tries again), `offline` while the socket is down (it reconnects by itself).
 */
export type LiveState = 'connecting' | 'live' | 'offline' | 'off';

/** A page's live state from its subscription and the socket: a failed subscription first, then a lost socket. */
export function liveState({ failed, socket, delivering }: { failed: boolean; socket: SocketStatus; delivering: boolean }): LiveState {
  if (failed) return 'off';
  if (socket === 'offline') return 'offline';
  return delivering ? 'live' : 'connecting';
}

const LIVE_TEXT: Readonly<Record<LiveState, string>> = {
  connecting: 'Connecting live updates…',
  live: 'Live: changes by others appear as they happen',
  offline: 'Offline: reconnecting to the server. Changes made meanwhile will appear when it is back',
  off: 'Live updates are off: reload the page to see changes by others',
};

/**
 * The live state in words (the dot is decoration only), in a polite live region so that a
 * screen reader hears when the page goes offline and when it is live again.
 */
export function LiveIndicator({ state, className = '' }: { state: LiveState; className?: string }) {
  return (
    <p className={`live live--${state} ${className}`.trim()} data-testid="live-status" data-state={state} role="status" aria-live="polite">
      <span className="live__dot" aria-hidden="true" />
      {LIVE_TEXT[state]}
    </p>
  );
}
