import { describe, expect, it } from '@jest/globals';
import { act, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter, useLocation } from 'react-router-dom';
import { Provider } from 'urql';
import type { CaseSummary } from '../src/modules/cases/graphql/case';
import { AuthContext, type AuthValue } from '../src/modules/auth/hooks/useAuth';
import { createLiveEvents, LiveContext } from '../src/modules/live/live';
import type { CaseOutcome } from '../src/modules/pipeline/graphql/outcomes';
import { PipelinePage } from '../src/modules/pipeline/components/PipelinePage';
import { readFilters, toCaseFilter, writeFilters } from '../src/modules/pipeline/lib/filters';
import { sortCases } from '../src/modules/pipeline/lib/sorting';
import { apiFailure, createTestClient, type Responder } from './support/client';
import { answerCases, newCase } from './support/factories';

/** Shows the address the page wrote, as a test would read the browser's. */
function Address() {
  const location = useLocation();
  return <output data-testid="address">{location.search}</output>;
}

function renderPipeline(respond: Responder, path = '/', orgRole: 'MEDIATOR' | 'PROGRAM_ADMIN' = 'MEDIATOR') {
  const api = createTestClient(respond);
  const live = createLiveEvents();
  const auth: AuthValue = {
    me: { id: 'user-1', email: 'me@example.test', displayName: 'Me', orgRole },
    error: null,
    retry: () => undefined,
    signedIn: () => undefined,
    signOut: async () => undefined,
  };
  render(
    <Provider value={api.client}>
      <AuthContext.Provider value={auth}>
        <LiveContext.Provider value={live}>
          <MemoryRouter initialEntries={[path]}>
            <PipelinePage />
            <Address />
          </MemoryRouter>
        </LiveContext.Provider>
      </AuthContext.Provider>
    </Provider>,
  );
  return { ...api, live };
}

/** A fake api whose `cases` query answers from `cases()` with filters and cursors applied. */
function fakeApi(cases: () => readonly CaseSummary[]): Responder {
  const answer = answerCases(cases);
  return (operation) => {
    if (operation.name === 'Cases') return answer(operation.variables);
    throw new Error(`unexpected operation ${operation.name}`);
  };
}

const alvarez = newCase({
  caption: 'Alvarez v. Northgate Logistics',
  docketNumber: '2026-CV-01482',
  disputeType: 'PERSONAL_INJURY',
  updatedAt: '2026-03-03T10:00:00Z',
  nextDeadlineAt: '2026-03-10T21:00:00Z',
  needsAttention: ['DEADLINE_WITHIN_7_DAYS'],
  state: { resolution: 'intake', litigation: 'notFiled', done: false },
});
const chen = newCase({
  caption: 'In re Marriage of Chen and Brooks',
  docketNumber: '2026-FL-00317',
  disputeType: 'FAMILY',
  updatedAt: '2026-03-01T10:00:00Z',
  nextDeadlineAt: '2026-04-02T14:30:00Z',
  state: { resolution: 'mediation.scheduled', litigation: 'notFiled', done: false },
});
const harbor = newCase({
  caption: 'Harbor & Finch Partners dissolution',
  docketNumber: null,
  disputeType: 'BUSINESS',
  updatedAt: '2026-03-02T10:00:00Z',
  needsAttention: ['IMPASSE_WITHOUT_OWNER', 'OVERDUE_TOUCHPOINT'],
  state: { resolution: 'impasse', litigation: 'notFiled', done: false },
});
const all = [alvarez, chen, harbor];

const board = () => screen.getByRole('tabpanel');
const attention = () => screen.getByRole('region', { name: /^Needs attention/ });
const captionsInTable = () =>
  within(screen.getByRole('table'))
    .getAllByRole('row')
    .slice(1)
    .map((row) => within(row).getByRole('link').textContent);
const lastVariables = (api: ReturnType<typeof renderPipeline>, pick: (v: { filter: unknown }) => boolean = () => true) =>
  api
    .sent('Cases')
    .map((o) => o.variables as { filter: Record<string, unknown> | null; first: number; after: string | null })
    .filter(pick)
    .at(-1);

describe('the pipeline', () => {
  it('says it is loading while the api has not answered', async () => {
    renderPipeline(() => 'pending');
    const statuses = screen.getAllByRole('status').map((s) => s.textContent);
    expect(statuses).toContain('Loading cases…');
    expect(statuses).toContain('Looking for cases that need attention…');
  });

  it('says when there are no cases yet, and that nothing needs attention', async () => {
    renderPipeline(fakeApi(() => []));
    expect(await screen.findByText('No cases yet')).toBeTruthy();
    expect(within(attention()).getByText('Nothing needs attention')).toBeTruthy();
  });

  it('shows the api’s message when the cases cannot be loaded, with a way to retry', async () => {
    let fail = true;
    const ok = fakeApi(() => all);
    const api = renderPipeline((op) => (fail ? apiFailure('INTERNAL_SERVER_ERROR', 'Something went wrong on our side.') : ok(op)));
    const alert = within(await screen.findByRole('tabpanel')).getByRole('alert');
    expect(alert.textContent).toContain('Your cases could not be loaded');
    expect(alert.textContent).toContain('Something went wrong on our side.');
    fail = false;
    const before = api.sent('Cases').length;
    await userEvent.click(within(alert).getByRole('button', { name: 'Try again' }));
    expect(await within(board()).findByRole('link', { name: 'Alvarez v. Northgate Logistics' })).toBeTruthy();
    expect(api.sent('Cases').length).toBeGreaterThan(before);
  });

  it('switches between Board and Table, keeping each case a link named by its caption', async () => {
    renderPipeline(fakeApi(() => all));
    const boardTab = await screen.findByRole('tab', { name: 'Board' });
    expect(boardTab.getAttribute('aria-selected')).toBe('true');
    const chenLink = await within(board()).findByRole('link', { name: 'In re Marriage of Chen and Brooks' });
    expect(chenLink.getAttribute('href')).toBe(`/cases/${chen.id}`);
    expect(screen.queryByRole('table')).toBeNull();

    await userEvent.click(screen.getByRole('tab', { name: 'Table' }));
    expect(screen.getByRole('tab', { name: 'Table' }).getAttribute('aria-selected')).toBe('true');
    expect(screen.getByRole('table')).toBeTruthy();
    expect(within(board()).getByRole('link', { name: 'Alvarez v. Northgate Logistics' }).getAttribute('href')).toBe(`/cases/${alvarez.id}`);
    expect(screen.getByTestId('address').textContent).toBe('?view=table');
  });

  it('moves between the tabs with the arrow keys', async () => {
    renderPipeline(fakeApi(() => [alvarez]));
    const boardTab = await screen.findByRole('tab', { name: 'Board' });
    boardTab.focus();
    await userEvent.keyboard('{ArrowRight}');
    const table = screen.getByRole('tab', { name: 'Table' });
    expect(table.getAttribute('aria-selected')).toBe('true');
    expect(document.activeElement).toBe(table);
  });

  it('sorts the table by next deadline first (as the api does), then by any column, reversing on a second press', async () => {
    renderPipeline(fakeApi(() => [harbor, chen, alvarez]), '/?view=table');
    await screen.findByRole('table');
    // soonest deadline first; no open deadline last
    expect(captionsInTable()).toEqual([alvarez.caption, chen.caption, harbor.caption]);
    expect(screen.getByRole('columnheader', { name: /Next deadline/ }).getAttribute('aria-sort')).toBe('ascending');

    await userEvent.click(screen.getByRole('button', { name: /^Updated/ }));
    expect(captionsInTable()).toEqual([alvarez.caption, harbor.caption, chen.caption]);
    expect(screen.getByRole('columnheader', { name: /Updated/ }).getAttribute('aria-sort')).toBe('descending');

    await userEvent.click(screen.getByRole('button', { name: /^State/ }));
    // by the statechart's order, not the alphabet: intake, mediation, impasse
    expect(captionsInTable()).toEqual([alvarez.caption, chen.caption, harbor.caption]);
    await userEvent.click(screen.getByRole('button', { name: /^State/ }));
    expect(captionsInTable()).toEqual([harbor.caption, chen.caption, alvarez.caption]);

    await userEvent.click(screen.getByRole('button', { name: /^Caption/ }));
    expect(captionsInTable()).toEqual([alvarez.caption, harbor.caption, chen.caption]);
  });

  it('shows the next deadline on each card, in the viewer’s zone with the zone named', async () => {
    renderPipeline(fakeApi(() => all));
    const link = await within(board()).findByRole('link', { name: alvarez.caption });
    const card = link.closest('article')!;
    // 21:00 UTC is 5 PM in New York (the tests' zone), on daylight time on March 10.
    expect(card.querySelector('time[datetime="2026-03-10T21:00:00Z"]')?.textContent).toBe('Mar 10, 2026, 5:00 PM EDT');
    const harborCard = within(board()).getByRole('link', { name: harbor.caption }).closest('article')!;
    expect(harborCard.textContent).toContain('No open deadline');
  });
});

describe('needs attention', () => {
  it('comes first, listing each case with human reasons and its next deadline', async () => {
    const api = renderPipeline(fakeApi(() => all));
    const list = await screen.findByTestId('needs-attention');
    await within(list).findByRole('link', { name: harbor.caption });
    // before the board in reading order
    expect(list.compareDocumentPosition(board()) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();

    const items = within(list).getAllByTestId('attention-item');
    expect(items.map((li) => within(li).getByRole('link').textContent)).toEqual([alvarez.caption, harbor.caption]);
    expect(within(items[0]!).getByRole('list', { name: `Why ${alvarez.caption} needs attention` }).textContent).toBe(
      'Deadline within 7 days',
    );
    expect(within(items[1]!).getAllByRole('listitem').map((li) => li.textContent)).toEqual([
      'Impasse with no owner',
      'Touchpoint overdue',
    ]);
    expect(items[0]!.textContent).toContain('Next deadline Mar 10, 2026, 5:00 PM EDT');
    expect(items[1]!.textContent).toContain('No open deadline');
    expect(within(list).getByRole('heading').textContent).toBe('Needs attention2 cases');
    expect(lastVariables(api, (v) => v.filter !== null)?.filter).toEqual({ needsAttention: true });
  });
});

describe('filters', () => {
  it('write the address and the query’s variables, and clear again', async () => {
    const api = renderPipeline(fakeApi(() => all));
    await within(board()).findByRole('link', { name: chen.caption });
    const search = screen.getByRole('search', { name: 'Filter cases' });

    await userEvent.selectOptions(within(search).getByLabelText('Stage'), 'Impasse');
    expect(screen.getByTestId('address').textContent).toBe('?stage=impasse');
    await userEvent.selectOptions(within(search).getByLabelText('Dispute type'), 'Business');
    await userEvent.click(within(search).getByLabelText('Needs attention only'));
    expect(screen.getByTestId('address').textContent).toBe('?stage=impasse&type=BUSINESS&attention=1');

    await waitFor(() =>
      expect(lastVariables(api)).toEqual({
        filter: { resolution: 'impasse', disputeTypes: ['BUSINESS'], needsAttention: true },
        first: 50,
        after: null,
      }),
    );
    expect(await within(board()).findByRole('link', { name: harbor.caption })).toBeTruthy();
    expect(within(board()).queryByRole('link', { name: chen.caption })).toBeNull();
    expect(screen.getByRole('heading', { name: 'Matching cases' })).toBeTruthy();

    await userEvent.click(within(search).getByRole('button', { name: 'Clear filters' }));
    expect(screen.getByTestId('address').textContent).toBe('');
    expect(await within(board()).findByRole('link', { name: chen.caption })).toBeTruthy();
  });

  it('are read from the address when the page opens, keeping the view', async () => {
    const api = renderPipeline(fakeApi(() => all), '/?view=table&type=FAMILY&court=notFiled');
    await within(board()).findByRole('link', { name: chen.caption });
    expect(lastVariables(api, (v) => !(v.filter as { needsAttention?: boolean }).needsAttention)?.filter).toEqual({
      litigation: 'notFiled',
      disputeTypes: ['FAMILY'],
    });
    expect((screen.getByLabelText('Dispute type') as HTMLSelectElement).value).toBe('FAMILY');
    expect((screen.getByLabelText('Court stage') as HTMLSelectElement).value).toBe('notFiled');
    expect(screen.getByRole('tab', { name: 'Table' }).getAttribute('aria-selected')).toBe('true');
    expect(within(board()).queryByRole('link', { name: alvarez.caption })).toBeNull();
    expect(screen.getByText('1 case match these filters')).toBeTruthy();
  });

  it('offer the programs of the viewer’s cases, and say when nothing matches', async () => {
    const programId = '3f2a9c1e-0000-4000-8000-000000000001';
    const inProgram = newCase({ caption: 'Programme case', programId });
    const api = renderPipeline(fakeApi(() => [inProgram, chen]));
    const program = (await screen.findByLabelText('Program')) as HTMLSelectElement;
    await userEvent.selectOptions(program, 'Program 3f2a9c1e');
    expect(screen.getByTestId('address').textContent).toBe(`?program=${programId}`);
    await waitFor(() => expect(lastVariables(api)?.filter).toEqual({ programId, needsAttention: true }));
    expect(await within(board()).findByRole('link', { name: 'Programme case' })).toBeTruthy();

    await userEvent.selectOptions(screen.getByLabelText('Stage'), 'Resolved');
    expect(await screen.findByText('No case matches these filters')).toBeTruthy();
  });

  it('map to CaseFilterInput, ignoring what the api would refuse', () => {
    const filters = readFilters(new URLSearchParams('stage=mediation&type=NOT_A_TYPE&attention=yes&view=table'));
    expect(filters).toEqual({ stage: 'mediation', court: null, disputeType: null, programId: null, attention: false });
    expect(toCaseFilter(filters)).toEqual({ resolution: 'mediation' });
    expect(toCaseFilter({ ...filters, stage: null })).toBeNull();
    expect(writeFilters(new URLSearchParams('view=table'), { ...filters, attention: true }).toString()).toBe(
      'view=table&stage=mediation&attention=1',
    );
  });
});

describe('paging', () => {
  const many = Array.from({ length: 53 }, (_, i) =>
    newCase({ caption: `Paged case ${String(i + 1).padStart(2, '0')}`, state: { resolution: 'intake', litigation: 'notFiled', done: false } }),
  );

  it('loads the next page after the last cursor with “Load more cases”, then stops offering it', async () => {
    const api = renderPipeline(fakeApi(() => many));
    await within(board()).findByRole('link', { name: 'Paged case 50' });
    expect(within(board()).queryByRole('link', { name: 'Paged case 51' })).toBeNull();
    expect(screen.getByText('50 cases you take part in, more to load')).toBeTruthy();

    await userEvent.click(screen.getByRole('button', { name: 'Load more cases' }));
    expect(await within(board()).findByRole('link', { name: 'Paged case 53' })).toBeTruthy();
    expect(lastVariables(api)).toEqual({ filter: null, first: 50, after: `cursor-${many[49]!.id}` });
    expect(screen.queryByRole('button', { name: 'Load more cases' })).toBeNull();
    expect(screen.getByText('53 cases you take part in')).toBeTruthy();
  });

  it('says so when the next page fails, and tries again', async () => {
    let failNext = true;
    const ok = fakeApi(() => many);
    renderPipeline((op) =>
      failNext && (op.variables as { after?: string | null }).after ? apiFailure('BAD_USER_INPUT', 'That cursor is not valid.') : ok(op),
    );
    await userEvent.click(await screen.findByRole('button', { name: 'Load more cases' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('That cursor is not valid.');
    failNext = false;
    await userEvent.click(within(alert).getByRole('button', { name: 'Try again' }));
    expect(await within(board()).findByRole('link', { name: 'Paged case 53' })).toBeTruthy();
  });
});

describe('live updates', () => {
  it('refetch the pipeline from the network when a case changes', async () => {
    let cases = [alvarez, chen];
    const api = renderPipeline(fakeApi(() => cases));
    await within(board()).findByRole('link', { name: chen.caption });
    expect(api.subscriptions('PipelineChanged')).toHaveLength(1);

    cases = [alvarez, chen, harbor];
    const before = api.sent('Cases').length;
    let delivered = 0;
    act(() => {
      delivered = api.push('PipelineChanged', { data: { pipelineChanged: { __typename: 'PipelineChange', caseId: harbor.id, resync: false } } });
    });
    expect(delivered).toBe(1);
    expect(await within(board()).findByRole('link', { name: harbor.caption })).toBeTruthy();
    const refetches = api.sent('Cases').slice(before);
    expect(refetches.length).toBeGreaterThanOrEqual(1);
    expect(refetches.every((o) => o.context.requestPolicy === 'network-only')).toBe(true);
    // the needs-attention list is refreshed too
    expect(await within(attention()).findByRole('link', { name: harbor.caption })).toBeTruthy();
  });

  it('keep the pages already loaded when they refetch', async () => {
    const many = Array.from({ length: 52 }, (_, i) => newCase({ caption: `Live case ${String(i + 1).padStart(2, '0')}` }));
    let cases = many;
    const api = renderPipeline(fakeApi(() => cases));
    await userEvent.click(await screen.findByRole('button', { name: 'Load more cases' }));
    await within(board()).findByRole('link', { name: 'Live case 52' });

    cases = many.map((c, i) => (i === 51 ? { ...c, caption: 'Live case 52, renamed' } : c));
    act(() => {
      api.push('PipelineChanged', { data: { pipelineChanged: { __typename: 'PipelineChange', caseId: many[51]!.id, resync: false } } });
    });
    expect(await within(board()).findByRole('link', { name: 'Live case 52, renamed' })).toBeTruthy();
    expect(within(board()).getByRole('link', { name: 'Live case 01' })).toBeTruthy();
    expect(within(board()).getAllByRole('link')).toHaveLength(52);
  });

  it('refetch when the live socket reconnects', async () => {
    const api = renderPipeline(fakeApi(() => all));
    await within(board()).findByRole('link', { name: chen.caption });
    const before = api.sent('Cases').length;
    act(() => api.live.reconnected());
    await waitFor(() => expect(api.sent('Cases').length).toBeGreaterThan(before));
    expect(api.sent('Cases').slice(before).every((o) => o.context.requestPolicy === 'network-only')).toBe(true);
  });
});

describe('a program administrator’s pipeline', () => {
  const asProgram = (patch: Partial<CaseOutcome>): CaseOutcome => ({
    ...newCase({ myRoles: [{ role: 'PROGRAM_ADMIN', sideId: null }], courtOrdered: true }),
    referralDate: '2026-02-03',
    courtReport: null,
    courtReportFilings: [],
    ...patch,
  });
  const held = asProgram({
    caption: 'Alvarez v. Northgate Logistics',
    state: { resolution: 'impasse', litigation: 'notFiled', done: false },
    courtReport: {
      mediationOccurred: true,
      terminated: true,
      settlement: 'NONE',
      sessionsHeld: 2,
      attendance: [
        { role: 'COUNSEL', attended: true },
        { role: 'COUNSEL', attended: true },
        { role: 'PARTY', attended: false },
      ],
    },
    courtReportFilings: [
      {
        id: 'r1',
        process: 'MEDIATION',
        sessionOn: '2026-02-20',
        status: 'FILED',
        dueAt: '2026-03-02T22:00:00Z',
        filedOn: '2026-02-25',
        timeZone: 'America/New_York',
        content: { occurred: true, settlement: 'NONE', attendance: [{ role: 'COUNSEL', attended: true }] },
      },
      {
        id: 'r2',
        process: 'SETTLEMENT_CONFERENCE',
        sessionOn: '2026-03-05',
        status: 'DUE',
        dueAt: '2026-03-15T21:00:00Z',
        filedOn: null,
        timeZone: 'America/New_York',
        content: {
          occurred: true,
          settlement: 'PARTIAL',
          attendance: [
            { role: 'COUNSEL', attended: true },
            { role: 'COUNSEL', attended: true },
            { role: 'PARTY', attended: false },
          ],
        },
      },
    ],
  });
  const waiting = asProgram({
    caption: 'In re Marriage of Chen and Brooks',
    referralDate: null,
    courtReport: { mediationOccurred: false, terminated: false, settlement: 'PENDING', sessionsHeld: 0, attendance: [] },
  });
  const notHeld = asProgram({
    caption: 'Harbor & Finch Partners dissolution',
    state: { resolution: 'mediation.notHeld', litigation: 'notFiled', done: false },
    courtReport: { mediationOccurred: false, terminated: true, settlement: 'NONE', sessionsHeld: 0, attendance: [] },
  });

  function programApi(cases: () => readonly CaseOutcome[]): Responder {
    const answer = answerCases(cases);
    return (operation) => {
      if (operation.name === 'CaseOutcomes') return answer(operation.variables);
      throw new Error(`unexpected operation ${operation.name}`);
    };
  }

  it('is a table of outcome columns from the court report, with no board and no attention list', async () => {
    const api = renderPipeline(programApi(() => [held, waiting, notHeld]), '/', 'PROGRAM_ADMIN');
    const table = await screen.findByRole('table');
    expect(within(table).getAllByRole('columnheader').map((h) => h.textContent)).toEqual(['Case', 'Referred', 'Stage', 'Session occurred', 'Settled', 'Attendance', 'Report to the court']);
    const rows = within(table).getAllByRole('row').slice(1).map((row) => within(row).getAllByRole('cell').map((c) => c.textContent));
    // The latest ended session's report speaks for a case (the conference, settled in part); before any, the mediation's court report.
    expect(rows.map((r) => r.slice(3, 6))).toEqual([
      ['Yes, settlement conference', 'Settled in part', '2 of 3 attended'],
      ['Not yet', 'Pending', 'None recorded'],
      ['No session held', 'Not settled', 'None recorded'],
    ]);
    // The latest report first: due on the court's clock, then the one filed, each naming its session.
    const reports = within(within(table).getAllByTestId('outcome-report')[0]!).getAllByRole('listitem').map((li) => li.textContent);
    expect(reports).toEqual(['Due Mar 15, 2026, 5:00 PM EDTSettlement conference of Mar 5, 2026', 'Filed Feb 25, 2026Mediation of Feb 20, 2026']);
    expect(within(table).getAllByTestId('outcome-report')[1]!.textContent).toBe('None due');
    expect(rows[1]![1]).toBe('—');
    expect(screen.queryByRole('tab')).toBeNull();
    expect(screen.queryByLabelText('Needs attention only')).toBeNull();
    expect(screen.queryByRole('region', { name: /^Needs attention/ })).toBeNull();
    // One list, no attention query: the program administrator is never told a case needs attention.
    expect(api.sent('Cases')).toEqual([]);
    expect(api.sent('CaseOutcomes').length).toBeGreaterThan(0);
  });

  it('says a case has no court report when the api gives none', async () => {
    renderPipeline(programApi(() => [asProgram({ caption: 'Gamma v. Delta' })]), '/', 'PROGRAM_ADMIN');
    const row = (await screen.findByRole('link', { name: 'Gamma v. Delta' })).closest('tr')!;
    expect(within(row).getByTestId('outcome-occurred').textContent).toBe('Not reported');
  });

  it('keeps the filters of the address', async () => {
    const api = renderPipeline(programApi(() => [{ ...held, disputeType: 'PERSONAL_INJURY' }, waiting]), '/?type=PERSONAL_INJURY', 'PROGRAM_ADMIN');
    const table = await screen.findByRole('table');
    expect(within(table).getAllByRole('link').map((l) => l.textContent)).toEqual([held.caption]);
    expect((api.sent('CaseOutcomes').at(-1)!.variables as { filter: unknown }).filter).toMatchObject({ disputeTypes: ['PERSONAL_INJURY'] });
  });
});

describe('sortCases', () => {
  it('puts cases without a docket number last, whichever the direction', () => {
    const paths: string[] = [];
    const asc = sortCases([harbor, chen, alvarez], { key: 'docket', direction: 'ascending' }, paths);
    const desc = sortCases([harbor, chen, alvarez], { key: 'docket', direction: 'descending' }, paths);
    expect(asc.map((c) => c.docketNumber)).toEqual(['2026-CV-01482', '2026-FL-00317', null]);
    expect(desc.map((c) => c.docketNumber)).toEqual(['2026-FL-00317', '2026-CV-01482', null]);
  });

  it('puts cases without an open deadline last, whichever the direction', () => {
    const desc = sortCases([harbor, alvarez, chen], { key: 'deadline', direction: 'descending' }, []);
    expect(desc.map((c) => c.caption)).toEqual([chen.caption, alvarez.caption, harbor.caption]);
  });
});
