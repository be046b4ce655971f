import { Link } from 'react-router-dom';
import { describeMyRoles, CourtOrderedBadge, ClosedBadge } from '../../cases/components/CaseBadges';
import type { CaseSummary } from '../../cases/graphql/case';
import { stagesOf } from '../../statechart/lib/outline';
import { stateLabel } from '../../statechart/lib/labels';
import { attentionLabel, disputeTypeLabel, formatDate, formatDateTime } from '../../ui/lib/format';
import { lowerWords } from '../../ui/lib/humanise';
import { groupByStage } from '../lib/board';

/** One column per top-level resolution stage, in statechart order. */
export function CaseBoard({ cases, stages = stagesOf('resolution') }: { cases: readonly CaseSummary[]; stages?: readonly string[] }) {
  const columns = groupByStage(cases, stages);
  return (
    <div className="board">
      {columns.map((column) => {
        const headingId = `board-column-${column.stage}`;
        return (
          <section
            key={column.stage}
            className={`board__column${column.cases.length === 0 ? ' board__column--empty' : ''}`}
            aria-labelledby={headingId}
            data-stage={column.stage}
          >
            <h3 className="board__title" id={headingId}>
              {stateLabel(column.stage)}
              <span className="count">
                {column.cases.length}
                <span className="visually-hidden">{column.cases.length === 1 ? ' case' : ' cases'}</span>
              </span>
            </h3>
            {column.cases.length === 0 ? (
              <p className="board__none">No cases</p>
            ) : (
              <ul className="board__cards">
                {column.cases.map((item) => (
                  <li key={item.id}>
                    <CaseCard item={item} />
                  </li>
                ))}
              </ul>
            )}
          </section>
        );
      })}
    </div>
  );
}

function CaseCard({ item }: { item: CaseSummary }) {
  const rest = item.state.resolution.split('.').slice(1);
  const substate = rest.map(lowerWords).join(' · ');
  return (
    <article className="card">
      <h4 className="card__title">
        <Link to={`/cases/${item.id}`} className="card__link">
          {item.caption}
        </Link>
      </h4>
      <p className="card__meta">
        {item.docketNumber ? <span className="mono">{item.docketNumber}</span> : <span className="muted">No docket</span>}
        <span aria-hidden="true"> · </span>
        <span>{disputeTypeLabel(item.disputeType)}</span>
      </p>
      <p className="card__state">
        {substate ? (
          <span className="pill" title={stateLabel(item.state.resolution)}>
            {substate}
          </span>
        ) : null}
        <span className="pill pill--litigation">Court: {stateLabel(item.state.litigation)}</span>
        <CourtOrderedBadge courtOrdered={item.courtOrdered} />
        <ClosedBadge done={item.state.done} />
        {item.needsAttention.length > 0 ? (
          <span className="badge badge--attention" title={item.needsAttention.map(attentionLabel).join(', ')}>
            <span aria-hidden="true">! </span>
            {item.needsAttention.map(attentionLabel).join(', ')}
          </span>
        ) : null}
      </p>
      <p className="card__deadline">
        {item.nextDeadlineAt ? (
          <>
            Next deadline <time dateTime={item.nextDeadlineAt}>{formatDateTime(item.nextDeadlineAt)}</time>
          </>
        ) : (
          <span className="muted">No open deadline</span>
        )}
      </p>
      <p className="card__foot">
        <span>{describeMyRoles(item)}</span>
        <span>
          Updated <time dateTime={item.updatedAt}>{formatDate(item.updatedAt)}</time>
        </span>
      </p>
    </article>
  );
}
