import { describe, expect, it } from '@jest/globals';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter, Route, Routes } from 'react-router-dom';
import { Provider } from 'urql';
import { CalendarFeedPanel } from '../src/modules/inbox/components/CalendarFeedPanel';
import { InboxLinkLabel, InboxPage } from '../src/modules/inbox/components/InboxPage';
import type { CalendarFeedView, InboxItemView } from '../src/modules/inbox/graphql/inbox';
import { seriousViolations } from './support/axe';
import { createTestClient } from './support/client';

function reminder(id: string, title: string, patch: Partial<InboxItemView> = {}): InboxItemView {
  return {
    __typename: 'InboxItem',
    id,
    caseId: 'c1',
    deadlineId: `d-${id}`,
    kind: 'DEADLINE_IN_7_DAYS',
    title,
    dueAt: '2026-03-10T21:00:00Z',
    createdAt: '2026-03-03T21:00:00Z',
    readAt: null,
    ...patch,
  } as InboxItemView;
}

function fakeInbox(items: InboxItemView[]) {
  let inbox = items;
  const api = createTestClient((op) => {
    if (op.name === 'Inbox') return { data: { inbox } };
    if (op.name === 'MarkInboxItemRead') {
      const { id } = op.variables as { id: string };
      inbox = inbox.map((item) => (item.id === id ? { ...item, readAt: '2026-03-04T09:00:00Z' } : item));
      return { data: { markInboxItemRead: inbox.find((item) => item.id === id) } };
    }
    throw new Error(`unexpected ${op.name}`);
  });
  render(
    <Provider value={api.client}>
      <MemoryRouter initialEntries={['/inbox']}>
        <nav aria-label="Main">
          <a href="/inbox">
            <InboxLinkLabel />
          </a>
        </nav>
        <Routes>
          <Route path="/inbox" element={<InboxPage />} />
        </Routes>
      </MemoryRouter>
    </Provider>,
  );
  return api;
}

describe('the inbox', () => {
  it('counts unread reminders in the header and marks one read', async () => {
    const api = fakeInbox([
      reminder('r1', 'Discovery cut-off'),
      reminder('r2', 'Next touchpoint', { kind: 'TOUCHPOINT_OVERDUE' }),
      reminder('r3', 'Old report', { readAt: '2026-03-01T09:00:00Z' }),
    ]);
    const rows = await screen.findAllByTestId('inbox-item');
    expect(rows).toHaveLength(3);
    expect(screen.getByTestId('inbox-count').textContent).toBe('2 unread');
    expect(within(rows[1]!).getByText('Touchpoint overdue')).toBeTruthy();
    expect(within(rows[2]!).queryByRole('button', { name: /Mark read/ })).toBeNull();
    expect(await seriousViolations()).toEqual([]);

    await userEvent.click(within(rows[0]!).getByRole('button', { name: 'Mark read: Discovery cut-off' }));
    expect(api.sent('MarkInboxItemRead').map((o) => o.variables)).toEqual([{ id: 'r1' }]);
    expect(await screen.findByText('Marked “Discovery cut-off” read.')).toBeTruthy();
    expect(await screen.findByText('1 unread', { exact: false })).toBeTruthy();
  });

  it('says when there is nothing in it', async () => {
    fakeInbox([]);
    expect(await screen.findByText('No reminders')).toBeTruthy();
    expect(screen.queryByTestId('inbox-count')).toBeNull();
  });
});

describe('the calendar feed', () => {
  function fakeFeed(start: CalendarFeedView | null) {
    let feed = start;
    const api = createTestClient((op) => {
      if (op.name === 'CalendarFeed') return { data: { calendarFeed: feed } };
      if (op.name === 'CreateCalendarFeed') {
        feed = { __typename: 'CalendarFeed', createdAt: '2026-03-04T09:00:00Z', lastUsedAt: null, url: null } as CalendarFeedView;
        return { data: { createCalendarFeed: { ...feed, url: 'https://example.test/calendar/secret-token.ics' } } };
      }
      if (op.name === 'RevokeCalendarFeed') {
        feed = null;
        return { data: { revokeCalendarFeed: true } };
      }
      throw new Error(`unexpected ${op.name}`);
    });
    render(
      <Provider value={api.client}>
        <CalendarFeedPanel />
      </Provider>,
    );
    return api;
  }

  it('creates an address, shows it once, then replaces and revokes it', async () => {
    const api = fakeFeed(null);
    const panel = await screen.findByTestId('calendar-feed');
    expect(within(panel).getByText(/Treat it like a password/)).toBeTruthy();
    await userEvent.click(await within(panel).findByRole('button', { name: 'Create calendar address' }));
    expect((await within(panel).findByLabelText(/Your calendar address/) as HTMLInputElement).value).toBe(
      'https://example.test/calendar/secret-token.ics',
    );
    expect(await seriousViolations()).toEqual([]);
    await userEvent.click(await within(panel).findByRole('button', { name: 'Replace address' }));
    expect(api.sent('CreateCalendarFeed')).toHaveLength(2);
    await userEvent.click(within(panel).getByRole('button', { name: 'Revoke address' }));
    expect(api.sent('RevokeCalendarFeed')).toHaveLength(1);
    expect(await within(panel).findByRole('button', { name: 'Create calendar address' })).toBeTruthy();
    expect(within(panel).queryByLabelText(/Your calendar address/)).toBeNull();
  });
});
