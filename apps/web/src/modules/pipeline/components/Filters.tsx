import { DISPUTE_TYPES } from '../../../generated/schema';
import { statePathsOf } from '../../statechart/lib/outline';
import { stateLabel } from '../../statechart/lib/labels';
import { disputeTypeLabel } from '../../ui/lib/format';
import { hasFilters, NO_FILTERS, type PipelineFilters } from '../lib/filters';

/** A select's options: the chart's states, plus the current value if the chart does not know it. */
function stateOptions(region: string, current: string | null): string[] {
  const paths = statePathsOf(region);
  return current && !paths.includes(current) ? [...paths, current] : paths;
}

/** "Program 3f2a9c1e", for a program the schema names only by id. */
export function programLabel(id: string): string {
  return `Program ${id.slice(0, 8)}`;
}

/**
 * The pipeline's filters; every change is written to the address at once (and read back
 * from it), so a filtered pipeline can be bookmarked and shared.
 */
export function Filters({
  filters,
  programs,
  onChange,
  attention = true,
}: {
  filters: PipelineFilters;
  /** Program ids seen among the viewer's cases; the program filter shows only when there are some. */
  programs: readonly string[];
  onChange(next: PipelineFilters): void;
  /** Offer "Needs attention only" (never for a program administrator, whom no case asks for attention). */
  attention?: boolean;
}) {
  const set = (patch: Partial<PipelineFilters>) => onChange({ ...filters, ...patch });
  const programOptions = filters.programId && !programs.includes(filters.programId) ? [...programs, filters.programId] : programs;
  return (
    <form role="search" aria-label="Filter cases" className="filters" onSubmit={(e) => e.preventDefault()}>
      <div className="filters__field">
        <label htmlFor="filter-stage">Stage</label>
        <select id="filter-stage" value={filters.stage ?? ''} onChange={(e) => set({ stage: e.target.value || null })}>
          <option value="">Any stage</option>
          {stateOptions('resolution', filters.stage).map((path) => (
            <option key={path} value={path}>
              {stateLabel(path)}
            </option>
          ))}
        </select>
      </div>
      <div className="filters__field">
        <label htmlFor="filter-court">Court stage</label>
        <select id="filter-court" value={filters.court ?? ''} onChange={(e) => set({ court: e.target.value || null })}>
          <option value="">Any court stage</option>
          {stateOptions('litigation', filters.court).map((path) => (
            <option key={path} value={path}>
              {stateLabel(path)}
            </option>
          ))}
        </select>
      </div>
      <div className="filters__field">
        <label htmlFor="filter-type">Dispute type</label>
        <select
          id="filter-type"
          value={filters.disputeType ?? ''}
          onChange={(e) => set({ disputeType: (e.target.value || null) as PipelineFilters['disputeType'] })}
        >
          <option value="">Any type</option>
          {DISPUTE_TYPES.map((type) => (
            <option key={type} value={type}>
              {disputeTypeLabel(type)}
            </option>
          ))}
        </select>
      </div>
      {programOptions.length > 0 ? (
        <div className="filters__field">
          <label htmlFor="filter-program">Program</label>
          <select id="filter-program" value={filters.programId ?? ''} onChange={(e) => set({ programId: e.target.value || null })}>
            <option value="">Any program</option>
            {programOptions.map((id) => (
              <option key={id} value={id} title={id}>
                {programLabel(id)}
              </option>
            ))}
          </select>
        </div>
      ) : null}
      {attention ? (
        <div className="filters__check check">
          <input
            id="filter-attention"
            type="checkbox"
            checked={filters.attention}
            onChange={(e) => set({ attention: e.target.checked })}
          />
          <label htmlFor="filter-attention">Needs attention only</label>
        </div>
      ) : null}
      {hasFilters(filters) ? (
        <button type="button" className="button button--quiet filters__clear" onClick={() => onChange(NO_FILTERS)}>
          Clear filters
        </button>
      ) : null}
    </form>
  );
}
