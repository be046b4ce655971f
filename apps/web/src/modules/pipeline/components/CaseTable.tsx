import { useState } from 'react';
import { Link } from 'react-router-dom';
import { CourtOrderedBadge, ClosedBadge } from '../../cases/components/CaseBadges';
import type { CaseSummary } from '../../cases/graphql/case';
import { statePathsOf } from '../../statechart/lib/outline';
import { stateLabel } from '../../statechart/lib/labels';
import { attentionLabel, disputeTypeLabel, formatDateTime } from '../../ui/lib/format';
import { sortCases, type Sort, type SortKey } from '../lib/sorting';

const COLUMNS: { key: SortKey; label: string }[] = [
  { key: 'caption', label: 'Caption' },
  { key: 'docket', label: 'Docket' },
  { key: 'disputeType', label: 'Dispute type' },
  { key: 'state', label: 'State' },
  { key: 'deadline', label: 'Next deadline' },
  { key: 'updated', label: 'Updated' },
];

/**
 * Every case in one sortable table; the header buttons sort, a second press reverses. It
 * starts as the api sorts: soonest next deadline first.
 */
export function CaseTable({ cases }: { cases: readonly CaseSummary[] }) {
  const [sort, setSort] = useState<Sort>({ key: 'deadline', direction: 'ascending' });
  const rows = sortCases(cases, sort, statePathsOf('resolution'));
  const sortedBy = COLUMNS.find((c) => c.key === sort.key)?.label ?? '';

  function toggle(key: SortKey) {
    setSort((current) =>
      current.key === key
        ? { key, direction: current.direction === 'ascending' ? 'descending' : 'ascending' }
        : { key, direction: key === 'updated' ? 'descending' : 'ascending' },
    );
  }

  return (
    <div className="table-wrap" tabIndex={0} role="region" aria-label="Cases table">
      <table className="table">
        <caption className="visually-hidden">
          Your cases, sorted by {sortedBy.toLowerCase()}, {sort.direction}
        </caption>
        <thead>
          <tr>
            {COLUMNS.map((column) => {
              const active = sort.key === column.key;
              return (
                <th key={column.key} scope="col" aria-sort={active ? sort.direction : undefined}>
                  <button type="button" className="sort" onClick={() => toggle(column.key)}>
                    {column.label}
                    <span className="sort__arrow" aria-hidden="true">
                      {active ? (sort.direction === 'ascending' ? '↑' : '↓') : '↕'}
                    </span>
                  </button>
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>
          {rows.map((item) => (
            <tr key={item.id}>
              <td>
                <Link to={`/cases/${item.id}`} className="table__caption">
                  {item.caption}
                </Link>{' '}
                <CourtOrderedBadge courtOrdered={item.courtOrdered} />
              </td>
              <td className="mono">{item.docketNumber ?? <span className="muted">—</span>}</td>
              <td>{disputeTypeLabel(item.disputeType)}</td>
              <td>
                {stateLabel(item.state.resolution)} <ClosedBadge done={item.state.done} />
                <div className="table__sub">Court: {stateLabel(item.state.litigation)}</div>
                {item.needsAttention.length > 0 ? (
                  <div className="table__attention">
                    <span aria-hidden="true">! </span>
                    {item.needsAttention.map(attentionLabel).join(', ')}
                  </div>
                ) : null}
              </td>
              <td>
                {item.nextDeadlineAt ? (
                  <time dateTime={item.nextDeadlineAt}>{formatDateTime(item.nextDeadlineAt)}</time>
                ) : (
                  <span className="muted">None open</span>
                )}
              </td>
              <td>
                <time dateTime={item.updatedAt}>{formatDateTime(item.updatedAt)}</time>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
