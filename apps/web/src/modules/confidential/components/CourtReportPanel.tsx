import { useQuery } from 'urql';
import { useRefetchOnReconnect } from '../../live/live';
import { ErrorAlert, Loading } from '../../ui/components/Feedback';
import { apiError } from '../../ui/lib/errors';
import { roleLabel } from '../../ui/lib/format';
import { CourtReportQuery } from '../graphql/confidential';

const SETTLEMENT_TEXT: Readonly<Record<string, string>> = {
  FULL: 'Full settlement',
  PARTIAL: 'Partial settlement',
  NONE: 'No settlement',
  PENDING: 'Pending',
};

const yesNo = (v: boolean) => (v ? 'Yes' : 'No');

/** The court-reportable tier (UMA §7): all a program administrator sees of the mediation. */
export function CourtReportPanel({ caseId, hideWhenEmpty = false }: { caseId: string; hideWhenEmpty?: boolean }) {
  const [{ data, fetching, error }, reexecute] = useQuery({ query: CourtReportQuery, variables: { id: caseId } });
  useRefetchOnReconnect(reexecute);
  const report = data?.case?.courtReport ?? null;
  if (hideWhenEmpty && data && !report) return null;
  return (
    <section className="panel" aria-labelledby="court-report-heading" data-testid="court-report">
      <h2 className="panel__title" id="court-report-heading">
        Court report
      </h2>
      <p className="visible-to" data-testid="visible-to">
        Court-reportable (UMA §7): what a mediator may tell a court
      </p>
      {!data && fetching ? (
        <Loading>Loading the court report…</Loading>
      ) : error && !data ? (
        <ErrorAlert title="The court report could not be loaded" message={apiError(error).message} />
      ) : !report ? (
        <p className="muted">No court report for this case.</p>
      ) : (
        <>
          <dl className="facts">
            <div>
              <dt>Mediation occurred</dt>
              <dd data-testid="report-occurred">{yesNo(report.mediationOccurred)}</dd>
            </div>
            <div>
              <dt>Terminated</dt>
              <dd>{yesNo(report.terminated)}</dd>
            </div>
            <div>
              <dt>Settlement</dt>
              <dd data-testid="report-settlement">{SETTLEMENT_TEXT[report.settlement] ?? report.settlement}</dd>
            </div>
            <div>
              <dt>Sessions held</dt>
              <dd>{new Intl.NumberFormat().format(report.sessionsHeld)}</dd>
            </div>
          </dl>
          <h3 className="panel__subtitle">Attendance</h3>
          {report.attendance.length === 0 ? (
            <p className="muted">{report.sessionsHeld > 0 ? 'No attendance recorded.' : 'No attendance recorded: no session has been held.'}</p>
          ) : (
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Role</th>
                  <th scope="col">Attended</th>
                </tr>
              </thead>
              <tbody>
                {report.attendance.map((a, i) => (
                  <tr key={`${a.participantName}-${i}`}>
                    <td>{a.participantName}</td>
                    <td>{roleLabel(a.role)}</td>
                    <td>{yesNo(a.attended)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      )}
    </section>
  );
}
