import { useCallback, useRef } from 'react';
import { useQuery, useSubscription } from 'urql';
import { useOnReconnected, useSocketStatus } from '../../live/live';
import { liveState as pageLiveState, type LiveState } from '../../live/LiveIndicator';
import { CaseChangedSubscription, CaseQuery, type CaseDetail } from '../graphql/case';

export type { LiveState };

/**
 * The newer of two views of a case: by version (every transition), then by updatedAt (record
 * edits change it without a new version). On a tie the first wins.
 */
export function newerCase<T extends Pick<CaseDetail, 'version' | 'updatedAt'>>(a: T | undefined, b: T | undefined): T | undefined {
  if (!a) return b;
  if (!b) return a;
  if (a.version !== b.version) return a.version > b.version ? a : b;
  return Date.parse(b.updatedAt) > Date.parse(a.updatedAt) ? b : a;
}

/**
 * The case from `case(id)`, kept current by the `caseChanged` subscription: the api pushes
 * the case as this viewer may see it after every change, and the page shows whichever view
 * is newer. After the live socket reconnects (changes may have been missed), it refetches;
 * while the socket is down, the live state says offline.
 */
export function useLiveCase(id: string) {
  const [{ data, fetching, error, stale }, reexecute] = useQuery({ query: CaseQuery, variables: { id } });
  const [live] = useSubscription({ query: CaseChangedSubscription, variables: { caseId: id }, pause: !id });
  const reload = useCallback(() => reexecute({ requestPolicy: 'network-only' }), [reexecute]);
  useOnReconnected(reload);
  const socket = useSocketStatus();

  const pushed = live.data?.caseChanged;
  // The newest view seen so far, whichever way it came: a push that arrives late, or a
  // refetch answered before a change the socket already delivered, never moves the page back.
  const newest = useRef<CaseDetail | undefined>(undefined);
  if (newest.current && newest.current.id !== id) newest.current = undefined;
  const ofThisCase = (view: CaseDetail | undefined) => (view?.id === id ? view : undefined);
  newest.current = newerCase(newerCase(newest.current, ofThisCase(data?.case)), ofThisCase(pushed));
  const item = newest.current;
  const liveState: LiveState = pageLiveState({ failed: Boolean(live.error), socket, delivering: Boolean(pushed) });
  return { item, fetching, error, stale, reload, liveState, liveError: live.error };
}
