import { describe, expect, it } from '@jest/globals';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter } from 'react-router-dom';
import { AppRoutes } from '../src/app/AppRoutes';
import { SessionProvider } from '../src/modules/auth/hooks/useAuth';
import { apiFailure, createTestClient, type Responder } from './support/client';
import { connection } from './support/factories';

const maya = { __typename: 'Me', id: 'u1', email: 'mediator@demo.test', displayName: 'Maya Okafor', orgRole: 'MEDIATOR' };

/** The whole app at `path`, on a fake api whose session starts signed out. */
function renderApp(path: string, respond: (signedIn: boolean) => Responder) {
  let signedIn = false;
  const clients: ReturnType<typeof createTestClient>[] = [];
  const makeClient = () => {
    const api = createTestClient((operation) => {
      if (operation.name === 'SignIn') {
        const response = respond(signedIn)(operation);
        if (response !== 'pending' && !response.errors) signedIn = true;
        return response;
      }
      if (operation.name === 'SignOut') {
        const response = respond(signedIn)(operation);
        signedIn = false;
        return response;
      }
      return respond(signedIn)(operation);
    });
    clients.push(api);
    return api.client;
  };
  render(
    <SessionProvider makeClient={makeClient}>
      <MemoryRouter initialEntries={[path]}>
        <AppRoutes />
      </MemoryRouter>
    </SessionProvider>,
  );
  return { clients, sent: (name: string) => clients.flatMap((c) => c.sent(name)) };
}

describe('signing in', () => {
  it('sends a signed-out person to the sign-in form, with labelled fields', async () => {
    renderApp('/', () => (op) => (op.name === 'Me' ? { data: { me: null } } : { data: null }));
    expect(await screen.findByRole('heading', { name: 'Sign in to Impasse' })).toBeTruthy();
    expect(screen.getByLabelText('E-mail')).toBeTruthy();
    expect(screen.getByLabelText('Password')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Sign in' })).toBeTruthy();
  });

  it('shows the api’s own message in an alert when the password is wrong', async () => {
    const app = renderApp('/sign-in', () => (op) =>
      op.name === 'Me'
        ? { data: { me: null } }
        : apiFailure('UNAUTHENTICATED', 'That e-mail and password do not match an account.'),
    );
    await userEvent.type(await screen.findByLabelText('E-mail'), 'mediator@demo.test');
    await userEvent.type(screen.getByLabelText('Password'), 'wrong');
    await userEvent.click(screen.getByRole('button', { name: 'Sign in' }));

    expect((await screen.findByRole('alert')).textContent).toBe('That e-mail and password do not match an account.');
    expect(app.sent('SignIn').map((o) => o.variables)).toEqual([
      { input: { email: 'mediator@demo.test', password: 'wrong' } },
    ]);
    expect(screen.getByRole('button', { name: 'Sign in' })).toBeTruthy();
  });

  it('shows a 404 page at an unknown address', async () => {
    renderApp('/nowhere-yet', () => (op) => (op.name === 'Me' ? { data: { me: null } } : { data: null }));
    expect(await screen.findByRole('heading', { name: 'Page not found' })).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Go to the pipeline' }).getAttribute('href')).toBe('/');
  });

  it('goes back to the page that asked for the sign-in', async () => {
    const app = renderApp('/cases/c-42', (signedIn) => (op) => {
      if (op.name === 'Me') return { data: { me: signedIn ? maya : null } };
      if (op.name === 'SignIn') return { data: { signIn: { __typename: 'SignInPayload', me: maya } } };
      if (op.name === 'Case') return apiFailure('NOT_FOUND', 'No case with that id exists, or you do not have access to it.');
      if (op.name === 'Inbox') return { data: { inbox: [] } };
      throw new Error(op.name);
    });
    await userEvent.type(await screen.findByLabelText('E-mail'), 'mediator@demo.test');
    await userEvent.type(screen.getByLabelText('Password'), 'mediate-demo');
    await userEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByRole('heading', { name: 'Case not found' })).toBeTruthy();
    expect(app.sent('Case').length).toBeGreaterThan(0);
    expect(app.sent('Case').every((o) => (o.variables as { id: string }).id === 'c-42')).toBe(true);
  });
});

describe('a session', () => {
  it('signs in, lands on the pipeline with a new client, and signs out again', async () => {
    const app = renderApp('/', (signedIn) => (op) => {
      switch (op.name) {
        case 'Me':
          return { data: { me: signedIn ? maya : null } };
        case 'SignIn':
          return { data: { signIn: { __typename: 'SignInPayload', me: maya } } };
        case 'Cases':
          return { data: { cases: connection([]) } };
        case 'SignOut':
          return { data: { signOut: true } };
        case 'Inbox':
          return { data: { inbox: [] } };
        default:
          throw new Error(op.name);
      }
    });
    await userEvent.type(await screen.findByLabelText('E-mail'), 'mediator@demo.test');
    await userEvent.type(screen.getByLabelText('Password'), 'mediate-demo');
    await userEvent.click(screen.getByRole('button', { name: 'Sign in' }));

    expect(await screen.findByRole('heading', { name: 'Pipeline' })).toBeTruthy();
    expect(screen.getByText('Maya Okafor')).toBeTruthy();
    expect(screen.getByText('No cases yet')).toBeTruthy();
    // Nothing cached while signed out may leak into the session: it runs on a new client.
    expect(app.clients.length).toBeGreaterThanOrEqual(2);
    expect(app.clients[0]?.sent('Cases')).toHaveLength(0);

    await userEvent.click(screen.getByRole('button', { name: 'Sign out' }));
    expect(await screen.findByRole('heading', { name: 'Sign in to Impasse' })).toBeTruthy();
    expect(app.sent('SignOut')).toHaveLength(1);
  });
});

describe('a forgotten password', () => {
  it('links from sign-in to a request form that answers the same for any address', async () => {
    const app = renderApp('/sign-in', () => (op) => {
      if (op.name === 'Me') return { data: { me: null } };
      if (op.name === 'RequestPasswordReset') return { data: { requestPasswordReset: true } };
      throw new Error(`unexpected ${op.name}`);
    });
    await userEvent.click(await screen.findByRole('link', { name: 'Forgot password?' }));
    await userEvent.type(await screen.findByLabelText('E-mail'), 'someone@example.test');
    await userEvent.click(screen.getByRole('button', { name: 'Send the link' }));
    expect((await screen.findByTestId('reset-requested')).textContent).toMatch(/If someone@example\.test has an account, a link/);
    expect(app.sent('RequestPasswordReset')[0]!.variables).toEqual({ email: 'someone@example.test' });
  });

  it('sets a new password from the link, shows the server’s advice at the field, then goes to sign-in', async () => {
    let tries = 0;
    const app = renderApp('/reset-password/tok-9', () => (op) => {
      if (op.name === 'Me') return { data: { me: null } };
      if (op.name === 'ResetPassword') {
        tries += 1;
        return tries === 1
          ? { errors: [{ message: 'password: too easy to guess. Add another word or two.', extensions: { code: 'BAD_USER_INPUT', field: 'password' } }] }
          : { data: { resetPassword: true } };
      }
      throw new Error(`unexpected ${op.name}`);
    });
    await userEvent.type(await screen.findByLabelText('New password'), 'password1234');
    await userEvent.click(screen.getByRole('button', { name: 'Set the new password' }));
    expect(await screen.findByText('too easy to guess. Add another word or two.')).toBeTruthy();
    await userEvent.clear(screen.getByLabelText('New password'));
    await userEvent.type(screen.getByLabelText('New password'), 'quiet lantern orbit meadow');
    await userEvent.click(screen.getByRole('button', { name: 'Set the new password' }));
    expect(await screen.findByText('Your password was changed. Sign in with the new one.')).toBeTruthy();
    expect(app.sent('ResetPassword').map((o) => o.variables)).toEqual([
      { token: 'tok-9', password: 'password1234' },
      { token: 'tok-9', password: 'quiet lantern orbit meadow' },
    ]);
  });
});
