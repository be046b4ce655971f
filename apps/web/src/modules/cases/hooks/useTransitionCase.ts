import { useCallback, useState } from 'react';
import { useMutation } from 'urql';
import type { CaseEventInput } from '../../../generated/schema';
import { apiError, type ApiError } from '../../ui/lib/errors';
import { TransitionCaseMutation } from '../graphql/case';

/**
 * Sends one statechart event with the version the page shows (compare-and-set on the
 * server). `send` resolves to true when the api accepted the event; otherwise `error`
 * holds the api's message and code (e.g. VERSION_CONFLICT).
 */
export function useTransitionCase(caseId: string, version: number) {
  const [{ fetching }, execute] = useMutation(TransitionCaseMutation);
  const [error, setError] = useState<ApiError | null>(null);

  const send = useCallback(
    async (event: CaseEventInput): Promise<boolean> => {
      setError(null);
      const result = await execute({ caseId, v: version, event });
      if (result.error) {
        setError(apiError(result.error));
        return false;
      }
      return true;
    },
    [caseId, version, execute],
  );

  return { send, sending: fetching, error, clearError: () => setError(null) };
}
