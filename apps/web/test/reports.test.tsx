import { describe, expect, it } from '@jest/globals';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter } from 'react-router-dom';
import { Provider } from 'urql';
import { CASELOAD_COLUMNS } from '../src/generated/schema';
import { ReportsPage } from '../src/modules/reports/components/ReportsPage';
import type { CaseloadReport } from '../src/modules/reports/graphql/reports';
import { csvFileName, presets } from '../src/modules/reports/lib/periods';
import { seriousViolations } from './support/axe';
import { createTestClient } from './support/client';

const ORDER = ['BEGIN_PENDING', 'REFERRED', 'HELD', 'SETTLED', 'SETTLED_IN_PART', 'NOT_SETTLED', 'HELD_OTHER', 'NOT_HELD', 'NOT_HELD_PRIOR_SETTLEMENT', 'NOT_HELD_INAPPROPRIATE_FOR_ADR', 'NOT_HELD_NO_RESPONSE', 'NOT_HELD_OTHER', 'RETURNED_TO_DOCKET', 'END_PENDING'] as const;
const LABELS = ['Tort', 'Contract', 'Real property', 'Probate/estate', 'Family', 'Juvenile', 'Other civil', 'Total'];
const TYPES = ['TORT', 'CONTRACT', 'REAL_PROPERTY', 'PROBATE_ESTATE', 'FAMILY', 'JUVENILE', 'OTHER_CIVIL', 'TOTAL'] as const;

function report(input: { programId: string; from: string; to: string }, figure: (row: number, column: number) => number | null): CaseloadReport {
  const rows = TYPES.map((caseType, r) => ({
    __typename: 'CaseloadRow',
    caseType,
    label: LABELS[r]!,
    cells: ORDER.map((column, c) => ({ __typename: 'CaseloadCell', column, count: figure(r, c), suppressed: figure(r, c) === null })),
  }));
  const csv = [['Case type', ...ORDER.map((k) => `Label ${k}`)], ...rows.map((row) => [row.label, ...row.cells.map((c) => (c.suppressed ? 'suppressed' : String(c.count)))])]
    .map((line) => line.join(','))
    .join('\r\n');
  return {
    __typename: 'CaseloadReport',
    programId: input.programId,
    programName: input.programId === 'p2' ? 'Family Court Mediation' : 'Circuit Civil ADR',
    timeZone: 'America/Chicago',
    from: input.from,
    to: input.to,
    minimumCount: 11,
    suppressedCells: rows.flatMap((r) => r.cells).filter((c) => c.suppressed).length,
    columns: ORDER.map((key) => ({ __typename: 'CaseloadColumn', key, label: `Label ${key}`, definition: `What ${key} counts.` })),
    rows,
    csv,
  } as CaseloadReport;
}

function figures(input: { programId: string; from: string; to: string }) {
  const columns = [
    { __typename: 'FigureColumn', key: 'HELD', label: 'Sessions held', definition: 'Held.', kind: 'COUNT' },
    { __typename: 'FigureColumn', key: 'SETTLED_OF_HELD', label: 'Settled, of sessions held', definition: 'Settled ÷ held.', kind: 'RATE' },
    { __typename: 'FigureColumn', key: 'MEDIAN', label: 'Median days', definition: 'Half.', kind: 'DAYS' },
  ];
  const row = (key: string, label: string, values: (number | null)[], suppressed: boolean[]) => ({
    __typename: 'FigureRow',
    key,
    label,
    cells: columns.map((c, i) => ({ __typename: 'FigureCell', column: c.key, value: values[i]!, suppressed: suppressed[i]! })),
  });
  return {
    __typename: 'ProgramFigures',
    ...input,
    minimumCount: 11,
    tables: [
      {
        __typename: 'FigureTable',
        key: 'BY_CASE_TYPE',
        title: 'Settlement rates by case type',
        rowsAre: 'Case type',
        columns,
        rows: [row('TORT', 'Tort', [40, 0.675, 23.5], [false, false, false]), row('FAMILY', 'Family', [null, null, null], [true, true, true]), row('JUVENILE', 'Juvenile', [0, null, null], [false, false, false])],
        csv: 'Case type,Sessions held\r\nTort,40\r\n',
      },
      stallTable(input),
    ],
    stallQuarters: [
      { __typename: 'StallQuarter', key: '2025-10-01', label: '2025 Q4', status: 'PARTLY_OUTSIDE_PERIOD' },
      { __typename: 'StallQuarter', key: '2026-01-01', label: '2026 Q1', status: 'SHOWN' },
      { __typename: 'StallQuarter', key: '2026-04-01', label: '2026 Q2', status: 'NOT_ENDED' },
    ],
  };
}

/** The api's stall table: the case count, then a column per reason (the api's own labels, which the page words its own way). */
function stallTable(input: { programId: string }) {
  const reasons = ['LACKED_INFORMATION', 'UNREALISTIC_EXPECTATIONS', 'NO_AUTHORITY_PRESENT', 'POSTURING', 'MEDIATOR_FIT', 'EMOTIONS', 'TIMING', 'OTHER'];
  const columns = [
    { __typename: 'FigureColumn', key: 'CASES', label: 'Cases with a stall reason', definition: 'Any reason.', kind: 'COUNT' },
    ...reasons.map((key) => ({ __typename: 'FigureColumn', key, label: `API ${key}`, definition: `With ${key}.`, kind: 'COUNT' })),
  ];
  const values: (number | null)[] = [24, 12, 17, null, 0, 0, 0, null, 0];
  return {
    __typename: 'FigureTable',
    key: 'STALL_REASONS',
    title: 'Stall reasons, by quarter',
    rowsAre: 'Quarter',
    columns,
    rows:
      input.programId === 'p2'
        ? []
        : [{ __typename: 'FigureRow', key: '2026-01-01', label: '2026 Q1', cells: columns.map((c, i) => ({ __typename: 'FigureCell', column: c.key, value: values[i]!, suppressed: values[i] === null })) }],
    csv: 'Quarter,Cases with a stall reason\r\n2026 Q1,24\r\n',
  };
}

const PROGRAMS = [
  { __typename: 'ReportableProgram', id: 'p1', name: 'Circuit Civil ADR', timeZone: 'America/Chicago', minimumCount: 11 },
  { __typename: 'ReportableProgram', id: 'p2', name: 'Family Court Mediation', timeZone: 'America/Chicago', minimumCount: 11 },
];

function renderReports(programs = PROGRAMS, figure: (r: number, c: number) => number | null = (r, c) => (r === 1 && c === 3 ? null : r * 100 + c)) {
  const client = createTestClient((op) => {
    if (op.name === 'ReportablePrograms') return { data: { reportablePrograms: programs } };
    if (op.name === 'ProgramReport') {
      const input = (op.variables as { input: { programId: string; from: string; to: string } }).input;
      return { data: { caseloadReport: report(input, figure), programFigures: figures(input) } };
    }
    throw new Error(`unexpected ${op.name}`);
  });
  render(
    <Provider value={client.client}>
      <MemoryRouter initialEntries={['/reports']}>
        <ReportsPage now={new Date('2026-05-20T15:00:00Z')} />
      </MemoryRouter>
    </Provider>,
  );
  return client;
}

describe('the Reports page', () => {
  it('shows the caseload table of the first program for this year so far, every row and column of the form', async () => {
    const api = renderReports();
    const table = await screen.findByRole('table', { name: /ADR caseload of Circuit Civil ADR, 2026-01-01 to 2026-05-20/ });
    const sent = api.operations.find((op) => op.name === 'ProgramReport')!;
    expect(sent.variables).toEqual({ input: { programId: 'p1', from: '2026-01-01', to: '2026-05-20' } });
    const rowHeaders = within(table).getAllByRole('rowheader').map((h) => h.textContent);
    expect(rowHeaders).toEqual(LABELS);
    expect(within(table).getByRole('columnheader', { name: 'Session(s) held' }).getAttribute('colspan')).toBe('5');
    expect(within(table).getByRole('columnheader', { name: 'Total not held' })).toBeTruthy();
    // Figures in the form's order; the suppressed one says so to a screen reader, and shows no number.
    const contract = within(table).getByRole('rowheader', { name: 'Contract' }).closest('tr')!;
    const cells = within(contract).getAllByRole('cell').map((c) => c.textContent);
    expect(cells).toEqual(ORDER.map((_, c) => (c === 3 ? '✱suppressed' : String(100 + c))));
    expect(screen.getByText(/1 figure is suppressed/)).toBeTruthy();
    expect(await seriousViolations()).toEqual([]);
  });

  it('downloads the CSV the api wrote, named for the program and period, and keeps the choices in the address', async () => {
    const user = userEvent.setup();
    const api = renderReports();
    await screen.findByRole('table', { name: /ADR caseload/ });
    const link = screen.getByRole('link', { name: 'Download CSV' });
    expect(link.getAttribute('download')).toBe('circuit-civil-adr-caseload-2026-01-01-to-2026-05-20.csv');
    const csv = decodeURIComponent(link.getAttribute('href')!.replace('data:text/csv;charset=utf-8,', ''));
    expect(csv.split('\r\n')[2]).toBe(['Contract', ...ORDER.map((_, c) => (c === 3 ? 'suppressed' : String(100 + c)))].join(','));

    await user.selectOptions(screen.getByLabelText('Program'), 'p2');
    await screen.findByRole('table', { name: /Family Court Mediation/ });
    await user.click(screen.getByRole('button', { name: 'Q1 2026' }));
    await screen.findByRole('table', { name: /2026-01-01 to 2026-03-31/ });
    expect(screen.getByRole('button', { name: 'Q1 2026' }).getAttribute('aria-pressed')).toBe('true');
    expect(api.operations.filter((op) => op.name === 'ProgramReport').at(-1)!.variables).toEqual({ input: { programId: 'p2', from: '2026-01-01', to: '2026-03-31' } });
  });

  it('shows the settlement rates as percentages, days with a decimal, suppressed figures and empty rates told apart', async () => {
    renderReports();
    const table = await screen.findByRole('table', { name: 'Settlement rates by case type' });
    const cells = (label: string) => within(within(table).getByRole('rowheader', { name: label }).closest('tr')!).getAllByRole('cell').map((c) => c.textContent);
    expect(cells('Tort')).toEqual(['40', '68%', '23.5']);
    expect(cells('Family')).toEqual(['✱suppressed', '✱suppressed', '✱suppressed']);
    expect(cells('Juvenile')).toEqual(['0', '–none: nothing to divide by', '–none: nothing to divide by']);
    expect(screen.getByRole('link', { name: 'Download CSV: Settlement rates by case type' }).getAttribute('download')).toBe('circuit-civil-adr-by-case-type-2026-01-01-to-2026-05-20.csv');
  });

  it('shows stall reasons by ended quarter in the dashboard’s words, suppressed counts marked, and says which quarters are not shown and why', async () => {
    const user = userEvent.setup();
    renderReports();
    const table = await screen.findByRole('table', { name: 'Stall reasons, by quarter' });
    const headers = within(table).getAllByRole('columnheader').map((h) => h.textContent);
    expect(headers).toEqual(['Quarter', 'Cases with a stall reason', 'Lacked information', 'Unrealistic expectations', 'No authority present', 'Posturing', 'Mediator fit', 'Emotions', 'Timing', 'Other']);
    const cells = within(within(table).getByRole('rowheader', { name: '2026 Q1' }).closest('tr')!).getAllByRole('cell').map((c) => c.textContent);
    expect(cells).toEqual(['24', '12', '17', '✱suppressed', '0', '0', '0', '✱suppressed', '0']);
    expect(screen.getByText(/2026 Q2 has not ended yet: not shown/)).toBeTruthy();
    expect(screen.getByText(/2025 Q4 is only partly inside the period: not shown/)).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Download CSV: Stall reasons, by quarter' }).getAttribute('download')).toBe('circuit-civil-adr-stall-reasons-2026-01-01-to-2026-05-20.csv');
    // It has no chart, and is not among the figures suppressed with the form.
    expect(screen.queryByRole('figure', { name: /stall/i })).toBeNull();
    expect(await seriousViolations()).toEqual([]);

    // A period with no whole quarter that has ended: no table, and why.
    await user.selectOptions(screen.getByLabelText('Program'), 'p2');
    await screen.findByRole('table', { name: /Family Court Mediation/ });
    expect(await screen.findByText(/No quarter of this period has ended and lies wholly inside it/)).toBeTruthy();
    expect(screen.queryByRole('table', { name: 'Stall reasons, by quarter' })).toBeNull();
  });

  it('tells someone without a program what reports are for', async () => {
    renderReports([]);
    expect(await screen.findByText('No program to report on')).toBeTruthy();
    expect(screen.queryByRole('table')).toBeNull();
  });

  it('says when nothing is suppressed, and lists what every column counts', async () => {
    renderReports(PROGRAMS, () => 0);
    await screen.findByRole('table', { name: /ADR caseload/ });
    expect(screen.getByText(/No figure is suppressed/)).toBeTruthy();
    for (const key of ORDER) expect(screen.getByText(`What ${key} counts.`)).toBeTruthy();
  });
});

describe('report periods', () => {
  it('offers this year so far, the last full quarter and last year', () => {
    expect(presets('2026-05-20').map((p) => [p.label, p.period])).toEqual([
      ['This year so far', { from: '2026-01-01', to: '2026-05-20' }],
      ['Q1 2026', { from: '2026-01-01', to: '2026-03-31' }],
      ['2025', { from: '2025-01-01', to: '2025-12-31' }],
    ]);
    expect(presets('2026-02-03')[1]).toMatchObject({ label: 'Q4 2025', period: { from: '2025-10-01', to: '2025-12-31' } });
  });

  it('names the CSV safely', () => {
    expect(csvFileName('Circuit Court / Civil: ADR', { from: '2026-01-01', to: '2026-03-31' })).toBe('circuit-court-civil-adr-caseload-2026-01-01-to-2026-03-31.csv');
  });

  it('covers every column the api names', () => {
    expect([...ORDER].sort()).toEqual([...CASELOAD_COLUMNS].sort());
  });
});
