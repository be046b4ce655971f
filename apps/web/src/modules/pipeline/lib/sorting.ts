import type { CaseSummary } from '../../cases/graphql/case';
import { disputeTypeLabel } from '../../ui/lib/format';

export const SORT_KEYS = ['caption', 'docket', 'disputeType', 'state', 'deadline', 'updated'] as const;
export type SortKey = (typeof SORT_KEYS)[number];
export type SortDirection = 'ascending' | 'descending';

export interface Sort {
  key: SortKey;
  direction: SortDirection;
}

const text = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

/**
 * Sorts cases for the table. `statePaths` is the resolution region's states in chart order,
 * so "state" sorts the way a case moves (intake before mediation), not alphabetically.
 * Missing docket numbers and cases without an open deadline go last either way.
 */
export function sortCases(
  cases: readonly CaseSummary[],
  sort: Sort,
  statePaths: readonly string[],
): CaseSummary[] {
  const rank = (path: string) => {
    const index = statePaths.indexOf(path);
    return index === -1 ? statePaths.length : index;
  };
  const sign = sort.direction === 'ascending' ? 1 : -1;
  const compare = (a: CaseSummary, b: CaseSummary): number => {
    switch (sort.key) {
      case 'caption':
        return sign * text.compare(a.caption, b.caption);
      case 'docket':
        if (!a.docketNumber || !b.docketNumber) return a.docketNumber ? -1 : b.docketNumber ? 1 : 0;
        return sign * text.compare(a.docketNumber, b.docketNumber);
      case 'disputeType':
        return sign * text.compare(disputeTypeLabel(a.disputeType), disputeTypeLabel(b.disputeType));
      case 'state':
        return sign * (rank(a.state.resolution) - rank(b.state.resolution));
      case 'deadline':
        if (!a.nextDeadlineAt || !b.nextDeadlineAt) return a.nextDeadlineAt ? -1 : b.nextDeadlineAt ? 1 : 0;
        return sign * (Date.parse(a.nextDeadlineAt) - Date.parse(b.nextDeadlineAt));
      case 'updated':
        return sign * (Date.parse(a.updatedAt) - Date.parse(b.updatedAt));
    }
  };
  return [...cases].sort((a, b) => compare(a, b) || text.compare(a.caption, b.caption));
}
