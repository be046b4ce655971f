import { useEffect, useRef } from 'react';
import { useSubscription } from 'urql';
import { PipelineChangedSubscription } from '../../cases/graphql/case';
import { useOnReconnected } from '../../live/live';

/** Changes that arrive together (a burst of transitions) cost one refetch. */
export const REFETCH_DELAY_MS = 150;

/**
 * Calls `refetch` when a case the viewer takes part in changes (`pipelineChanged`, which
 * never says more than the case's id) and when the live socket reconnects. Returns the
 * subscription's error, if it failed (then the list is only as fresh as its last load).
 */
export function usePipelineLive(refetch: () => void) {
  const latest = useRef(refetch);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(() => {
    latest.current = refetch;
  });
  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
    },
    [],
  );
  const [{ error }] = useSubscription({ query: PipelineChangedSubscription }, (_previous: unknown, data) => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      timer.current = null;
      latest.current();
    }, REFETCH_DELAY_MS);
    return data;
  });
  useOnReconnected(() => latest.current());
  return error;
}
