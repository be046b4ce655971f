import { Link } from 'react-router-dom';
import { ClosedBadge, CourtOrderedBadge } from '../../cases/components/CaseBadges';
import { stateLabel } from '../../statechart/lib/labels';
import { formatLocalDate, plural } from '../../ui/lib/format';
import type { CaseOutcome } from '../graphql/outcomes';

const SETTLED: Readonly<Record<string, string>> = { FULL: 'Settled', PARTIAL: 'Settled in part', NONE: 'Not settled', PENDING: 'Pending' };

/** Whether a session was held, in the words of the court report. */
export function occurredText(report: CaseOutcome['courtReport']): string {
  if (!report) return 'Not reported';
  if (report.mediationOccurred) return `Yes, ${plural(report.sessionsHeld, 'session')}`;
  return report.terminated ? 'No (ended without a session)' : 'Not yet';
}

/** Attendance in one phrase: how many of those recorded attended. */
export function attendanceText(report: CaseOutcome['courtReport']): string {
  if (!report || report.attendance.length === 0) return 'None recorded';
  const attended = report.attendance.filter((a) => a.attended).length;
  return `${attended} of ${report.attendance.length} attended`;
}

/**
 * A program administrator's cases as outcome columns (what the court report says of each:
 * whether a session occurred, whether it settled, attendance), not the mediator's board: all
 * they may read of a case is its court-reportable tier.
 */
export function OutcomeTable({ cases }: { cases: readonly CaseOutcome[] }) {
  return (
    <div className="table-wrap" tabIndex={0} role="region" aria-label="Outcomes table">
      <table className="table">
        <caption className="visually-hidden">The program’s cases and their court-reportable outcomes</caption>
        <thead>
          <tr>
            <th scope="col">Case</th>
            <th scope="col">Referred</th>
            <th scope="col">Stage</th>
            <th scope="col">Session occurred</th>
            <th scope="col">Settled</th>
            <th scope="col">Attendance</th>
          </tr>
        </thead>
        <tbody>
          {cases.map((item) => (
            <tr key={item.id}>
              <td>
                <Link to={`/cases/${item.id}`} className="table__caption">
                  {item.caption}
                </Link>{' '}
                <CourtOrderedBadge courtOrdered={item.courtOrdered} />
                <div className="table__sub mono">{item.docketNumber ?? 'No docket number'}</div>
              </td>
              <td>{item.referralDate ? formatLocalDate(item.referralDate) : <span className="muted">—</span>}</td>
              <td>
                {stateLabel(item.state.resolution)} <ClosedBadge done={item.state.done} />
              </td>
              <td data-testid="outcome-occurred">{occurredText(item.courtReport)}</td>
              <td data-testid="outcome-settled">{item.courtReport ? (SETTLED[item.courtReport.settlement] ?? item.courtReport.settlement) : '—'}</td>
              <td data-testid="outcome-attendance">{attendanceText(item.courtReport)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
