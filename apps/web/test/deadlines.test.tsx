import { describe, expect, it } from '@jest/globals';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter } from 'react-router-dom';
import { Provider } from 'urql';
import { MonthCalendar } from '../src/modules/deadlines/components/MonthCalendar';
import { DeadlinesPage } from '../src/modules/deadlines/components/DeadlinesPage';
import { byDay, dayKey, monthGrid } from '../src/modules/deadlines/lib/calendar';
import type { DeadlineView } from '../src/modules/cases/graphql/case';
import { createTestClient } from './support/client';
import { seriousViolations } from './support/axe';

function deadline(id: string, title: string, dueAt: string, patch: Partial<DeadlineView> = {}): DeadlineView {
  return {
    __typename: 'Deadline',
    id,
    kind: 'FILING_DEADLINE',
    title,
    dueAt,
    doneAt: null,
    source: 'COURT_ORDER',
    ownerParticipantId: null,
    ownerName: null,
    ...patch,
  } as DeadlineView;
}

describe('calendar arithmetic', () => {
  it('puts a moment on the day it has in the viewer’s zone, across a month end', () => {
    // 23:30 in New York on March 31 is already April 1 in Berlin and in Tokyo.
    const iso = '2026-04-01T03:30:00Z';
    expect(dayKey(iso, 'America/New_York')).toBe('2026-03-31');
    expect(dayKey(iso, 'Europe/Berlin')).toBe('2026-04-01');
    expect(dayKey(iso, 'Asia/Tokyo')).toBe('2026-04-01');
    // Across a year end, and on the day New York changes to daylight time.
    expect(dayKey('2027-01-01T04:59:00Z', 'America/New_York')).toBe('2026-12-31');
    expect(dayKey('2026-03-08T06:59:00Z', 'America/Los_Angeles')).toBe('2026-03-07');
    expect(dayKey('2026-03-08T08:00:00Z', 'America/Los_Angeles')).toBe('2026-03-08');
  });

  it('lays months out in whole weeks, Sunday first', () => {
    const march = monthGrid({ year: 2026, month: 3 });
    expect(march[0]![0]).toEqual({ key: '2026-03-01', day: 1, inMonth: true });
    expect(march.every((week) => week.length === 7)).toBe(true);
    const february = monthGrid({ year: 2026, month: 2 });
    expect(february[0]![0]!.key).toBe('2026-02-01');
    expect(february).toHaveLength(4);
    const may = monthGrid({ year: 2026, month: 5 });
    expect(may[0]![0]).toEqual({ key: '2026-04-26', day: 26, inMonth: false });
    expect(may.at(-1)!.at(-1)!.key).toBe('2026-06-06');
  });

  it('groups items by day, soonest first', () => {
    const items = [deadline('b', 'B', '2026-03-10T20:00:00Z'), deadline('a', 'A', '2026-03-10T13:00:00Z'), deadline('c', 'C', '2026-03-11T02:00:00Z')];
    const days = byDay(items, 'America/New_York');
    expect(days.get('2026-03-10')!.map((d) => d.id)).toEqual(['a', 'b', 'c']);
    expect(byDay(items, 'UTC').get('2026-03-11')!.map((d) => d.id)).toEqual(['c']);
  });
});

describe('the month calendar', () => {
  const now = new Date('2026-03-20T12:00:00Z');
  const items = [
    deadline('d1', 'Discovery cut-off', '2026-03-10T21:00:00Z'),
    deadline('d2', 'Report to the court', '2026-04-01T03:30:00Z'),
  ];

  function show(zone: string) {
    render(<MonthCalendar items={items} timeZone={zone} now={now} label="Deadlines" renderItem={(d) => <span>{d.title}</span>} />);
    return screen.getByTestId('deadline-calendar');
  }

  it('shows a late-evening New York deadline on March 31 in New York, and in April in Berlin', async () => {
    const calendar = show('America/New_York');
    expect(within(calendar).getByText('Times in America/New_York.', { exact: false })).toBeTruthy();
    const cell = calendar.querySelector('td[data-day="2026-03-31"]')!;
    expect(cell.textContent).toContain('Report to the court');
    // Overdue is marked in words, not colour alone.
    const overdueDay = within(calendar).getByRole('button', { name: /March 10, 2026: 1 deadline, 1 overdue/ });
    expect(overdueDay.closest('td')!.className).toContain('calendar__cell--overdue');
    await userEvent.click(within(calendar).getByRole('button', { name: /Next month/ }));
    expect(calendar.getAttribute('data-month')).toBe('2026-04');
    expect(calendar.querySelector('td[data-day="2026-04-01"]')!.getAttribute('data-count')).toBe('0');
  });

  it('moves the report to April 1 for a viewer in Berlin', async () => {
    const calendar = show('Europe/Berlin');
    expect(calendar.querySelector('td[data-day="2026-03-31"]')!.getAttribute('data-count')).toBe('0');
    await userEvent.click(within(calendar).getByRole('button', { name: /Next month/ }));
    expect(calendar.querySelector('td[data-day="2026-04-01"]')!.textContent).toContain('Report to the court');
  });

  it('is used with the keyboard: arrows move by day and week, Enter shows the day', async () => {
    const calendar = show('UTC');
    const today = within(calendar).getByRole('button', { name: /March 20, 2026 \(today\)/ });
    expect(today.tabIndex).toBe(0);
    today.focus();
    await userEvent.keyboard('{ArrowUp}{ArrowUp}{ArrowLeft}{ArrowLeft}{ArrowLeft}{ArrowLeft}');
    expect(document.activeElement?.getAttribute('data-day')).toBe('2026-03-02');
    await userEvent.keyboard('{ArrowRight}{ArrowRight}{ArrowRight}{ArrowRight}{ArrowRight}{ArrowRight}{ArrowRight}{ArrowRight}{Enter}');
    expect(document.activeElement?.getAttribute('data-day')).toBe('2026-03-10');
    expect(within(screen.getByTestId('calendar-day')).getByText('Discovery cut-off')).toBeTruthy();
    // Past the month's end the calendar turns the page.
    await userEvent.keyboard('{ArrowDown}{ArrowDown}{ArrowDown}');
    expect(calendar.getAttribute('data-month')).toBe('2026-03');
    await userEvent.keyboard('{ArrowDown}');
    expect(calendar.getAttribute('data-month')).toBe('2026-04');
    expect(document.activeElement?.getAttribute('data-day')).toBe('2026-04-07');
  });
});

describe('the Deadlines page', () => {
  const now = new Date('2026-03-20T12:00:00Z');
  function answer() {
    return createTestClient((op) => {
      if (op.name !== 'MyDeadlines') throw new Error(`unexpected ${op.name}`);
      return {
        data: {
          cases: {
            __typename: 'CaseConnection',
            pageInfo: { __typename: 'PageInfo', hasNextPage: false, endCursor: null },
            edges: [
              {
                __typename: 'CaseEdge',
                node: {
                  __typename: 'Case',
                  id: 'c1',
                  caption: 'Alvarez v. Northgate',
                  docketNumber: null,
                  courtReportFilings: [],
                  deadlines: [
                    deadline('d1', 'Discovery cut-off', '2026-03-10T21:00:00Z'),
                    deadline('d9', 'Old filing', '2026-01-10T21:00:00Z', { doneAt: '2026-01-09T10:00:00Z' }),
                  ],
                },
              },
              {
                __typename: 'CaseEdge',
                node: {
                  __typename: 'Case',
                  id: 'c2',
                  caption: 'Chen v. Brooks',
                  docketNumber: null,
                  courtReportFilings: [],
                  deadlines: [deadline('d2', 'Next touchpoint', '2026-03-25T14:00:00Z', { kind: 'NEXT_TOUCHPOINT' })],
                },
              },
            ],
          },
        },
      };
    });
  }

  function renderPage() {
    const api = answer();
    render(
      <Provider value={api.client}>
        <MemoryRouter>
          <DeadlinesPage zone="America/New_York" now={now} />
        </MemoryRouter>
      </Provider>,
    );
    return api;
  }

  it('lists the open deadlines of every case, soonest first, overdue marked, with the zone', async () => {
    renderPage();
    const rows = await screen.findAllByTestId('my-deadline');
    expect(rows.map((r) => r.querySelector('.record__title')!.textContent)).toEqual(['Discovery cut-off', 'Next touchpoint']);
    expect(within(rows[0]!).getByText('Overdue')).toBeTruthy();
    expect(within(rows[0]!).getByRole('link', { name: 'Alvarez v. Northgate' }).getAttribute('href')).toBe('/cases/c1');
    expect(rows[0]!.textContent).toMatch(/Mar 10, 2026, 5:00\s?PM EDT/);
    expect(screen.queryByText('Old filing')).toBeNull();
    expect(screen.getByText(/Times in America\/New_York/)).toBeTruthy();
    expect(await seriousViolations()).toEqual([]);
  });

  it('shows them on a month calendar, axe-clean', async () => {
    renderPage();
    await screen.findAllByTestId('my-deadline');
    await userEvent.click(screen.getByRole('button', { name: 'Calendar' }));
    const calendar = screen.getByTestId('deadline-calendar');
    expect(calendar.querySelector('td[data-day="2026-03-25"]')!.textContent).toContain('Next touchpoint');
    await userEvent.click(within(calendar).getByRole('button', { name: /March 25, 2026/ }));
    expect(within(screen.getByTestId('calendar-day')).getByRole('link', { name: 'Chen v. Brooks' })).toBeTruthy();
    expect(await seriousViolations()).toEqual([]);
  });
});

/** A report to the court as the Deadlines page reads it. */
function reportDue(id: string, dueAt: string, patch: Record<string, unknown> = {}) {
  return {
    __typename: 'CourtReportFiling',
    id,
    process: 'MEDIATION',
    sessionOn: '2026-03-05',
    dueAt,
    deadlineId: null as string | null, // a program administrator reads no deadline
    status: 'DUE',
    filedOn: null,
    timeZone: 'America/New_York',
    ...patch,
  };
}

describe('the Deadlines page of a program administrator', () => {
  const now = new Date('2026-03-12T12:00:00Z');
  /** What the api answers a program administrator: no deadlines (case-shared), the reports (court-reportable). */
  function renderFor(nodes: Record<string, unknown>[]) {
    const api = createTestClient((op) => {
      if (op.name !== 'MyDeadlines') throw new Error(`unexpected ${op.name}`);
      return {
        data: {
          cases: {
            __typename: 'CaseConnection',
            pageInfo: { __typename: 'PageInfo', hasNextPage: false, endCursor: null },
            edges: nodes.map((node) => ({ __typename: 'CaseEdge', node: { __typename: 'Case', docketNumber: null, deadlines: [], courtReportFilings: [], ...node } })),
          },
        },
      };
    });
    render(
      <Provider value={api.client}>
        <MemoryRouter>
          <DeadlinesPage zone="America/New_York" now={now} />
        </MemoryRouter>
      </Provider>,
    );
    return api;
  }

  it('lists every report due on the program’s cases, with caption, docket, kind, due date and whether it is filed', async () => {
    renderFor([
      {
        id: 'c1',
        caption: 'Okoye v. Brightline',
        docketNumber: '2026-CV-02214',
        courtReportFilings: [reportDue('r1', '2026-03-15T21:00:00Z'), reportDue('r0', '2026-02-20T22:00:00Z', { sessionOn: '2026-02-10', status: 'FILED', filedOn: '2026-02-18' })],
      },
      {
        id: 'c2',
        caption: 'Delgado v. Summit Insurance',
        docketNumber: '2026-CV-01977',
        courtReportFilings: [reportDue('r2', '2026-03-20T21:00:00Z', { process: 'SETTLEMENT_CONFERENCE', sessionOn: '2026-03-10' })],
      },
      { id: 'c3', caption: 'Nothing due v. Anyone' },
    ]);
    const rows = await screen.findAllByTestId('my-deadline');
    expect(rows.map((r) => r.querySelector('.record__title')!.textContent)).toEqual([
      'Report to the court: mediation of Mar 5, 2026',
      'Report to the court: settlement conference of Mar 10, 2026',
    ]);
    expect(rows[0]!.textContent).toMatch(/Mar 15, 2026, 5:00\s?PM EDT/);
    expect(within(rows[1]!).getByRole('link', { name: 'Delgado v. Summit Insurance' }).getAttribute('href')).toBe('/cases/c2');
    // A report has the mediator as its owner: the page does not pretend it has none.
    expect(rows[0]!.textContent).not.toContain('No owner');
    const table = screen.getByRole('region', { name: 'Reports to the court' });
    const lines = within(table)
      .getAllByTestId('report-due')
      .map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent));
    expect(lines).toEqual([
      ['Okoye v. Brightline', '2026-CV-02214', 'Mediation of Mar 5, 2026', expect.stringMatching(/^Mar 15, 2026, 5:00\s?PM EDT$/), 'Not filed'],
      ['Delgado v. Summit Insurance', '2026-CV-01977', 'Settlement conference of Mar 10, 2026', expect.stringMatching(/^Mar 20, 2026, 5:00\s?PM EDT$/), 'Not filed'],
      ['Okoye v. Brightline', '2026-CV-02214', 'Mediation of Feb 10, 2026', expect.stringMatching(/^Feb 20, 2026, 5:00\s?PM EST$/), 'Filed Feb 18, 2026'],
    ]);
    expect(await seriousViolations()).toEqual([]);
  });

  it('puts the reports due on the calendar too', async () => {
    renderFor([{ id: 'c1', caption: 'Okoye v. Brightline', courtReportFilings: [reportDue('r1', '2026-03-15T21:00:00Z')] }]);
    await screen.findAllByTestId('my-deadline');
    await userEvent.click(screen.getByRole('button', { name: 'Calendar' }));
    const calendar = screen.getByTestId('deadline-calendar');
    expect(calendar.querySelector('td[data-day="2026-03-15"]')!.textContent).toContain('Report to the court: mediation of Mar 5, 2026');
  });

  it('lists a report once for whoever also reads its deadline (the mediator)', async () => {
    renderFor([
      {
        id: 'c1',
        caption: 'Okoye v. Brightline',
        deadlines: [deadline('deadline-of-r1', "Mediator's report to the court", '2026-03-15T21:00:00Z', { kind: 'MEDIATOR_REPORT', source: 'RULE', ownerName: 'Maya Okafor' })],
        courtReportFilings: [reportDue('r1', '2026-03-15T21:00:00Z', { deadlineId: 'deadline-of-r1' })],
      },
    ]);
    const rows = await screen.findAllByTestId('my-deadline');
    expect(rows.map((r) => r.querySelector('.record__title')!.textContent)).toEqual(["Mediator's report to the court"]);
    expect(rows[0]!.textContent).toContain('Owner: Maya Okafor');
    expect(within(screen.getByRole('region', { name: 'Reports to the court' })).getAllByTestId('report-due')).toHaveLength(1);
  });

  it('says so when nothing is due, and shows no reports table without reports', async () => {
    renderFor([{ id: 'c3', caption: 'Nothing due v. Anyone' }]);
    expect(await screen.findByText('No open deadlines')).toBeTruthy();
    expect(screen.queryByRole('region', { name: 'Reports to the court' })).toBeNull();
  });
});

describe('the case page’s deadlines', () => {
  it('switch between the list and a calendar', async () => {
    const { renderCasePage } = await import('./support/case-page');
    const { newCaseDetail } = await import('./support/factories');
    const soon = new Date(Date.now() + 2 * 24 * 60 * 60 * 1000).toISOString();
    renderCasePage(newCaseDetail({ deadlines: [deadline('d1', 'Discovery cut-off', soon)] }));
    const panel = await screen.findByTestId('deadlines');
    expect(within(panel).getByRole('button', { name: 'List' }).getAttribute('aria-pressed')).toBe('true');
    await userEvent.click(within(panel).getByRole('button', { name: 'Calendar' }));
    const calendar = within(panel).getByTestId('deadline-calendar');
    const key = dayKey(soon, Intl.DateTimeFormat().resolvedOptions().timeZone)!;
    if (calendar.getAttribute('data-month') !== key.slice(0, 7)) await userEvent.click(within(calendar).getByRole('button', { name: /Next month/ }));
    expect(calendar.querySelector(`td[data-day="${key}"]`)!.textContent).toContain('Discovery cut-off');
    expect(await seriousViolations()).toEqual([]);
  });
});
