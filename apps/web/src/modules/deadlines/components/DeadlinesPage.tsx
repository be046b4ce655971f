import { useMemo, useState } from 'react';
import { Link } from 'react-router-dom';
import { useQuery } from 'urql';
import { CalendarEntry, isOverdue } from '../../cases/components/DeadlinesPanel';
import type { DeadlineView } from '../../cases/graphql/case';
import { EmptyState, ErrorAlert, Loading } from '../../ui/components/Feedback';
import { usePageTitle } from '../../ui/hooks/usePageTitle';
import { apiError } from '../../ui/lib/errors';
import { enumLabel, formatRelativeDays, plural, timeZone } from '../../ui/lib/format';
import { formatInZone } from '../lib/calendar';
import { MyDeadlinesQuery, type CaseDeadlines, type ReportDue } from '../graphql/deadlines';
import { PROCESS_LABEL } from '../../court-filings/lib/words';
import { formatLocalDate } from '../../ui/lib/format';
import { MonthCalendar } from './MonthCalendar';
import type { ReactNode } from 'react';

/** An open deadline with the case it belongs to; `report` when it is a report to the court the viewer reads without its deadline. */
export interface OpenDeadline extends DeadlineView {
  caseId: string;
  caption: string;
  report?: boolean;
}

/** A report to the court with its case, for the reports table. */
export interface CaseReport extends ReportDue {
  caseId: string;
  caption: string;
  docketNumber: string | null;
}

const REPORT_TITLE = (report: ReportDue) => `Report to the court: ${(PROCESS_LABEL[report.process] ?? report.process).toLowerCase()} of ${formatLocalDate(report.sessionOn)}`;

/**
 * The page's items from the cases: every open deadline, and each report to the court still due
 * whose deadline the viewer does not read (a program administrator reads the reports, which are
 * court-reportable, and not the deadlines, which are case-shared), so no report is listed twice.
 */
export function deadlineItems(cases: readonly CaseDeadlines[]): { open: OpenDeadline[]; reports: CaseReport[] } {
  const open = cases.flatMap((node) => {
    const deadlines: OpenDeadline[] = node.deadlines.filter((d) => !d.doneAt).map((d) => ({ ...d, caseId: node.id, caption: node.caption }));
    const known = new Set(node.deadlines.map((d) => d.id));
    const reports: OpenDeadline[] = node.courtReportFilings
      .filter((r) => r.status === 'DUE' && !(r.deadlineId && known.has(r.deadlineId)))
      .map((r) => ({
        id: `report-${r.id}`,
        kind: 'MEDIATOR_REPORT',
        title: REPORT_TITLE(r),
        dueAt: r.dueAt,
        doneAt: null,
        source: 'RULE',
        ownerParticipantId: null,
        ownerName: null,
        caseId: node.id,
        caption: node.caption,
        report: true,
      }));
    return [...deadlines, ...reports];
  });
  const reports = cases.flatMap((node) => node.courtReportFilings.map((r) => ({ ...r, caseId: node.id, caption: node.caption, docketNumber: node.docketNumber })));
  return {
    open: open.sort((a, b) => Date.parse(a.dueAt) - Date.parse(b.dueAt)),
    reports: reports.sort((a, b) => Number(a.status === 'FILED') - Number(b.status === 'FILED') || Date.parse(a.dueAt) - Date.parse(b.dueAt)),
  };
}

/**
 * Every open deadline of the viewer's cases, soonest first (overdue ones on top), as a list
 * and as a month calendar; due times in the viewer's zone, with the zone shown.
 */
export function DeadlinesPage({ zone = timeZone(), now, feed }: { zone?: string; now?: Date; feed?: ReactNode }) {
  usePageTitle('Deadlines');
  const [{ data, fetching, error }, reexecute] = useQuery({ query: MyDeadlinesQuery, variables: { first: 100, after: null } });
  const [view, setView] = useState<'list' | 'calendar'>('list');
  const { open, reports } = useMemo(() => deadlineItems((data?.cases.edges ?? []).map(({ node }) => node)), [data]);
  const late = open.filter((d) => isOverdue(d, now)).length;

  return (
    <main className="page" id="main">
      <div className="page__header">
        <div>
        <h1 className="page__title">Deadlines</h1>
        <p className="page__subtitle">
          Open deadlines of your cases. Times in {zone}.
          {data ? ` ${plural(open.length, 'open deadline')}${late ? `, ${late} overdue` : ''}.` : ''}
        </p>
        </div>
      {feed}
      <div className="segmented page__switch" role="group" aria-label="Show deadlines as">
        {(['list', 'calendar'] as const).map((v) => (
          <button key={v} type="button" className="segmented__option" aria-pressed={view === v} onClick={() => setView(v)}>
            {v === 'list' ? 'List' : 'Calendar'}
          </button>
        ))}
      </div>
      </div>
      {error && !data ? (
        <ErrorAlert title="Your deadlines could not be loaded" message={apiError(error).message}>
          <button type="button" className="button" onClick={() => reexecute({ requestPolicy: 'network-only' })}>
            Try again
          </button>
        </ErrorAlert>
      ) : !data ? (
        fetching ? <Loading>Loading your deadlines…</Loading> : null
      ) : open.length === 0 ? (
        <EmptyState title="No open deadlines">Court dates, filing deadlines, touchpoints and reports due to the court of your cases appear here.</EmptyState>
      ) : view === 'calendar' ? (
        <section className="panel" aria-label="Deadline calendar">
          <MonthCalendar items={open} timeZone={zone} now={now} label="Your open deadlines" renderItem={(d) => (
            <CalendarEntry deadline={d}>
              <Link to={`/cases/${d.caseId}`}>{d.caption}</Link>
            </CalendarEntry>
          )} />
        </section>
      ) : (
        <section className="panel" aria-labelledby="deadline-list-heading">
          <h2 className="panel__title" id="deadline-list-heading">
            Soonest first
          </h2>
          <ul className="records" data-testid="my-deadlines">
            {open.map((d) => {
              const overdue = isOverdue(d, now);
              return (
                <li key={d.id} className={`record deadline${overdue ? ' deadline--overdue' : ''}`} data-testid="my-deadline">
                  <div className="record__row">
                    <span className="badge">{enumLabel(d.kind)}</span>
                    <span className="record__title">{d.title}</span>
                    {overdue ? (
                      <span className="status status--overdue">
                        <span aria-hidden="true">! </span>Overdue
                      </span>
                    ) : null}
                  </div>
                  <p className="record__meta">
                    <span>
                      Due <time dateTime={d.dueAt}>{formatInZone(d.dueAt, zone)}</time>{' '}
                      <span className="muted">({formatRelativeDays(d.dueAt, now)})</span>
                    </span>
                    <Link to={`/cases/${d.caseId}`}>{d.caption}</Link>
                    {d.report ? null : <span>{d.ownerName ? `Owner: ${d.ownerName}` : 'No owner'}</span>}
                  </p>
                </li>
              );
            })}
          </ul>
          {data.cases.pageInfo.hasNextPage ? <p className="panel__note">Showing the deadlines of your first 100 cases.</p> : null}
        </section>
      )}
      {data && reports.length > 0 ? <ReportsTable reports={reports} zone={zone} /> : null}
    </main>
  );
}

/** Every report to the court of the viewer's cases, due first: the case, its docket, which report, when due, filed or not. */
function ReportsTable({ reports, zone }: { reports: readonly CaseReport[]; zone: string }) {
  return (
    <section className="panel" aria-labelledby="reports-due-heading" data-testid="reports-due">
      <h2 className="panel__title" id="reports-due-heading">
        Reports to the court
      </h2>
      <div className="table-wrap">
        <table className="table">
          <thead>
            <tr>
              <th scope="col">Case</th>
              <th scope="col">Docket</th>
              <th scope="col">Report</th>
              <th scope="col">Due</th>
              <th scope="col">Filed</th>
            </tr>
          </thead>
          <tbody>
            {reports.map((r) => (
              <tr key={r.id} data-testid="report-due">
                <td>
                  <Link to={`/cases/${r.caseId}`}>{r.caption}</Link>
                </td>
                <td className="mono">{r.docketNumber ?? '—'}</td>
                <td>
                  {PROCESS_LABEL[r.process] ?? r.process} of {formatLocalDate(r.sessionOn)}
                </td>
                <td>
                  <time dateTime={r.dueAt}>{formatInZone(r.dueAt, zone)}</time>
                </td>
                <td>{r.status === 'FILED' ? `Filed ${r.filedOn ? formatLocalDate(r.filedOn) : ''}` : 'Not filed'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
