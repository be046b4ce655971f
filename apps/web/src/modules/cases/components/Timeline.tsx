import { VisibleTo } from '../../ui/components/VisibleTo';
import { stateLabel } from '../../statechart/lib/labels';
import { EmptyState } from '../../ui/components/Feedback';
import { formatDateTime } from '../../ui/lib/format';
import type { TimelineEntry } from '../graphql/case';

/** Every transition of the case, newest first, with who did it and when (in the viewer's zone). */
export function Timeline({ entries }: { entries: readonly TimelineEntry[] }) {
  const newestFirst = [...entries].sort((a, b) => b.seq - a.seq);
  return (
    <section className="panel" aria-labelledby="timeline-heading">
      <h2 className="panel__title" id="timeline-heading">
        Timeline
      </h2>
      <VisibleTo>Visible to: the mediator, counsel and parties of every side (not the court program)</VisibleTo>
      {newestFirst.length === 0 ? (
        <EmptyState title="No transitions yet">The first step taken on this case will appear here.</EmptyState>
      ) : (
        <ol className="timeline" reversed>
          {newestFirst.map((entry) => (
            <li key={entry.id} className="timeline__entry">
              <p className="timeline__summary">{entry.summary}</p>
              <p className="timeline__change">{describeChange(entry)}</p>
              <p className="timeline__meta">
                <span>{entry.actorName ?? 'System'}</span>
                <span aria-hidden="true"> · </span>
                <time dateTime={entry.at}>{formatDateTime(entry.at)}</time>
              </p>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

function describeChange(entry: TimelineEntry): string {
  const { fromState: from, toState: to } = entry;
  if (!from) return `Opened in ${stateLabel(to.resolution)}`;
  const parts: string[] = [];
  if (from.resolution !== to.resolution) parts.push(`${stateLabel(from.resolution)} → ${stateLabel(to.resolution)}`);
  if (from.litigation !== to.litigation) parts.push(`Court: ${stateLabel(from.litigation)} → ${stateLabel(to.litigation)}`);
  return parts.length > 0 ? parts.join('; ') : `Stayed in ${stateLabel(to.resolution)}`;
}
