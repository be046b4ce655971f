import type { CaseSummary } from '../graphql/case';
import { roleLabel } from '../../ui/lib/format';

/** "Court-ordered" marks a court-connected referral; voluntary cases show nothing. */
export function CourtOrderedBadge({ courtOrdered }: { courtOrdered: boolean }) {
  return courtOrdered ? <span className="badge badge--court">Court-ordered</span> : null;
}

export function ClosedBadge({ done }: { done: boolean }) {
  return done ? <span className="badge badge--done">Closed</span> : null;
}

/**
 * The viewer's part in a case, as a phrase: "Mediator", "Counsel for Rosa Alvarez".
 * Several roles are joined with commas.
 */
export function describeMyRoles(item: Pick<CaseSummary, 'myRoles' | 'sides'>): string {
  return item.myRoles
    .map(({ role, sideId }) => {
      const side = sideId ? item.sides.find((s) => s.id === sideId) : undefined;
      return side ? `${roleLabel(role)} for ${side.label}` : roleLabel(role);
    })
    .join(', ');
}
