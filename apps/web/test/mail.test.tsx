import { describe, expect, it, jest } from '@jest/globals';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter, Route, Routes } from 'react-router-dom';
import { Provider } from 'urql';
import { InvitePanel, invitationState } from '../src/modules/confidential/components/InvitePanel';
import type { CaseInvitationView } from '../src/modules/confidential/graphql/confidential';
import { OutboxPage } from '../src/modules/mail/components/OutboxPage';
import { SettingsPage } from '../src/modules/mail/components/SettingsPage';
import { UnsubscribePage } from '../src/modules/mail/components/UnsubscribePage';
import type { OutboxMailView } from '../src/modules/mail/graphql/mail';
import { textWithLinks } from '../src/modules/mail/lib/mail';
import { seriousViolations } from './support/axe';
import { createTestClient, type Responder } from './support/client';

function renderWith(ui: React.ReactNode, respond: Responder) {
  const api = createTestClient(respond);
  render(
    <Provider value={api.client}>
      <MemoryRouter>{ui}</MemoryRouter>
    </Provider>,
  );
  return { api };
}

function invitationRow(patch: Partial<CaseInvitationView>): CaseInvitationView {
  return {
    __typename: 'CaseInvitation',
    id: 'i1',
    email: 'ines@example.test',
    displayName: 'Ines Invitee',
    role: 'COUNSEL',
    sideLabel: 'Acme Supply',
    createdAt: '2026-03-01T10:00:00Z',
    expiresAt: '2026-03-08T10:00:00Z',
    acceptedAt: null,
    expired: false,
    mailStatus: 'SENT',
    mailReply: '250 OK',
    mailAt: '2026-03-01T10:00:05Z',
    ...patch,
  } as CaseInvitationView;
}

describe('the invitations of a case', () => {
  it('says per invitation whether its mail was sent, refused by the mail server, or the invitation accepted', async () => {
    const items = [
      invitationRow({ id: 'a', displayName: 'Ann Accepted', acceptedAt: '2026-03-02T09:00:00Z' }),
      invitationRow({ id: 'r', displayName: 'Rob Refused', mailStatus: 'REFUSED', mailReply: '550 5.1.1 User unknown' }),
      invitationRow({ id: 's', displayName: 'Sam Sent' }),
    ];
    renderWith(<InvitePanel caseId="c1" sides={[{ __typename: 'Side', id: 'side-a', label: 'Acme Supply', role: 'CLAIMANT', status: 'ACTIVE' } as never]} />, (op) => {
      if (op.name === 'CaseInvitations') return { data: { caseInvitations: items } };
      throw new Error(`unexpected ${op.name}`);
    });
    const list = await screen.findByTestId('invitations');
    const rows = within(list).getAllByTestId('invitation');
    expect(rows.map((r) => r.textContent)).toEqual([
      expect.stringMatching(/Ann Accepted.*Accepted$/),
      expect.stringMatching(/Rob Refused.*Mail refused by the mail server: 550 5\.1\.1 User unknown$/),
      expect.stringMatching(/Sam Sent.*Mail sent, not accepted yet$/),
    ]);
    expect(await seriousViolations()).toEqual([]);
  });

  it('names every state', () => {
    expect(invitationState({ acceptedAt: null, expired: false, mailStatus: 'KEPT', mailReply: null }).label).toMatch(/Outbox/);
    expect(invitationState({ acceptedAt: null, expired: true, mailStatus: 'SENT', mailReply: null }).label).toMatch(/Expired/);
    expect(invitationState({ acceptedAt: null, expired: false, mailStatus: 'FAILED', mailReply: null }).tone).toBe('problem');
  });
});

describe('the Outbox', () => {
  const mail = (patch: Partial<OutboxMailView>): OutboxMailView =>
    ({
      __typename: 'OutboxMail',
      id: 'm1',
      kind: 'INVITATION',
      to: 'ines@example.test',
      subject: 'Maya Okafor invited you to Acme v. Beta',
      status: 'KEPT',
      createdAt: '2026-03-01T10:00:00Z',
      finishedAt: '2026-03-01T10:00:00Z',
      attempts: 0,
      lastReply: null,
      text: 'Hello Ines,\n\nOpen the invitation:\nhttp://127.0.0.1:3000/invite/tok-1\n',
      ...patch,
    }) as OutboxMailView;

  it('opens a kept mail with its links to follow, and says nothing is sent without a mail server', async () => {
    renderWith(<OutboxPage />, (op) => {
      if (op.name === 'Outbox') return { data: { outbox: [mail({}), mail({ id: 'm2', status: 'SENT', text: null, subject: 'Reset your password', kind: 'PASSWORD_RESET' })], mailDelivery: { __typename: 'MailDelivery', smtp: false } } };
      throw new Error(`unexpected ${op.name}`);
    });
    expect(await screen.findByText(/nothing is sent: every mail of your organisation is kept here/)).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'Maya Okafor invited you to Acme v. Beta' }));
    const open = screen.getByTestId('outbox-open');
    expect(within(open).getByRole('link', { name: 'http://127.0.0.1:3000/invite/tok-1' }).getAttribute('href')).toBe('http://127.0.0.1:3000/invite/tok-1');
    await userEvent.click(screen.getByRole('button', { name: 'Reset your password' }));
    expect(within(screen.getByTestId('outbox-open')).getByText(/its text and links are not kept/)).toBeTruthy();
  });

  it('makes links of http(s) addresses only', () => {
    expect(textWithLinks('see javascript:alert(1) and https://a.test/x.')).toEqual([
      { text: 'see javascript:alert(1) and ' },
      { text: 'https://a.test/x', href: 'https://a.test/x' },
      { text: '.' },
    ]);
  });
});

describe('the Settings page', () => {
  it('shows and saves what the person gets by e-mail', async () => {
    let saved: unknown = null;
    const { api } = renderWith(<SettingsPage />, (op) => {
      if (op.name === 'MailPreferences') return { data: { myMailPreferences: { __typename: 'MailPreferences', reminders: 'EACH', agreements: true } } };
      if (op.name === 'SetMailPreferences') {
        saved = op.variables;
        return { data: { setMailPreferences: { __typename: 'MailPreferences', reminders: 'DAILY_DIGEST', agreements: false } } };
      }
      throw new Error(`unexpected ${op.name}`);
    });
    const each = (await screen.findByLabelText('Each reminder by e-mail')) as HTMLInputElement;
    expect(each.checked).toBe(true);
    await userEvent.click(screen.getByLabelText('One digest a day'));
    await userEvent.click(screen.getByLabelText('Agreement notices (ready to sign, binding)'));
    await userEvent.click(screen.getByRole('button', { name: 'Save e-mail preferences' }));
    expect(await screen.findByText('Saved.')).toBeTruthy();
    expect(saved).toEqual({ input: { reminders: 'DAILY_DIGEST', agreements: false } });
    expect(api.sent('SetMailPreferences')).toHaveLength(1);
    expect(await seriousViolations()).toEqual([]);
  });

  it('changes the password after the current one, showing a refusal at its field', async () => {
    renderWith(<SettingsPage />, (op) => {
      if (op.name === 'MailPreferences') return { data: { myMailPreferences: { __typename: 'MailPreferences', reminders: 'OFF', agreements: true } } };
      if (op.name === 'ChangePassword') {
        return { errors: [{ message: 'That password is not right: type the password you sign in with.', extensions: { code: 'BAD_USER_INPUT', field: 'password' } }] };
      }
      throw new Error(`unexpected ${op.name}`);
    });
    await userEvent.type(await screen.findByLabelText('Current password'), 'wrong one');
    await userEvent.type(screen.getByLabelText('New password'), 'quiet lantern orbit');
    await userEvent.click(screen.getByRole('button', { name: 'Change password' }));
    expect(await screen.findByText('That password is not right: type the password you sign in with.')).toBeTruthy();
  });
});

describe('the unsubscribe page', () => {
  it('changes nothing until the button posts the one-click request', async () => {
    // jsdom has no Response: an answer of the shape the page reads.
    const fetchMock = jest.fn(async (_url: string, _init?: RequestInit) => ({ ok: true, status: 200, text: async () => 'Unsubscribed: you will get no more deadline reminders by e-mail.\n' }));
    const original = globalThis.fetch;
    globalThis.fetch = fetchMock as unknown as typeof fetch;
    try {
      const api = createTestClient(() => {
        throw new Error('no GraphQL here');
      });
      render(
        <Provider value={api.client}>
          <MemoryRouter initialEntries={['/mail/unsubscribe/tok.REMINDERS.sig']}>
            <Routes>
              <Route path="/mail/unsubscribe/:token" element={<UnsubscribePage />} />
            </Routes>
          </MemoryRouter>
        </Provider>,
      );
      expect(fetchMock).not.toHaveBeenCalled();
      await userEvent.click(screen.getByRole('button', { name: 'Unsubscribe' }));
      expect((await screen.findByTestId('unsubscribed')).textContent).toMatch(/no more deadline reminders/);
      expect(fetchMock).toHaveBeenCalledWith('/mail/unsubscribe/tok.REMINDERS.sig', expect.objectContaining({ method: 'POST', body: 'List-Unsubscribe=One-Click' }));
    } finally {
      globalThis.fetch = original;
    }
  });
});
