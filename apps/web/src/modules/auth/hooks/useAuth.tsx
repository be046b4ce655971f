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
 * One session of the client: its number, and whether it began because the previous session
 * ended (signed out here, or the api answered UNAUTHENTICATED: signed out in another tab,
 * revoked, left idle). Then nobody is signed in, and the app says so at once.
 */
interface Session {
  generation: number;
  ended: boolean;
}

/**
 * Holds the urql client and the signed-in person. Signing in or out replaces the client,
 * which drops every cached result of the previous session. The client's live-update socket
 * reports its state and its reconnections through LiveContext, so that live pages say when
 * they are offline and refetch when it is back.
 *
 * When the session ends (the first UNAUTHENTICATED of a client, or signing out) the new
 * client's session is known to be signed out: `me` is null at once, so the signed-in pages
 * give way to sign-in in the same render. Were `me` unknown (or still the previous
 * person's) until the api answered `me` again, the open page would ask its own queries on
 * the new client, and each one's UNAUTHENTICATED would end that session too, and the next.
 */
export function SessionProvider({
  children,
  makeClient = createUrqlClient,
}: {
  children: ReactNode;
  makeClient?: (options: ClientOptions) => Client;
}) {
  const [session, setSession] = useState<Session>({ generation: 0, ended: false });
  const signedIn = useCallback(() => setSession((s) => ({ generation: s.generation + 1, ended: false })), []);
  // Ends session `from` only while it is the current one: a sign-out whose own subscriptions
  // ended before its answer came, or an earlier client's late UNAUTHENTICATED, starts no other.
  const sessionEnded = useCallback(
    (from: number) => setSession((s) => (s.generation === from ? { generation: from + 1, ended: true } : s)),
    [],
  );
  const { generation } = session;
  // `generation` is a dependency on purpose: each new generation gets a new client, and its
  // own live events, so that the previous client's socket closing never reports for this one.
  const live = useMemo(() => createLiveEvents(), [generation]);
  const client = useMemo(
    () =>
      makeClient({ onUnauthenticated: () => sessionEnded(generation), onReconnected: live.reconnected, onStatus: live.setStatus }),
    [makeClient, sessionEnded, generation, live],
  );
  return (
    <Provider value={client}>
      <LiveContext.Provider value={live}>
        <AuthState session={session} sessionEnded={sessionEnded} signedIn={signedIn}>
          {children}
        </AuthState>
      </LiveContext.Provider>
    </Provider>
  );
}

function AuthState({
  children,
  session,
  sessionEnded,
  signedIn,
}: {
  children: ReactNode;
  session: Session;
  sessionEnded: (from: number) => void;
  signedIn: () => void;
}) {
  // Tagged with the session: on a new client urql keeps showing the previous client's answer
  // until the new one comes, and the previous person must not be shown (or trusted) meanwhile.
  const context = useMemo(() => ({ session: session.generation }), [session.generation]);
  const [{ data: answer, error: failure, operation }, reexecute] = useQuery({ query: MeQuery, context });
  const current = operation?.context.session === session.generation;
  const data = current ? answer : undefined;
  const error = current ? failure : undefined;
  const [, signOutMutation] = useMutation(SignOutMutation);

  const value = useMemo<AuthValue>(
    () => ({
      // An ended session still asks `me` (someone may have signed in again in another tab);
      // until it is answered, nobody is signed in.
      me: data ? data.me : session.ended ? null : undefined,
      error: error && !data && !session.ended ? apiError(error) : null,
      retry: () => reexecute({ requestPolicy: 'network-only' }),
      signedIn,
      signOut: async () => {
        // Whatever the api answers (an expired session fails too), the client forgets it all.
        await signOutMutation({});
        sessionEnded(session.generation);
      },
    }),
    [data, error, session, reexecute, signedIn, sessionEnded, signOutMutation],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}
