import { useEffect, useId, useRef, useState, type ReactNode, type RefObject } from 'react';
import { Bar, BarChart, CartesianGrid, LabelList, Legend, XAxis, YAxis } from 'recharts';
import type { FigureTable } from '../graphql/reports';

/**
 * The Reports page's charts, drawn from the same suppressed figures as the tables beside them
 * (each chart's numbers are the table that follows it). A suppressed figure is never drawn as a
 * bar of 0: when its row's total is shown, the suppressed figures of the row are drawn together
 * as one hatched "suppressed" part (its size is the total less the shown parts, which the table
 * already gives); when the total is suppressed too, the row's label says "suppressed" and no bar
 * is drawn.
 */

type Cell = FigureTable['rows'][number]['cells'][number];
export interface Series {
  key: string;
  label: string;
  color: string;
}

export const SUPPRESSED_KEY = '__suppressed';
const SUPPRESSED_COLOR = '#c9ccd1';

/** One bar of a stacked chart: its label, its parts, its total; what to draw and what to say. */
export interface StackedRow {
  label: string;
  /** The drawn values by series key (absent: suppressed or zero), and the suppressed part. */
  values: Record<string, number | undefined>;
  /** The row's total is suppressed: nothing can be drawn. */
  hidden: boolean;
  /** Some part is suppressed. */
  partlyHidden: boolean;
}

const cellOf = (row: FigureTable['rows'][number], column: string): Cell | undefined => row.cells.find((c) => c.column === column);

/**
 * The bars of a stacked chart from a figures table: for each row (the total row left out), the
 * shown parts, and the suppressed ones as one part sized by the shown total less the shown parts.
 */
export function stackedRows(table: FigureTable, series: readonly Series[], totalColumn: string, include: (row: FigureTable['rows'][number]) => boolean = () => true): StackedRow[] {
  return table.rows
    .filter((row) => row.key !== 'TOTAL' && include(row))
    .map((row) => {
      const total = cellOf(row, totalColumn);
      const parts = series.map((s) => cellOf(row, s.key));
      const hidden = !total || total.suppressed || total.value === null;
      const partlyHidden = parts.some((p) => p?.suppressed);
      const values: Record<string, number | undefined> = {};
      if (!hidden) {
        for (const [i, s] of series.entries()) {
          const p = parts[i];
          if (p && !p.suppressed && p.value) values[s.key] = p.value;
        }
        const rest = total.value! - parts.reduce((n, p) => n + (p && !p.suppressed ? (p.value ?? 0) : 0), 0);
        if (partlyHidden && rest > 0) values[SUPPRESSED_KEY] = rest;
      }
      return { label: row.label, values, hidden, partlyHidden };
    });
}

/** The width of the chart's box, followed as it changes (a default where nothing measures, as in tests). */
function useWidth(fallback = 640): [RefObject<HTMLDivElement | null>, number] {
  const ref = useRef<HTMLDivElement | null>(null);
  const [width, setWidth] = useState(fallback);
  useEffect(() => {
    const element = ref.current;
    if (!element || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(([entry]) => {
      const measured = Math.floor(entry?.contentRect.width ?? 0);
      if (measured > 0) setWidth(measured);
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  return [ref, width];
}

/** A chart in a figure: its title as the caption, its picture named for assistive technology, a note of what is suppressed. */
function ChartFigure({ title, summary, children, note }: { title: string; summary: string; children: (width: number) => ReactNode; note?: ReactNode }) {
  const [ref, width] = useWidth();
  const captionId = useId();
  return (
    <figure className="report-chart" aria-labelledby={captionId}>
      <figcaption id={captionId} className="report-chart__caption">
        {title}
      </figcaption>
      <div ref={ref} className="report-chart__plot" role="img" aria-label={summary}>
        {children(width)}
      </div>
      {note ? <p className="report-chart__note">{note}</p> : null}
    </figure>
  );
}

/** Words in lines of at most `max` characters (a longer word stays whole). */
export function wrap(text: string, max: number): string[] {
  const lines: string[] = [];
  for (const word of text.split(' ')) {
    const last = lines.at(-1);
    if (last !== undefined && last.length + 1 + word.length <= max) lines[lines.length - 1] = `${last} ${word}`;
    else lines.push(word);
  }
  return lines;
}

/** A label of the category axis, with "suppressed" under it when its bar cannot be drawn. */
function CategoryTick({ x, y, payload, hidden, vertical, width }: { x?: number; y?: number; payload?: { value: string }; hidden: Set<string>; vertical?: boolean; width?: number }) {
  const label = payload?.value ?? '';
  const isHidden = hidden.has(label);
  if (vertical) {
    // Words wrapped to the axis's width (about 6.5 px a character at 12 px), then "suppressed" on a line of its own.
    const lines = wrap(label, Math.max(8, Math.floor((width ?? 170) / 6.5)));
    const all = isHidden ? [...lines, 'suppressed'] : lines;
    const top = -((all.length - 1) * 14) / 2;
    return (
      <g transform={`translate(${x},${y})`}>
        {all.map((line, i) => (
          <text
            key={i}
            x={-6}
            y={top + i * 14}
            dy={4}
            textAnchor="end"
            fill={isHidden && i === all.length - 1 ? '#5c636d' : '#1d2126'}
            fontSize={isHidden && i === all.length - 1 ? 11 : 12}
            fontStyle={isHidden && i === all.length - 1 ? 'italic' : undefined}
          >
            {line}
          </text>
        ))}
      </g>
    );
  }
  // Slanted, so that thirteen months fit a phone's width; a bar that cannot be drawn says so after its label.
  return (
    <g transform={`translate(${x},${y})`}>
      <text x={0} y={0} dy={10} textAnchor="end" transform="rotate(-40)" fill="#1d2126" fontSize={11}>
        {label}
        {isHidden ? (
          <tspan fill="#5c636d" fontStyle="italic">
            {' '}
            suppressed
          </tspan>
        ) : null}
      </text>
    </g>
  );
}

/** A legend entry in the text's colour (recharts writes it in the series' colour, too pale for the suppressed part). */
const legendText = (value: string) => <span className="report-chart__legend-text">{value}</span>;

/** How the chart's rows read out: each row's shown figures, "suppressed" for the rest. */
function summarise(rows: StackedRow[], series: readonly Series[]): string {
  return rows
    .map((row) => {
      if (row.hidden) return `${row.label}: suppressed`;
      const parts = series.filter((s) => row.values[s.key]).map((s) => `${s.label} ${row.values[s.key]}`);
      return `${row.label}: ${parts.length ? parts.join(', ') : 'none'}${row.partlyHidden ? ', and suppressed figures' : ''}`;
    })
    .join('; ');
}

/** A stacked bar chart of a figures table, suppressed parts drawn as one "suppressed" part. */
export function StackedFigureChart({
  title,
  rows,
  series,
  layout,
  valueLabel,
}: {
  title: string;
  rows: StackedRow[];
  series: readonly Series[];
  layout: 'columns' | 'bars';
  valueLabel: string;
}) {
  const hidden = new Set(rows.filter((r) => r.hidden).map((r) => r.label));
  const data = rows.map((r) => ({ label: r.label, ...r.values }));
  const anySuppressed = rows.some((r) => r.hidden || r.partlyHidden);
  // Only the series some bar has (the legend names nothing the chart does not show), then the suppressed part.
  const drawn = [...series, { key: SUPPRESSED_KEY, label: 'Suppressed', color: SUPPRESSED_COLOR }].filter((s) => rows.some((r) => r.values[s.key]));
  const vertical = layout === 'bars';
  const summary = `${title}. ${rows.length === 0 ? 'Nothing to show.' : summarise(rows, series)}.`;
  return (
    <ChartFigure
      title={title}
      summary={summary}
      note={`The bars count ${valueLabel.toLowerCase()}.${anySuppressed ? ' Suppressed figures are drawn as one hatched part of their bar, or not at all where the bar’s total is suppressed: never as 0.' : ''}`}
    >
      {(width) => (
        <BarChart
          width={width}
          height={vertical ? Math.max(120, rows.length * 40 + 70) : 340}
          data={data}
          layout={vertical ? 'vertical' : 'horizontal'}
          // Room on the left for the first slanted label of the columns.
          margin={{ top: 8, right: 16, bottom: 8, left: vertical ? 8 : hidden.size ? 64 : 24 }}
          accessibilityLayer={false}
        >
          <CartesianGrid stroke="#e2e2dc" vertical={!vertical} horizontal={vertical} />
          {vertical ? (
            <>
              <XAxis type="number" allowDecimals={false} tick={{ fill: '#5c636d', fontSize: 12 }} height={28} />
              <YAxis type="category" dataKey="label" width={Math.min(200, Math.round(width * 0.4))} interval={0} tick={<CategoryTick hidden={hidden} vertical width={Math.min(200, Math.round(width * 0.4)) - 8} />} />
            </>
          ) : (
            <>
              <XAxis dataKey="label" interval={0} height={hidden.size ? 112 : 64} tick={<CategoryTick hidden={hidden} />} />
              <YAxis allowDecimals={false} width={40} tick={{ fill: '#5c636d', fontSize: 12 }} />
            </>
          )}
          <Legend wrapperStyle={{ fontSize: 12 }} itemSorter={null} formatter={legendText} />
          {drawn.map((s) => (
            <Bar
              key={s.key}
              dataKey={s.key}
              name={s.label}
              stackId="figures"
              fill={s.color}
              stroke={s.key === SUPPRESSED_KEY ? '#5c636d' : undefined}
              strokeDasharray={s.key === SUPPRESSED_KEY ? '3 2' : undefined}
              isAnimationActive={false}
            />
          ))}
        </BarChart>
      )}
    </ChartFigure>
  );
}

/** Bars side by side (not stacked): days, where a suppressed figure has no bar and its row says so. */
export function GroupedFigureChart({ title, table, series, valueLabel }: { title: string; table: FigureTable; series: readonly Series[]; valueLabel: string }) {
  const rows = table.rows.filter((r) => r.key !== 'TOTAL');
  const hidden = new Set(rows.filter((r) => series.every((s) => cellOf(r, s.key)?.suppressed)).map((r) => r.label));
  const data = rows.map((r) => ({ label: r.label, ...Object.fromEntries(series.map((s) => [s.key, cellOf(r, s.key)?.suppressed ? undefined : (cellOf(r, s.key)?.value ?? undefined)])) }));
  const summary = `${title}. ${rows
    .map((r) =>
      hidden.has(r.label)
        ? `${r.label}: suppressed`
        : `${r.label}: ${series.map((s) => {
            const c = cellOf(r, s.key);
            return `${s.label} ${c?.suppressed ? 'suppressed' : c?.value ?? 'none'}`;
          }).join(', ')}`,
    )
    .join('; ')}.`;
  return (
    <ChartFigure title={title} summary={summary} note={`In ${valueLabel.toLowerCase()}.${hidden.size ? ' A row whose figures are suppressed has no bars: never bars of 0.' : ''}`}>
      {(width) => (
        <BarChart width={width} height={rows.length * 56 + 80} data={data} layout="vertical" margin={{ top: 8, right: 36, bottom: 8, left: 8 }} accessibilityLayer={false}>
          <CartesianGrid stroke="#e2e2dc" horizontal={false} />
          <XAxis type="number" allowDecimals={false} tick={{ fill: '#5c636d', fontSize: 12 }} height={28} />
          <YAxis type="category" dataKey="label" width={Math.min(200, Math.round(width * 0.4))} interval={0} tick={<CategoryTick hidden={hidden} vertical width={Math.min(200, Math.round(width * 0.4)) - 8} />} />
          <Legend wrapperStyle={{ fontSize: 12 }} itemSorter={null} formatter={legendText} />
          {series.map((s) => (
            <Bar key={s.key} dataKey={s.key} name={s.label} fill={s.color} isAnimationActive={false}>
              <LabelList dataKey={s.key} position="right" fill="#1d2126" fontSize={11} />
            </Bar>
          ))}
        </BarChart>
      )}
    </ChartFigure>
  );
}

export const OUTCOME_SERIES: Series[] = [
  { key: 'SETTLED', label: 'Settled', color: '#1f6b43' },
  { key: 'SETTLED_IN_PART', label: 'Settled in part', color: '#74b36b' },
  { key: 'NOT_SETTLED', label: 'Not settled', color: '#a3231b' },
  { key: 'HELD_OTHER', label: 'Other (held)', color: '#b07a1a' },
  { key: 'NOT_HELD', label: 'Not held', color: '#5c636d' },
  { key: 'RETURNED_TO_DOCKET', label: 'Returned to docket', color: '#2f4fb5' },
];
export const NEXT_SERIES: Series[] = [
  { key: 'SETTLED', label: 'Settled since', color: '#1f6b43' },
  { key: 'ENDED_OTHERWISE', label: 'Ended otherwise', color: '#5c636d' },
  { key: 'OPEN', label: 'Still open', color: '#2f4fb5' },
];
export const DAYS_SERIES: Series[] = [
  { key: 'MEDIAN', label: 'Median days', color: '#2f4fb5' },
  { key: 'P90', label: '90th percentile, days', color: '#9fb2ea' },
];

/** The chart drawn before a figures table, for the tables that have one. */
export function ChartFor({ table }: { table: FigureTable }) {
  switch (table.key) {
    case 'OUTCOMES_OVER_TIME':
      return (
        <StackedFigureChart
          title={`How referrals ended, by ${table.rowsAre.toLowerCase()}`}
          rows={stackedRows(table, OUTCOME_SERIES, 'DISPOSED')}
          series={OUTCOME_SERIES}
          layout="columns"
          valueLabel="Referrals"
        />
      );
    case 'NEXT_STEPS': {
      const rows = stackedRows(table, NEXT_SERIES, 'CASES', (row) => {
        const cases = cellOf(row, 'CASES');
        return Boolean(cases && (cases.suppressed || (cases.value ?? 0) > 0));
      });
      return <StackedFigureChart title="Where referrals not fully settled went next, and how they stand" rows={rows} series={NEXT_SERIES} layout="bars" valueLabel="Referrals" />;
    }
    case 'DAYS':
      return <GroupedFigureChart title="Days from referral: median and 90th percentile" table={table} series={DAYS_SERIES} valueLabel="Days" />;
    default:
      return null;
  }
}
