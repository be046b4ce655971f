import { describe, expect, it } from '@jest/globals';
import { act, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter } from 'react-router-dom';
import { AppRoutes } from '../src/app/AppRoutes';
import { sessionEndedExchange, type ClientOptions } from '../src/app/client';
import { SessionProvider } from '../src/modules/auth/hooks/useAuth';
import { InboxQuery } from '../src/modules/inbox/graphql/inbox';
import { apiFailure, createTestClient } from './support/client';
import { connection } from './support/factories';

const maya = { __typename: 'Me', id: 'u1', email: 'mediator@demo.test', displayName: 'Maya Okafor', orgRole: 'MEDIATOR' };
const SIGN_IN = { name: 'Sign in to Impasse' };
const ended = () => apiFailure('UNAUTHENTICATED', 'Sign in to continue.');

/**
 * The whole app on the pipeline, signed in as Maya, on a fake api whose clients react to
 * UNAUTHENTICATED as the app's own do. Once `end()` is called the session is over: every
 * signed-in question answers UNAUTHENTICATED at once, while `Me` (on a client made after
 * that) is not answered yet, as when the other answers come back first.
 */
function renderSignedIn() {
  let over = false;
  const clients: ReturnType<typeof createTestClient>[] = [];
  const makeClient = ({ onUnauthenticated }: ClientOptions) => {
    const madeAfterEnd = over;
    const api = createTestClient(
      (op) => {
        if (op.name === 'Me') return madeAfterEnd ? 'pending' : { data: { me: over ? null : maya } };
        if (op.name === 'SignOut') {
          over = true;
          // The session's own subscriptions end before the mutation is answered (the api's
          // notice of the ended session can beat the HTTP answer).
          api.push('PipelineChanged', ended());
          return { data: { signOut: true } };
        }
        if (over) return ended();
        if (op.name === 'Cases') return { data: { cases: connection([]) } };
        if (op.name === 'Inbox') return { data: { inbox: [] } };
        throw new Error(op.name);
      },
      { exchanges: [sessionEndedExchange(onUnauthenticated)] },
    );
    clients.push(api);
    // A client that keeps failing its pages would make clients without end; the test says how many.
    if (clients.length > 10) throw new Error('more than ten clients: the app keeps starting new sessions');
    return api.client;
  };
  render(
    <SessionProvider makeClient={makeClient}>
      <MemoryRouter initialEntries={['/']}>
        <AppRoutes />
      </MemoryRouter>
    </SessionProvider>,
  );
  return {
    clients,
    end() {
      over = true;
    },
    /** Everything asked after the first client, other than who is signed in. */
    askedSinceEnd: () => clients.slice(1).flatMap((c) => c.operations.filter((o) => o.name !== 'Me' && o.name !== 'SignOut').map((o) => o.name)),
  };
}

describe('a session that ends while a signed-in page is open', () => {
  it('takes the page to sign-in as soon as a live subscription ends with UNAUTHENTICATED (signed out in another tab)', async () => {
    const app = renderSignedIn();
    expect(await screen.findByRole('heading', { name: 'Pipeline' })).toBeTruthy();
    expect(app.clients[0]!.subscriptions('PipelineChanged')).toHaveLength(1);

    app.end();
    let delivered = 0;
    act(() => {
      delivered = app.clients[0]!.push('PipelineChanged', ended());
    });
    expect(delivered).toBe(1);

    // Not waiting for the api to say who is signed in: the subscription said it.
    expect(await screen.findByRole('heading', SIGN_IN)).toBeTruthy();
    expect(screen.queryByText('Maya Okafor')).toBeNull();
    // One new client, and nothing of a signed-in page asked on it (each such question would
    // fail with UNAUTHENTICATED and start yet another session).
    expect(app.clients.length).toBe(2);
    expect(app.askedSinceEnd()).toEqual([]);
  });

  it('takes the page to sign-in as soon as any query fails with UNAUTHENTICATED', async () => {
    const app = renderSignedIn();
    expect(await screen.findByRole('heading', { name: 'Pipeline' })).toBeTruthy();
    app.end();
    // A query of the open page asks the network again (a refetch); the answer says the session ended.
    await act(() => app.clients[0]!.client.query(InboxQuery, {}, { requestPolicy: 'network-only' }).toPromise());
    expect(await screen.findByRole('heading', SIGN_IN)).toBeTruthy();
    expect(app.clients.length).toBe(2);
    expect(app.askedSinceEnd()).toEqual([]);
  });

  it('shows sign-in right after signing out here, without asking who is signed in first, on one new client', async () => {
    const app = renderSignedIn();
    expect(await screen.findByRole('heading', { name: 'Pipeline' })).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'Sign out' }));
    expect(await screen.findByRole('heading', SIGN_IN)).toBeTruthy();
    expect(screen.queryByText('Maya Okafor')).toBeNull();
    expect(app.clients.length).toBe(2);
    expect(app.askedSinceEnd()).toEqual([]);
  });
});
