import { enumLabel } from '../../ui/lib/format';
import type { WorkspaceItemView } from '../graphql/confidential';
import { formatMoney, formatProbability } from '../lib/format';

/** What one workspace item says, by kind; the same for the side and for the mediator. */
export function WorkspaceItemDetails({ item }: { item: WorkspaceItemView }) {
  switch (item.kind) {
    case 'BEST_OFFER':
      return (
        <div className="ws-item__body">
          {item.amount != null ? (
            <p className="ws-item__money" data-testid="money">
              {formatMoney(item.amount, item.currency)}
            </p>
          ) : null}
          {item.nonMoneyTerms ? <p>{item.nonMoneyTerms}</p> : null}
          {item.body ? <p>{item.body}</p> : null}
        </div>
      );
    case 'HIDDEN_ISSUE':
      return (
        <div className="ws-item__body">
          {item.category ? <p className="badge">{enumLabel(item.category)}</p> : null}
          {item.body ? <p>{item.body}</p> : null}
        </div>
      );
    case 'BATNA': {
      const b = item.batna;
      if (!b) return <p className="muted">Empty sheet.</p>;
      const range =
        b.rangeLow != null || b.rangeHigh != null
          ? `${b.rangeLow != null ? formatMoney(b.rangeLow, item.currency) : '?'} – ${b.rangeHigh != null ? formatMoney(b.rangeHigh, item.currency) : '?'}`
          : null;
      const rows: [string, string | null][] = [
        ['Next week without a deal', b.nextWeek],
        ['In three months', b.threeMonths],
        ['Cost to a decision', b.costToDecision],
        ['Who decides', b.whoDecides],
        ['Chance of winning', b.probability != null ? formatProbability(b.probability) : null],
        ['Likely range', range],
      ];
      return (
        <dl className="ws-item__sheet">
          {rows
            .filter(([, v]) => v)
            .map(([k, v]) => (
              <div key={k}>
                <dt>{k}</dt>
                <dd>{v}</dd>
              </div>
            ))}
        </dl>
      );
    }
    default:
      return <div className="ws-item__body">{item.body ? <p>{item.body}</p> : <p className="muted">Empty.</p>}</div>;
  }
}
