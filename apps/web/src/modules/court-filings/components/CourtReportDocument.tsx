import { roleLabel } from '../../ui/lib/format';
import { formatLocalDate } from '../../ui/lib/format';
import type { CourtReportFilingView } from '../graphql/court-filings';
import { dueText, PROCESS_LABEL, SETTLEMENT_LABEL } from '../lib/words';

const yesNo = (v: boolean) => (v ? 'Yes' : 'No');

/**
 * One report to the court as a document: the case's docket facts, the session it reports, and
 * the UMA §7 facts (occurred or terminated, settlement, attendance), nothing else. A filed
 * report shows what was filed and when; a due one says it is not filed yet.
 */
export function CourtReportDocument({ report, headingLevel = 3 }: { report: CourtReportFilingView; headingLevel?: 1 | 3 }) {
  const { content } = report;
  const Heading = headingLevel === 1 ? 'h1' : 'h3';
  const process = PROCESS_LABEL[content.process] ?? content.process;
  return (
    <article className="court-report" aria-labelledby={`court-report-${report.id}`} data-testid="court-report-document">
      <header className="court-report__head">
        {content.programName ? <p className="court-report__program">{content.programName}</p> : null}
        <Heading className="court-report__title" id={`court-report-${report.id}`}>
          Report to the court: {process.toLowerCase()} of {formatLocalDate(content.sessionOn)}
        </Heading>
        <p className="court-report__status" data-testid="court-report-status">
          {report.status === 'FILED' ? (
            <>
              Filed on <time dateTime={report.filedAt ?? undefined}>{report.filedOn ? formatLocalDate(report.filedOn) : ''}</time>
              {report.filedByName ? ` by ${report.filedByName}` : ''}
            </>
          ) : (
            <>Not filed yet: due {dueText(report)}. This is what it says if filed now.</>
          )}
        </p>
      </header>
      <dl className="facts court-report__facts">
        <div>
          <dt>Case</dt>
          <dd>{content.caption}</dd>
        </div>
        <div>
          <dt>Docket number</dt>
          <dd className="mono">{content.docketNumber ?? 'None'}</dd>
        </div>
        <div>
          <dt>Process</dt>
          <dd>{process}</dd>
        </div>
        <div>
          <dt>Session</dt>
          <dd>{formatLocalDate(content.sessionOn)}</dd>
        </div>
        <div>
          <dt>Occurred</dt>
          <dd data-testid="court-report-occurred">{content.occurred ? 'Yes: the session was held' : 'No: the session was not held'}</dd>
        </div>
        <div>
          <dt>Terminated</dt>
          <dd>{yesNo(content.terminated)}</dd>
        </div>
        <div>
          <dt>Settlement</dt>
          <dd data-testid="court-report-settlement">{SETTLEMENT_LABEL[content.settlement] ?? content.settlement}</dd>
        </div>
        <div>
          <dt>Reporting mediator</dt>
          <dd>{content.mediatorName ?? 'Not assigned'}</dd>
        </div>
      </dl>
      <h4 className="panel__subtitle">Attendance</h4>
      {content.attendance.length === 0 ? (
        <p className="muted">No attendance recorded for this session.</p>
      ) : (
        <table className="table court-report__attendance">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Role</th>
              <th scope="col">Attended</th>
            </tr>
          </thead>
          <tbody>
            {content.attendance.map((a, i) => (
              <tr key={`${a.name}-${i}`}>
                <td>{a.name}</td>
                <td>{roleLabel(a.role)}</td>
                <td>{yesNo(a.attended)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p className="court-report__note">
        Under the Uniform Mediation Act §7 this report says only whether the session occurred or terminated, whether a settlement was
        reached, and who attended.
      </p>
    </article>
  );
}
