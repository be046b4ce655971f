import { describe, expect, it, jest } from '@jest/globals';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter, Route, Routes } from 'react-router-dom';
import { Provider } from 'urql';
import { CourtFilingsPanel } from '../src/modules/court-filings/components/CourtFilingsPanel';
import { CourtReportPrintPage } from '../src/modules/court-filings/components/CourtReportPrintPage';
import type { CourtReportFilingView } from '../src/modules/court-filings/graphql/court-filings';
import { apiFailure, createTestClient, type FakeResponse } from './support/client';
import { seriousViolations } from './support/axe';

function filing(patch: Partial<CourtReportFilingView> = {}): CourtReportFilingView {
  return {
    __typename: 'CourtReportFiling',
    id: 'r1',
    process: 'MEDIATION',
    sessionOn: '2026-03-05',
    dueAt: '2026-03-15T21:00:00.000Z',
    deadlineId: 'd1',
    status: 'DUE',
    filedAt: null,
    filedOn: null,
    filedByName: null,
    timeZone: 'America/New_York',
    ...patch,
    content: {
      __typename: 'CourtReportContent',
      caption: 'Okoye v. Brightline',
      docketNumber: '2026-CV-02214',
      programName: 'Circuit Court Civil ADR Program',
      process: 'MEDIATION',
      sessionOn: '2026-03-05',
      occurred: true,
      terminated: true,
      settlement: 'PARTIAL',
      mediatorName: 'Maya Okafor',
      attendance: [
        { __typename: 'ReportAttendance', name: 'Maya Okafor', role: 'MEDIATOR', attended: true },
        { __typename: 'ReportAttendance', name: 'Daniel Reyes', role: 'COUNSEL', attended: true },
        { __typename: 'ReportAttendance', name: 'Priya Shah', role: 'COUNSEL', attended: false },
      ],
      ...patch.content,
    },
  } as CourtReportFilingView;
}

/** The panel on a fake api holding `filings`; `onFile` answers FileCourtReport (the filed report, or an error). */
function renderPanel(
  filings: CourtReportFilingView[],
  allowedEdits: string[],
  onFile: (variables: Record<string, unknown>) => CourtReportFilingView | FakeResponse = () => {
    throw new Error('no filing expected');
  },
) {
  let current = filings;
  const onChanged = jest.fn();
  const api = createTestClient((op) => {
    if (op.name === 'CourtReportFilings') {
      return { data: { case: { __typename: 'Case', id: 'c1', caption: 'Okoye v. Brightline', allowedEdits, courtReportFilings: current } } };
    }
    if (op.name === 'FileCourtReport') {
      const outcome = onFile(op.variables as Record<string, unknown>);
      if ('errors' in outcome) return outcome as FakeResponse;
      current = current.map((f) => (f.id === (outcome as CourtReportFilingView).id ? (outcome as CourtReportFilingView) : f));
      return { data: { fileCourtReport: { __typename: 'Case', id: 'c1', version: 7, courtReportFilings: current } } };
    }
    throw new Error(`unexpected ${op.name}`);
  });
  render(
    <Provider value={api.client}>
      <MemoryRouter>
        <CourtFilingsPanel caseId="c1" onChanged={onChanged} />
      </MemoryRouter>
    </Provider>,
  );
  return { ...api, onChanged };
}

const panel = () => screen.findByRole('region', { name: 'Reports to the court' });

describe('the reports to the court on the case page', () => {
  it('shows the mediator a due report as it would be filed, with a File report button that files it', async () => {
    const api = renderPanel([filing()], ['RECORDS', 'SESSIONS', 'COURT_REPORTS'], () =>
      filing({ status: 'FILED', filedAt: '2026-03-12T15:00:00.000Z', filedOn: '2026-03-12', filedByName: 'Maya Okafor' }),
    );
    const region = await panel();
    const item = within(region).getByTestId('court-filing');
    expect(within(item).getByText('Mediation of Mar 5, 2026')).toBeTruthy();
    expect(item.textContent).toMatch(/Due Mar 15, 2026, 5:00\s?PM EDT/);
    expect(within(item).getByTestId('court-report-status').textContent).toMatch(/^Not filed yet: due Mar 15, 2026, 5:00\s?PM EDT\. This is what it says if filed now\.$/);
    expect(within(item).getByTestId('court-report-settlement').textContent).toBe('Partial settlement');
    expect(within(item).getByTestId('court-report-occurred').textContent).toBe('Yes: the session was held');
    const rows = within(item).getAllByRole('row').slice(1).map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent));
    expect(rows).toEqual([
      ['Maya Okafor', 'Mediator', 'Yes'],
      ['Daniel Reyes', 'Counsel', 'Yes'],
      ['Priya Shah', 'Counsel', 'No'],
    ]);
    expect(await seriousViolations()).toEqual([]);

    await userEvent.click(within(item).getByRole('button', { name: 'File report' }));
    expect(api.sent('FileCourtReport').map((o) => o.variables)).toEqual([{ caseId: 'c1', reportId: 'r1' }]);
    expect(await within(region).findByText('Filed Mar 12, 2026')).toBeTruthy();
    expect(within(region).getByTestId('court-report-status').textContent).toBe('Filed on Mar 12, 2026 by Maya Okafor');
    expect(within(region).queryByRole('button', { name: 'File report' })).toBeNull();
    expect(screen.getByRole('status').textContent).toBe('Filed the report on the mediation of Mar 5, 2026.');
    expect(api.onChanged).toHaveBeenCalled();
  });

  it('offers no File report button to anyone the api does not let file (counsel, the program administrator)', async () => {
    renderPanel([filing(), filing({ id: 'r0', sessionOn: '2026-02-10', status: 'FILED', filedAt: '2026-02-18T15:00:00.000Z', filedOn: '2026-02-18', filedByName: 'Maya Okafor' })], ['RECORDS']);
    const region = await panel();
    expect(within(region).getAllByTestId('court-filing')).toHaveLength(2);
    expect(within(region).queryByRole('button', { name: 'File report' })).toBeNull();
    expect(within(region).getByText('Filed Feb 18, 2026')).toBeTruthy();
    // Each has its printable page.
    const links = within(region).getAllByRole('link', { name: /^Printable view of the report on the mediation of/ });
    expect(links.map((a) => a.getAttribute('href'))).toEqual(['/cases/c1/court-reports/r1', '/cases/c1/court-reports/r0']);
  });

  it("says why a filing was refused, in the api's words, and keeps the report due", async () => {
    renderPanel([filing()], ['COURT_REPORTS'], () =>
      apiFailure('ALREADY_FILED', 'This report was filed on 2026-03-12 by Maya Okafor. A filed report is on the record as it was filed: it cannot be filed again or changed.'),
    );
    const region = await panel();
    await userEvent.click(within(region).getByRole('button', { name: 'File report' }));
    const alert = await within(region).findByRole('alert');
    expect(alert.textContent).toContain('The report was not filed');
    expect(alert.textContent).toContain('This report was filed on 2026-03-12 by Maya Okafor.');
    expect(within(region).getByTestId('court-report-status').textContent).toMatch(/^Not filed yet/);
  });

  it('says when no report is due', async () => {
    renderPanel([], ['COURT_REPORTS']);
    expect((await panel()).textContent).toContain('No report is due. When a session of a court-ordered case ends, its report is due 10 days later.');
  });
});

describe('the printable report', () => {
  function renderPrint(filings: CourtReportFilingView[], reportId: string) {
    const print = jest.fn();
    const api = createTestClient((op) => {
      if (op.name !== 'CourtReportFilings') throw new Error(`unexpected ${op.name}`);
      return { data: { case: { __typename: 'Case', id: 'c1', caption: 'Okoye v. Brightline', allowedEdits: [], courtReportFilings: filings } } };
    });
    render(
      <Provider value={api.client}>
        <MemoryRouter initialEntries={[`/cases/c1/court-reports/${reportId}`]}>
          <Routes>
            <Route path="/cases/:id/court-reports/:reportId" element={<CourtReportPrintPage print={print} />} />
          </Routes>
        </MemoryRouter>
      </Provider>,
    );
    return print;
  }

  it('is the report alone, headed as a document, with a Print button outside what prints', async () => {
    const print = renderPrint([filing({ status: 'FILED', filedAt: '2026-03-12T15:00:00.000Z', filedOn: '2026-03-12', filedByName: 'Maya Okafor' }), filing({ id: 'r2' })], 'r1');
    const heading = await screen.findByRole('heading', { level: 1 });
    expect(heading.textContent).toBe('Report to the court: mediation of Mar 5, 2026');
    expect(screen.getAllByTestId('court-report-document')).toHaveLength(1);
    expect(screen.getByText('Circuit Court Civil ADR Program')).toBeTruthy();
    expect(screen.getByText('2026-CV-02214')).toBeTruthy();
    expect(screen.getByTestId('court-report-status').textContent).toBe('Filed on Mar 12, 2026 by Maya Okafor');
    const button = screen.getByRole('button', { name: 'Print' });
    expect(button.closest('.no-print')).not.toBeNull();
    expect(screen.getByRole('link', { name: /Okoye v. Brightline/ }).closest('.no-print')).not.toBeNull();
    expect(screen.getByTestId('court-report-document').closest('.no-print')).toBeNull();
    await userEvent.click(button);
    expect(print).toHaveBeenCalledTimes(1);
    expect(document.title).toContain('Report to the court: Mediation of Mar 5, 2026');
    expect(await seriousViolations()).toEqual([]);
  });

  it('says so for a report that is not on the case', async () => {
    renderPrint([filing()], 'nope');
    expect(await screen.findByRole('heading', { level: 1, name: 'Report not found' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Print' })).toBeNull();
  });
});
