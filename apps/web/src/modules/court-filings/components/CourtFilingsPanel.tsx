import { useState } from 'react';
import { Link } from 'react-router-dom';
import { useQuery } from 'urql';
import { offers } from '../../cases/lib/editing';
import { useCaseEdit } from '../../cases/hooks/useCaseEdit';
import { useRefetchOnReconnect } from '../../live/live';
import { ErrorAlert, Loading } from '../../ui/components/Feedback';
import { apiError } from '../../ui/lib/errors';
import { formatLocalDate } from '../../ui/lib/format';
import { CourtReportFilingsQuery, FileCourtReportMutation, type CourtReportFilingView } from '../graphql/court-filings';
import { dueText, reportName, reportPhrase } from '../lib/words';
import { CourtReportDocument } from './CourtReportDocument';
import '../court-filings.css';

/**
 * The reports to the court of a case (court-reportable): each ended session of a court-ordered
 * case owes one. Due ones show what they would say if filed now and, for the case's mediator
 * (the api lists COURT_REPORTS in allowedEdits), a "File report" button; filed ones show their
 * filing date. Each has a printable view.
 */
export function CourtFilingsPanel({ caseId, onChanged, hideWhenEmpty = false }: { caseId: string; onChanged(): void; hideWhenEmpty?: boolean }) {
  const [{ data, fetching, error }, reexecute] = useQuery({ query: CourtReportFilingsQuery, variables: { id: caseId } });
  useRefetchOnReconnect(reexecute);
  const [status, setStatus] = useState('');
  const file = useCaseEdit(FileCourtReportMutation, () => {
    reexecute({ requestPolicy: 'network-only' });
    onChanged();
  });
  const filings = data?.case?.courtReportFilings ?? [];
  if (hideWhenEmpty && data && filings.length === 0) return null;
  const canFile = data?.case ? offers(data.case, 'COURT_REPORTS') : false;

  async function fileReport(report: CourtReportFilingView) {
    setStatus('');
    if (await file.run({ caseId, reportId: report.id })) setStatus(`Filed the report on ${reportPhrase(report)}.`);
  }

  return (
    <section className="panel" aria-labelledby="court-filings-heading" data-testid="court-filings">
      <h2 className="panel__title" id="court-filings-heading">
        Reports to the court
      </h2>
      <p className="visible-to">Court-reportable (UMA §7): on the record for everyone on the case and the court program</p>
      {!data && fetching ? (
        <Loading>Loading the reports to the court…</Loading>
      ) : error && !data ? (
        <ErrorAlert title="The reports to the court could not be loaded" message={apiError(error).message} />
      ) : filings.length === 0 ? (
        <p className="muted">No report is due. When a session of a court-ordered case ends, its report is due 10 days later.</p>
      ) : (
        <ul className="records court-filings">
          {filings.map((report) => (
            <li key={report.id} className="record court-filing" data-testid="court-filing">
              <div className="record__row">
                <span className="record__title">{reportName(report)}</span>
                {report.status === 'FILED' ? (
                  <span className="status status--agreed">
                    <span aria-hidden="true">✓ </span>Filed {report.filedOn ? formatLocalDate(report.filedOn) : ''}
                  </span>
                ) : (
                  <span className="status status--open">Due {dueText(report)}</span>
                )}
              </div>
              <CourtReportDocument report={report} />
              <div className="court-filing__actions">
                {report.status === 'DUE' && canFile ? (
                  <button type="button" className="button button--primary" disabled={file.saving} onClick={() => fileReport(report)}>
                    File report
                  </button>
                ) : null}
                <Link className="button" to={`/cases/${caseId}/court-reports/${report.id}`} aria-label={`Printable view of the report on ${reportPhrase(report)}`}>
                  Printable view
                </Link>
              </div>
            </li>
          ))}
        </ul>
      )}
      {file.error ? <ErrorAlert title="The report was not filed" message={file.error.message} /> : null}
      <p role="status" className="visually-hidden">
        {status}
      </p>
    </section>
  );
}
