import { Link } from 'react-router-dom';
import { ClosedBadge, CourtOrderedBadge } from '../../cases/components/CaseBadges';
import { stateLabel } from '../../statechart/lib/labels';
import { formatLocalDate, plural } from '../../ui/lib/format';
import { dueText, PROCESS_LABEL, reportName } from '../../court-filings/lib/words';
import type { CaseOutcome } from '../graphql/outcomes';

const SETTLED: Readonly<Record<string, string>> = { FULL: 'Settled', PARTIAL: 'Settled in part', NONE: 'Not settled', PENDING: 'Pending' };

/** What the outcome columns say of one case: its latest ended session's report, or the mediation's as it stands. */
export interface Outcome {
  occurred: string;
  settled: string;
  attendance: string;
}

function attendanceOf(attendance: readonly { attended: boolean }[]): string {
  if (attendance.length === 0) return 'None recorded';
  return `${attendance.filter((a) => a.attended).length} of ${attendance.length} attended`;
}

/**
 * The latest report to the court (a session of any kind that ended) speaks for the case; before
 * any, the mediation's court report: whether a session was held yet, the settlement pending.
 */
export function outcomeOf(item: Pick<CaseOutcome, 'courtReport' | 'courtReportFilings'>): Outcome {
  const latest = item.courtReportFilings.at(-1);
  if (latest) {
    const kind = PROCESS_LABEL[latest.process]?.toLowerCase() ?? latest.process;
    return {
      occurred: latest.content.occurred ? `Yes, ${kind}` : `No, ${kind} not held`,
      settled: SETTLED[latest.content.settlement] ?? latest.content.settlement,
      attendance: attendanceOf(latest.content.attendance),
    };
  }
  const report = item.courtReport;
  if (!report) return { occurred: 'Not reported', settled: '—', attendance: 'None recorded' };
  return {
    occurred: report.mediationOccurred ? `Yes, ${plural(report.sessionsHeld, 'session')}` : report.terminated ? 'No session held' : 'Not yet',
    settled: SETTLED[report.settlement] ?? report.settlement,
    attendance: attendanceOf(report.attendance),
  };
}

/** The reports to the court, latest first: filed on a day, or due by a time on the court's clock. */
function ReportsFiled({ filings }: { filings: CaseOutcome['courtReportFilings'] }) {
  if (filings.length === 0) return <span className="muted">None due</span>;
  return (
    <ul className="outcome-reports">
      {[...filings].reverse().map((f) => (
        <li key={f.id}>
          {f.status === 'FILED' && f.filedOn ? `Filed ${formatLocalDate(f.filedOn)}` : `Due ${dueText(f)}`}
          <div className="table__sub">{reportName(f)}</div>
        </li>
      ))}
    </ul>
  );
}

/**
 * A program administrator's cases as outcome columns (what the court report says of each:
 * whether a session occurred, whether it settled, attendance, the report filed), not the mediator's board: all
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
            <th scope="col">Report to the court</th>
          </tr>
        </thead>
        <tbody>
          {cases.map((item) => {
            const outcome = outcomeOf(item);
            return (
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
                <td data-testid="outcome-occurred">{outcome.occurred}</td>
                <td data-testid="outcome-settled">{outcome.settled}</td>
                <td data-testid="outcome-attendance">{outcome.attendance}</td>
                <td data-testid="outcome-report">
                  <ReportsFiled filings={item.courtReportFilings} />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
