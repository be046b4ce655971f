import type { CaseloadColumn } from '../../../generated/schema';
import type { CaseloadCell, CaseloadReport } from '../graphql/reports';

/** The form's two header rows: the held and not-held groups span their parts. */
const GROUPS: { label: string; columns: CaseloadColumn[] }[] = [
  { label: 'Session(s) held', columns: ['HELD', 'SETTLED', 'SETTLED_IN_PART', 'NOT_SETTLED', 'HELD_OTHER'] },
  { label: 'Session(s) not held', columns: ['NOT_HELD', 'NOT_HELD_PRIOR_SETTLEMENT', 'NOT_HELD_INAPPROPRIATE_FOR_ADR', 'NOT_HELD_NO_RESPONSE', 'NOT_HELD_OTHER'] },
];
const SUBTOTAL_LABEL: Partial<Record<CaseloadColumn, string>> = { HELD: 'Total held', NOT_HELD: 'Total not held' };

function Figure({ cell }: { cell: CaseloadCell }) {
  return cell.suppressed ? (
    <>
      <span aria-hidden="true">✱</span>
      <span className="visually-hidden">suppressed</span>
    </>
  ) : (
    <>{cell.count}</>
  );
}

/** The NCSC ADR caseload table: a row per case type, the total last; suppressed figures marked. */
export function CaseloadTable({ report }: { report: CaseloadReport }) {
  const label = new Map(report.columns.map((c) => [c.key, c.label]));
  const grouped = new Set(GROUPS.flatMap((g) => g.columns));
  const single = (key: CaseloadColumn) => (
    <th key={key} scope="col" rowSpan={2}>
      {label.get(key)}
    </th>
  );
  const body = report.rows.filter((r) => r.caseType !== 'TOTAL');
  const total = report.rows.find((r) => r.caseType === 'TOTAL');
  return (
    <div className="table-wrap" tabIndex={0} role="region" aria-label="Caseload table">
      <table className="table caseload">
        <caption className="visually-hidden">
          ADR caseload of {report.programName}, {report.from} to {report.to}, by case type
        </caption>
        <thead>
          <tr>
            <th scope="col" rowSpan={2} className="caseload__type">
              Case type
            </th>
            {single('BEGIN_PENDING')}
            {single('REFERRED')}
            {GROUPS.map((group) => (
              <th key={group.label} scope="colgroup" colSpan={group.columns.length} className="caseload__group">
                {group.label}
              </th>
            ))}
            {single('RETURNED_TO_DOCKET')}
            {single('END_PENDING')}
          </tr>
          <tr>
            {GROUPS.flatMap((group) =>
              group.columns.map((key) => (
                <th key={key} scope="col" className={SUBTOTAL_LABEL[key] ? 'caseload__subtotal' : undefined}>
                  {SUBTOTAL_LABEL[key] ?? label.get(key)}
                </th>
              )),
            )}
          </tr>
        </thead>
        <tbody>
          {body.map((row) => (
            <tr key={row.caseType}>
              <th scope="row">{row.label}</th>
              {row.cells.map((cell) => (
                <td key={cell.column} className={grouped.has(cell.column) && SUBTOTAL_LABEL[cell.column] ? 'caseload__subtotal' : undefined}>
                  <Figure cell={cell} />
                </td>
              ))}
            </tr>
          ))}
        </tbody>
        {total ? (
          <tfoot>
            <tr>
              <th scope="row">{total.label}</th>
              {total.cells.map((cell) => (
                <td key={cell.column} className={SUBTOTAL_LABEL[cell.column] ? 'caseload__subtotal' : undefined}>
                  <Figure cell={cell} />
                </td>
              ))}
            </tr>
          </tfoot>
        ) : null}
      </table>
    </div>
  );
}
