import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { Provider, useMutation, useQuery, type Client } from 'urql';
import { createUrqlClient, type ClientOptions } from '../../../app/client';
import { createLiveEvents, LiveContext } from '../../live/live';
import { apiError, type ApiError } from '../../ui/lib/errors';
import { MeQuery, SignOutMutation, type Me } from '../graphql/auth';

export interface AuthValue {
  /** The signed-in person; null when signed out; undefined while the api has not said yet. */
  me: Me | null | undefined;
  error: ApiError | null;
  retry(): void;
  /** Call after a successful sign-in: starts a fresh client, which asks for `me` again. */
  signedIn(): void;
  signOut(): Promise<void>;
}

export const AuthContext = createContext<AuthValue | null>(null);

export function useAuth(): AuthValue {
  const value = useContext(AuthContext);
  if (!value) throw new Error('useAuth needs a SessionProvider above it');
  return value;
}

/**
 * Holds the urql client and the signed-in person. Signing in or out replaces the client,
 * which drops every cached result of the previous session. The client's live-update socket
 * reports its state and its reconnections through LiveContext, so that live pages say when
 * they are offline and refetch when it is back.
 */
export function SessionProvider({
  children,
  makeClient = createUrqlClient,
}: {
  children: ReactNode;
  makeClient?: (options: ClientOptions) => Client;
}) {
  const [generation, setGeneration] = useState(0);
  const resetSession = useCallback(() => setGeneration((n) => n + 1), []);
  // `generation` is a dependency on purpose: each new generation gets a new client, and its
  // own live events, so that the previous client's socket closing never reports for this one.
  const live = useMemo(() => createLiveEvents(), [generation]);
  const client = useMemo(
    () => makeClient({ onUnauthenticated: resetSession, onReconnected: live.reconnected, onStatus: live.setStatus }),
    [makeClient, resetSession, live],
  );
  return (
    <Provider value={client}>
      <LiveContext.Provider value={live}>
        <AuthState resetSession={resetSession}>{children}</AuthState>
      </LiveContext.Provider>
    </Provider>
  );
}

function AuthState({ children, resetSession }: { children: ReactNode; resetSession: () => void }) {
  const [{ data, error }, reexecute] = useQuery({ query: MeQuery });
  const [, signOutMutation] = useMutation(SignOutMutation);

  const value = useMemo<AuthValue>(
    () => ({
      me: data ? data.me : undefined,
      error: error && !data ? apiError(error) : null,
      retry: () => reexecute({ requestPolicy: 'network-only' }),
      signedIn: resetSession,
      signOut: async () => {
        // Whatever the api answers (an expired session fails too), the client forgets it all.
        await signOutMutation({});
        resetSession();
      },
    }),
    [data, error, reexecute, resetSession, signOutMutation],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}
