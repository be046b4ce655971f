import { lazy, Suspense, useId, useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';
import { useQuery } from 'urql';
import { EmptyState, ErrorAlert, Loading } from '../../ui/components/Feedback';
import { usePageTitle } from '../../ui/hooks/usePageTitle';
import { apiError } from '../../ui/lib/errors';
import { ProgramReportQuery, ReportableProgramsQuery, type ReportableProgram } from '../graphql/reports';
import { csvFileName, presets, todayIn, type Period } from '../lib/periods';
import { CaseloadTable } from './CaseloadTable';
import { FigureTableView } from './FigureTableView';
import { STALL_TABLE_KEY, StallReasonsTable } from './StallReasonsTable';
import '../reports.css';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The charts and their library load with the Reports page only, not with every page of the dashboard. */
const ChartFor = lazy(() => import('./ReportCharts').then((m) => ({ default: m.ChartFor })));

/**
 * A program administrator's reports: pick a program and a period (kept in the address, so a
 * report can be bookmarked or sent), read the NCSC caseload table with small cells suppressed,
 * download it as CSV or print it.
 */
export function ReportsPage({ now }: { now?: Date }) {
  usePageTitle('Reports');
  const [{ data: programsData, fetching: programsFetching, error: programsError }] = useQuery({ query: ReportableProgramsQuery, variables: {} });
  const programs = programsData?.reportablePrograms ?? [];
  const [params, setParams] = useSearchParams();
  const program: ReportableProgram | undefined = programs.find((p) => p.id === params.get('program')) ?? programs[0];
  const today = todayIn(program?.timeZone ?? 'UTC', now);
  const choices = useMemo(() => presets(today), [today]);
  const period: Period = { from: params.get('from') ?? choices[0]!.period.from, to: params.get('to') ?? choices[0]!.period.to };
  const valid = DATE.test(period.from) && DATE.test(period.to) && period.from <= period.to;
  const [{ data, fetching, error }, reexecute] = useQuery({
    query: ProgramReportQuery,
    variables: { input: { programId: program?.id ?? '', ...period } },
    pause: !program || !valid,
  });
  const figures = data?.programFigures;
  const set = (changes: Record<string, string>) => {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries(changes)) next.set(key, value);
    setParams(next, { replace: true });
  };
  const ids = { program: useId(), from: useId(), to: useId(), period: useId(), figures: useId() };
  const report = data?.caseloadReport;

  return (
    <main className="page reports" id="main">
      <div className="page__header">
        <div>
          <h1 className="page__title">Reports</h1>
          <p className="page__subtitle">
            What your program's cases did, in the NCSC ADR caseload form. Counts of fewer than {program?.minimumCount ?? 11} cases are
            suppressed, with the counts that would reveal them.
          </p>
        </div>
      </div>

      {programsError && !programsData ? (
        <ErrorAlert title="Your programs could not be loaded" message={apiError(programsError).message} />
      ) : programsFetching && !programsData ? (
        <Loading>Loading your programs…</Loading>
      ) : !program ? (
        <EmptyState title="No program to report on">Reports are read by a court program's administrators, for the programs of their organisation.</EmptyState>
      ) : (
        <>
          <form className="reports__controls" aria-label="Report" onSubmit={(e) => e.preventDefault()}>
            <div className="field">
              <label htmlFor={ids.program}>Program</label>
              <select id={ids.program} value={program.id} onChange={(e) => set({ program: e.target.value })}>
                {programs.map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.name}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor={ids.from}>From</label>
              <input id={ids.from} type="date" value={period.from} max={period.to} required onChange={(e) => e.target.value && set({ from: e.target.value })} />
            </div>
            <div className="field">
              <label htmlFor={ids.to}>To</label>
              <input id={ids.to} type="date" value={period.to} min={period.from} required onChange={(e) => e.target.value && set({ to: e.target.value })} />
            </div>
            <div className="segmented reports__presets" role="group" aria-label="Period">
              {choices.map((choice) => (
                <button
                  key={choice.key}
                  type="button"
                  className="segmented__option"
                  aria-pressed={choice.period.from === period.from && choice.period.to === period.to}
                  onClick={() => set(choice.period as unknown as Record<string, string>)}
                >
                  {choice.label}
                </button>
              ))}
            </div>
          </form>

          {!valid ? (
            <ErrorAlert message="The period's last day must be on or after its first day." />
          ) : error && !data ? (
            <ErrorAlert title="The report could not be made" message={apiError(error).message}>
              <button type="button" className="button" onClick={() => reexecute({ requestPolicy: 'network-only' })}>
                Try again
              </button>
            </ErrorAlert>
          ) : !report || (fetching && report.programId !== program.id) ? (
            <Loading>Counting the program's cases…</Loading>
          ) : (
            <>
              <section className="reports__report" aria-labelledby={ids.period}>
                <div className="reports__report-header">
                  <h2 id={ids.period} className="reports__heading">
                    ADR caseload · {report.programName} · {report.from} to {report.to}
                  </h2>
                  <div className="reports__actions">
                    <a className="button" href={`data:text/csv;charset=utf-8,${encodeURIComponent(report.csv)}`} download={csvFileName(report.programName, report)}>
                      Download CSV
                    </a>
                    <button type="button" className="button button--quiet" onClick={() => window.print()}>
                      Print
                    </button>
                  </div>
                </div>
                <p className="reports__note">
                  Days are counted in {report.timeZone}, both ends of the period included. Each referral of a case to mediation counts once: a
                  case mediated again counts again, by the outcome of each referral.
                  {report.suppressedCells > 0
                    ? ` ${report.suppressedCells} ${report.suppressedCells === 1 ? 'figure is' : 'figures are'} suppressed (✱): a count of 1 to ${report.minimumCount - 1} cases, or one that would let it be worked out from the totals.`
                    : ' No figure is suppressed.'}
                </p>
                <CaseloadTable report={report} />
                <details className="reports__definitions">
                  <summary>What each column counts</summary>
                  <dl>
                    {report.columns.map((column) => (
                      <div key={column.key}>
                        <dt>{column.label}</dt>
                        <dd>{column.definition}</dd>
                      </div>
                    ))}
                  </dl>
                </details>
              </section>
              <section className="reports__report" aria-labelledby={ids.figures}>
                <h2 id={ids.figures} className="reports__heading">
                  Settlement rates, time, outcomes over time and mediators
                </h2>
                <p className="reports__note">
                  Over the referrals that ended in the period. Each rate names what it divides by: the referrals whose session was held, or
                  every referral that ended. A rate is suppressed with its count; a dash means there was nothing to divide by. Every chart
                  is drawn from the table after it, suppressed figures as suppressed, never as 0.
                </p>
                {!figures || figures.programId !== program.id ? (
                  <Loading>Working out the rates…</Loading>
                ) : (
                  figures.tables.filter((table) => table.key !== STALL_TABLE_KEY).map((table) => (
                    <div key={table.key} className="reports__figure-block">
                      <Suspense fallback={null}>
                        <ChartFor table={table} />
                      </Suspense>
                      <FigureTableView table={table} programName={report.programName} period={period} />
                    </div>
                  ))
                )}
              </section>
              {figures && figures.programId === program.id
                ? figures.tables
                    .filter((table) => table.key === STALL_TABLE_KEY)
                    .map((table) => (
                      <StallReasonsTable
                        key={table.key}
                        table={table}
                        quarters={figures.stallQuarters}
                        programName={report.programName}
                        period={period}
                        timeZone={report.timeZone}
                        minimumCount={figures.minimumCount}
                      />
                    ))
                : null}
            </>
          )}
        </>
      )}
    </main>
  );
}
