import { useCallback, useState } from 'react';
import { useMutation, type AnyVariables, type TypedDocumentNode } from 'urql';
import { apiError, type ApiError } from '../../ui/lib/errors';

/**
 * Runs one record edit (updateIssue, addDeadline, …). `run` resolves to true when the api
 * accepted it (then `onChanged` reloads the case); otherwise `error` holds the api's own
 * message and code, e.g. FORBIDDEN "Only the mediator records sessions."
 */
export function useCaseEdit<Data, Variables extends AnyVariables>(
  document: TypedDocumentNode<Data, Variables>,
  onChanged: () => void,
) {
  const [{ fetching }, execute] = useMutation<Data, Variables>(document);
  const [error, setError] = useState<ApiError | null>(null);
  const run = useCallback(
    async (variables: Variables): Promise<boolean> => {
      setError(null);
      const result = await execute(variables);
      if (result.error) {
        setError(apiError(result.error));
        return false;
      }
      onChanged();
      return true;
    },
    [execute, onChanged],
  );
  const clearError = useCallback(() => setError(null), []);
  return { run, saving: fetching, error, clearError };
}
