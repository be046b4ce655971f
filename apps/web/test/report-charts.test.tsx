import { describe, expect, it } from '@jest/globals';
import { render, screen, within } from '@testing-library/react';
import type { FigureTable } from '../src/modules/reports/graphql/reports';
import { ChartFor, OUTCOME_SERIES, stackedRows, SUPPRESSED_KEY, wrap } from '../src/modules/reports/components/ReportCharts';
import { seriousViolations } from './support/axe';

const COLUMNS = ['SETTLED', 'SETTLED_IN_PART', 'NOT_SETTLED', 'HELD_OTHER', 'NOT_HELD', 'RETURNED_TO_DOCKET', 'DISPOSED'];

/** Outcomes by month: January all shown, February partly suppressed (its total shown), March wholly suppressed. */
function trend(): FigureTable {
  const row = (key: string, label: string, values: (number | null)[]) => ({
    key,
    label,
    cells: COLUMNS.map((column, i) => ({ column, value: values[i]!, suppressed: values[i] === null })),
  });
  return {
    key: 'OUTCOMES_OVER_TIME',
    title: 'How referrals ended, by month',
    rowsAre: 'Month',
    columns: COLUMNS.map((key) => ({ key, label: key, definition: key, kind: 'COUNT' as const })),
    rows: [
      row('2026-01-01', 'Jan 2026', [12, 0, 14, 0, 11, 0, 37]),
      row('2026-02-01', 'Feb 2026', [15, null, 12, null, 0, 0, 33]),
      row('2026-03-01', 'Mar 2026', [null, null, null, null, null, null, null]),
      row('TOTAL', 'Total', [null, null, 30, null, null, null, 79]),
    ],
    csv: '',
  };
}

function days(): FigureTable {
  const columns = ['N', 'MEDIAN', 'P90'];
  const row = (key: string, label: string, values: (number | null)[], suppressed: boolean) => ({ key, label, cells: columns.map((column, i) => ({ column, value: values[i]!, suppressed })) });
  return {
    key: 'DAYS',
    title: 'Days from referral',
    rowsAre: 'From referral to',
    columns: [
      { key: 'N', label: 'Referrals', definition: '', kind: 'COUNT' },
      { key: 'MEDIAN', label: 'Median days', definition: '', kind: 'DAYS' },
      { key: 'P90', label: '90th percentile, days', definition: '', kind: 'DAYS' },
    ],
    rows: [row('TO_MEDIATOR', 'Referral to mediator assigned', [null, null, null], true), row('TO_DISPOSITION', 'Referral to disposition', [40, 31.5, 88], false)],
    csv: '',
  };
}

describe('the Reports page’s charts', () => {
  it('draw shown figures as they are, a row’s suppressed figures as one "suppressed" part sized by its shown total, and nothing for a suppressed total', () => {
    const rows = stackedRows(trend(), OUTCOME_SERIES, 'DISPOSED');
    expect(rows.map((r) => r.label)).toEqual(['Jan 2026', 'Feb 2026', 'Mar 2026']);
    expect(rows[0]).toEqual({ label: 'Jan 2026', values: { SETTLED: 12, NOT_SETTLED: 14, NOT_HELD: 11 }, hidden: false, partlyHidden: false });
    // February: 33 ended, 15 + 12 shown, so the suppressed part is the 6 the table already gives away as their sum.
    expect(rows[1]).toEqual({ label: 'Feb 2026', values: { SETTLED: 15, NOT_SETTLED: 12, [SUPPRESSED_KEY]: 6 }, hidden: false, partlyHidden: true });
    expect(rows[2]).toEqual({ label: 'Mar 2026', values: {}, hidden: true, partlyHidden: true });
    // No suppressed figure became a 0.
    for (const row of rows) for (const value of Object.values(row.values)) expect(value).toBeGreaterThan(0);
  });

  it('name each chart (a figure with its caption; the picture an image with its figures in words), and say "suppressed" where a bar cannot be drawn', async () => {
    const { container } = render(<ChartFor table={trend()} />);
    const figure = screen.getByRole('figure', { name: 'How referrals ended, by month' });
    const picture = within(figure).getByRole('img');
    expect(picture.getAttribute('aria-label')).toBe(
      'How referrals ended, by month. Jan 2026: Settled 12, Not settled 14, Not held 11; Feb 2026: Settled 15, Not settled 12, and suppressed figures; Mar 2026: suppressed.',
    );
    // The March label on the axis says it is suppressed; the legend names the suppressed part.
    expect(container.querySelectorAll('svg text')).not.toHaveLength(0);
    expect([...container.querySelectorAll('svg text')].map((t) => t.textContent)).toContain('Mar 2026 suppressed');
    expect(figure.textContent).toContain('Suppressed');
    expect(figure.textContent).toContain('never as 0');
    expect(await seriousViolations()).toEqual([]);
  });

  it('draw days side by side, a suppressed measure without bars and labelled suppressed', () => {
    const { container } = render(<ChartFor table={days()} />);
    const picture = within(screen.getByRole('figure', { name: 'Days from referral: median and 90th percentile' })).getByRole('img');
    expect(picture.getAttribute('aria-label')).toContain('Referral to mediator assigned: suppressed');
    expect(picture.getAttribute('aria-label')).toContain('Referral to disposition: Median days 31.5, 90th percentile, days 88');
    expect([...container.querySelectorAll('svg text')].map((t) => t.textContent)).toContain('suppressed');
  });

  it('wraps a long label of the bars onto lines that fit the axis', () => {
    expect(wrap('Referral to mediator assigned', 20)).toEqual(['Referral to mediator', 'assigned']);
    expect(wrap('Closed (withdrawn, dismissed, judgment)', 12)).toEqual(['Closed', '(withdrawn,', 'dismissed,', 'judgment)']);
  });

  it('has no chart for a table without one', () => {
    const { container } = render(<ChartFor table={{ ...trend(), key: 'BY_MEDIATOR' }} />);
    expect(container.innerHTML).toBe('');
  });
});
