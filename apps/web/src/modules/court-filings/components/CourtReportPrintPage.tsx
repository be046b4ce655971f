import { Link, useParams } from 'react-router-dom';
import { useQuery } from 'urql';
import { ErrorAlert, Loading } from '../../ui/components/Feedback';
import { usePageTitle } from '../../ui/hooks/usePageTitle';
import { apiError } from '../../ui/lib/errors';
import { CourtReportFilingsQuery } from '../graphql/court-filings';
import { reportName } from '../lib/words';
import { CourtReportDocument } from './CourtReportDocument';
import '../court-filings.css';

/** One report to the court on a page of its own, to print: only the report goes to paper. */
export function CourtReportPrintPage({ print = () => window.print() }: { print?: () => void }) {
  const { id = '', reportId = '' } = useParams();
  const [{ data, fetching, error }] = useQuery({ query: CourtReportFilingsQuery, variables: { id } });
  const report = data?.case?.courtReportFilings.find((r) => r.id === reportId) ?? null;
  usePageTitle(report ? `Report to the court: ${reportName(report)}` : 'Report to the court');
  return (
    <main className="page court-report-page" id="main">
      <p className="crumbs no-print">
        <Link to={`/cases/${id}`}>
          <span aria-hidden="true">← </span>
          {data?.case?.caption ?? 'Back to the case'}
        </Link>
      </p>
      {!data && fetching ? (
        <Loading>Loading the report…</Loading>
      ) : error && !data ? (
        <ErrorAlert title="The report could not be loaded" message={apiError(error).message} />
      ) : !report ? (
        <>
          <h1>Report not found</h1>
          <p>No report to the court with that id is on this case, or you do not have access to it.</p>
        </>
      ) : (
        <>
          <div className="court-report-page__actions no-print">
            <button type="button" className="button button--primary" onClick={print}>
              Print
            </button>
          </div>
          <CourtReportDocument report={report} headingLevel={1} />
        </>
      )}
    </main>
  );
}
