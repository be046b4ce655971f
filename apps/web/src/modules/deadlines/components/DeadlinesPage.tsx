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
import { MyDeadlinesQuery } from '../graphql/deadlines';
import { MonthCalendar } from './MonthCalendar';
import type { ReactNode } from 'react';

/** An open deadline with the case it belongs to. */
export interface OpenDeadline extends DeadlineView {
  caseId: string;
  caption: string;
}

/**
 * Every open deadline of the viewer's cases, soonest first (overdue ones on top), as a list
 * and as a month calendar; due times in the viewer's zone, with the zone shown.
 */
export function DeadlinesPage({ zone = timeZone(), now, feed }: { zone?: string; now?: Date; feed?: ReactNode }) {
  usePageTitle('Deadlines');
  const [{ data, fetching, error }, reexecute] = useQuery({ query: MyDeadlinesQuery, variables: { first: 100, after: null } });
  const [view, setView] = useState<'list' | 'calendar'>('list');
  const open = useMemo<OpenDeadline[]>(
    () =>
      (data?.cases.edges ?? [])
        .flatMap(({ node }) => node.deadlines.filter((d) => !d.doneAt).map((d) => ({ ...d, caseId: node.id, caption: node.caption })))
        .sort((a, b) => Date.parse(a.dueAt) - Date.parse(b.dueAt)),
    [data],
  );
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
        <EmptyState title="No open deadlines">Court dates, filing deadlines and touchpoints of your cases appear here.</EmptyState>
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
                    <span>{d.ownerName ? `Owner: ${d.ownerName}` : 'No owner'}</span>
                  </p>
                </li>
              );
            })}
          </ul>
          {data.cases.pageInfo.hasNextPage ? <p className="panel__note">Showing the deadlines of your first 100 cases.</p> : null}
        </section>
      )}
    </main>
  );
}
