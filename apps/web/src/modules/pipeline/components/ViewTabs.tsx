import { useRef, type KeyboardEvent } from 'react';

export const VIEWS = ['board', 'table'] as const;
export type PipelineView = (typeof VIEWS)[number];

const LABELS: Record<PipelineView, string> = { board: 'Board', table: 'Table' };

export const tabId = (view: PipelineView) => `pipeline-tab-${view}`;
export const panelId = (view: PipelineView) => `pipeline-panel-${view}`;

/** "Board" / "Table": a tab list that follows the ARIA pattern (arrow keys, Home, End). */
export function ViewTabs({ view, onChange }: { view: PipelineView; onChange(view: PipelineView): void }) {
  const refs = useRef<Partial<Record<PipelineView, HTMLButtonElement | null>>>({});

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    const index = VIEWS.indexOf(view);
    const next =
      event.key === 'ArrowRight'
        ? VIEWS[(index + 1) % VIEWS.length]
        : event.key === 'ArrowLeft'
          ? VIEWS[(index - 1 + VIEWS.length) % VIEWS.length]
          : event.key === 'Home'
            ? VIEWS[0]
            : event.key === 'End'
              ? VIEWS[VIEWS.length - 1]
              : undefined;
    if (!next) return;
    event.preventDefault();
    onChange(next);
    refs.current[next]?.focus();
  }

  return (
    <div className="segmented" role="tablist" aria-label="Pipeline view" onKeyDown={onKeyDown}>
      {VIEWS.map((v) => (
        <button
          key={v}
          ref={(el) => {
            refs.current[v] = el;
          }}
          type="button"
          role="tab"
          id={tabId(v)}
          aria-selected={v === view}
          aria-controls={panelId(v)}
          tabIndex={v === view ? 0 : -1}
          className="segmented__option"
          onClick={() => onChange(v)}
        >
          {LABELS[v]}
        </button>
      ))}
    </div>
  );
}
