import { Link } from 'react-router-dom';
import type { CaseSummary } from '../../cases/graphql/case';
import { stateLabel } from '../../statechart/lib/labels';
import { EmptyState, ErrorAlert, Loading } from '../../ui/components/Feedback';
import { apiError } from '../../ui/lib/errors';
import { attentionLabel, formatDateTime, formatRelativeDays } from '../../ui/lib/format';
import type { useCaseList } from '../hooks/useCaseList';

type CaseList = ReturnType<typeof useCaseList>;

/**
 * "What needs me today": the cases the api flags (touchpoint overdue, deadline within 7 days,
 * impasse with no owner), each with its reasons and next deadline. Shown before the board.
 */
export function AttentionList({ list, filtered }: { list: CaseList; filtered: boolean }) {
  const cases = list.cases;
  return (
    <section className="attention" aria-labelledby="attention-heading" data-testid="needs-attention">
      <h2 className="attention__title" id="attention-heading">
        Needs attention
        {cases ? (
          <span className="count">
            {cases.length}
            {list.hasMore ? '+' : ''}
            <span className="visually-hidden">{cases.length === 1 ? ' case' : ' cases'}</span>
          </span>
        ) : null}
      </h2>
      {list.error && !cases ? (
        <ErrorAlert title="The cases that need attention could not be loaded" message={apiError(list.error).message}>
          <button type="button" className="button" onClick={list.refetch}>
            Try again
          </button>
        </ErrorAlert>
      ) : !cases ? (
        <Loading>Looking for cases that need attention…</Loading>
      ) : cases.length === 0 ? (
        <EmptyState title="Nothing needs attention">
          {filtered
            ? 'No case matching these filters has an overdue touchpoint, a deadline within 7 days, an impasse without an owner or a debrief past 48 hours.'
            : 'No case has an overdue touchpoint, a deadline within 7 days, an impasse without an owner or a debrief past 48 hours.'}
        </EmptyState>
      ) : (
        <>
          <ul className="attention__list">
            {cases.map((item) => (
              <AttentionItem key={item.id} item={item} />
            ))}
          </ul>
          {list.hasMore || list.loadMoreError ? <LoadMore list={list} label="Load more cases that need attention" /> : null}
        </>
      )}
    </section>
  );
}

function AttentionItem({ item }: { item: CaseSummary }) {
  return (
    <li className="attention__item" data-testid="attention-item" data-case-id={item.id}>
      <div className="attention__case">
        <Link to={`/cases/${item.id}`} className="attention__link">
          {item.caption}
        </Link>
        <span className="attention__state">{stateLabel(item.state.resolution)}</span>
      </div>
      <ul className="reasons" aria-label={`Why ${item.caption} needs attention`}>
        {item.needsAttention.map((reason) => (
          <li key={reason} className={`reason reason--${reason.toLowerCase().replaceAll('_', '-')}`}>
            {attentionLabel(reason)}
          </li>
        ))}
      </ul>
      <p className="attention__deadline">
        {item.nextDeadlineAt ? (
          <>
            Next deadline <time dateTime={item.nextDeadlineAt}>{formatDateTime(item.nextDeadlineAt)}</time>{' '}
            <span className="muted">({formatRelativeDays(item.nextDeadlineAt)})</span>
          </>
        ) : (
          <span className="muted">No open deadline</span>
        )}
      </p>
    </li>
  );
}

/** "Load more …", with its own busy state and error. */
export function LoadMore({ list, label }: { list: CaseList; label: string }) {
  return (
    <div className="load-more">
      {list.loadMoreError ? (
        <ErrorAlert title="More cases could not be loaded" message={list.loadMoreError.message}>
          <button type="button" className="button" onClick={() => void list.loadMore()}>
            Try again
          </button>
        </ErrorAlert>
      ) : (
        <button type="button" className="button" disabled={list.loadingMore} onClick={() => void list.loadMore()}>
          {list.loadingMore ? 'Loading more…' : label}
        </button>
      )}
    </div>
  );
}
