/** A data table with a caption and column headers (scope="col"); the first cell of a row may head it. */
import type { ReactNode } from 'react';

export interface Column<Row> {
  header: string;
  cell: (row: Row) => ReactNode;
  numeric?: boolean;
  /** This column's cell heads its row (<th scope="row">). */
  rowHeader?: boolean;
}

export function Table<Row>({ caption, columns, rows, rowKey, empty }: { caption: string; columns: Column<Row>[]; rows: Row[]; rowKey: (row: Row) => string; empty: string }) {
  if (rows.length === 0) return <p className="utrecht-paragraph">{empty}</p>;
  return (
    <div className="utrecht-table-container regie-table-container">
      <table className="utrecht-table utrecht-table--html-table">
        <caption className="utrecht-table__caption">{caption}</caption>
        <thead className="utrecht-table__header">
          <tr className="utrecht-table__row">
            {columns.map((c) => (
              <th key={c.header} scope="col" className={`utrecht-table__header-cell${c.numeric ? ' utrecht-table__header-cell--numeric-column' : ''}`}>
                {c.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="utrecht-table__body">
          {rows.map((row) => (
            <tr className="utrecht-table__row" key={rowKey(row)}>
              {columns.map((c) =>
                c.rowHeader ? (
                  <th key={c.header} scope="row" className="utrecht-table__header-cell">
                    {c.cell(row)}
                  </th>
                ) : (
                  <td key={c.header} className={`utrecht-table__cell${c.numeric ? ' utrecht-table__cell--numeric-data' : ''}`}>
                    {c.cell(row)}
                  </td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The column that heads a row of tasks: the task's title, linking to its page. */
export function taskTitleColumn<Row extends { id: string; title: string }>(header: string): Column<Row> {
  return {
    header,
    rowHeader: true,
    cell: (r) => (
      <a className="utrecht-link" href={`/taken/${encodeURIComponent(r.id)}`}>
        {r.title}
      </a>
    ),
  };
}
