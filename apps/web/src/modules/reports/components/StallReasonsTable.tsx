import { useId } from 'react';
import { STALL_REASONS } from '../../../generated/schema';
import { enumLabel } from '../../ui/lib/format';
import type { FigureTable, StallQuarter } from '../graphql/reports';
import type { Period } from '../lib/periods';
import { FigureTableView } from './FigureTableView';

/** The table's key in the api's figures. */
export const STALL_TABLE_KEY = 'STALL_REASONS';

const REASONS: readonly string[] = STALL_REASONS;

/** Quarters in words: "2026 Q4" or "2025 Q4 and 2026 Q4". */
const listed = (quarters: StallQuarter[]) =>
  quarters.length <= 1 ? (quarters[0]?.label ?? '') : `${quarters.slice(0, -1).map((q) => q.label).join(', ')} and ${quarters.at(-1)!.label}`;

/**
 * Stall reasons by calendar quarter: only quarters that have ended and lie wholly inside the
 * period are counted (the api says which), reasons named as everywhere else on the dashboard,
 * suppressed counts marked.
 */
export function StallReasonsTable({
  table,
  quarters,
  programName,
  period,
  timeZone,
  minimumCount,
}: {
  table: FigureTable;
  quarters: StallQuarter[];
  programName: string;
  period: Period;
  timeZone: string;
  minimumCount: number;
}) {
  const headingId = useId();
  const running = quarters.filter((q) => q.status === 'NOT_ENDED');
  const partly = quarters.filter((q) => q.status === 'PARTLY_OUTSIDE_PERIOD');
  // The reasons in the dashboard's own words for them (the debrief's buttons say the same).
  const named: FigureTable = { ...table, columns: table.columns.map((c) => (REASONS.includes(c.key) ? { ...c, label: enumLabel(c.key) } : c)) };
  return (
    <section className="reports__report" aria-labelledby={headingId}>
      <h2 id={headingId} className="reports__heading">
        Why sessions stalled
      </h2>
      <p className="reports__note">
        The stall reasons mediators recorded after an impasse, counted by the calendar quarter ({timeZone}) they were recorded in: for each
        reason, the cases with it; and the cases with any reason, which each reason is a share of. A case with two reasons counts under both.
        Only quarters that have ended and lie wholly inside the period are shown, so that no two reports can be told apart by less than a
        quarter.
        {running.length > 0 ? ` ${listed(running)} ${running.length === 1 ? 'has' : 'have'} not ended yet: not shown.` : ''}
        {partly.length > 0 ? ` ${listed(partly)} ${partly.length === 1 ? 'is' : 'are'} only partly inside the period: not shown.` : ''} A count
        of 1 to {minimumCount - 1} cases and a reason every counted case shares are suppressed (✱), each with another so that neither can be worked
        out.
      </p>
      {table.rows.length === 0 ? (
        <p className="reports__note">No quarter of this period has ended and lies wholly inside it: there is nothing to count yet.</p>
      ) : (
        <FigureTableView table={named} programName={programName} period={period} />
      )}
    </section>
  );
}
