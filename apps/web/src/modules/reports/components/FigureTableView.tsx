import { useId } from 'react';
import type { FigureTable } from '../graphql/reports';
import { csvFileName, type Period } from '../lib/periods';

/** A rate as a whole percentage, days with one decimal, counts as they are. */
export function formatFigure(kind: FigureTable['columns'][number]['kind'], value: number): string {
  if (kind === 'RATE') return `${Math.round(value * 100)}%`;
  if (kind === 'DAYS') return value.toFixed(1).replace(/\.0$/, '');
  return String(value);
}

/** One table of program figures: suppressed figures marked, a rate with nothing to divide by as a dash. */
export function FigureTableView({ table, programName, period }: { table: FigureTable; programName: string; period: Period }) {
  const headingId = useId();
  const kinds = new Map(table.columns.map((c) => [c.key, c.kind]));
  return (
    <section className="reports__figures" aria-labelledby={headingId}>
      <div className="reports__report-header">
        <h3 id={headingId} className="reports__subheading">
          {table.title}
        </h3>
        <a
          className="button button--quiet"
          href={`data:text/csv;charset=utf-8,${encodeURIComponent(table.csv)}`}
          download={csvFileName(`${programName} ${table.key.toLowerCase().replaceAll('_', ' ')}`, period).replace('-caseload-', '-')}
          aria-label={`Download CSV: ${table.title}`}
        >
          CSV
        </a>
      </div>
      <div className="table-wrap" tabIndex={0} role="region" aria-label={table.title}>
        <table className="table caseload">
          <caption className="visually-hidden">{table.title}</caption>
          <thead>
            <tr>
              <th scope="col" className="caseload__type">
                {table.rowsAre}
              </th>
              {table.columns.map((column) => (
                <th key={column.key} scope="col" title={column.definition}>
                  {column.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {table.rows.map((row) => (
              <tr key={row.key}>
                <th scope="row">{row.label}</th>
                {row.cells.map((cell) => (
                  <td key={cell.column}>
                    {cell.suppressed ? (
                      <>
                        <span aria-hidden="true">✱</span>
                        <span className="visually-hidden">suppressed</span>
                      </>
                    ) : cell.value === null ? (
                      <>
                        <span aria-hidden="true">–</span>
                        <span className="visually-hidden">none: nothing to divide by</span>
                      </>
                    ) : (
                      formatFigure(kinds.get(cell.column)!, cell.value)
                    )}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
