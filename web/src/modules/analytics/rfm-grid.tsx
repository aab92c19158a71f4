import { useState } from 'react';
import { formatMoney, formatNumber } from '../../ui/format.ts';
import { ErrorMessage, Loading } from '../../ui/status.tsx';
import { type GridCell, useRfmGrid } from './analytics.api.ts';

type Measure = 'accounts' | 'revenue';

const frequencyHeadings = ['F1 (fewest orders)', 'F2', 'F3', 'F4', 'F5 (most orders)'];

/** Five shades, each with a text colour that keeps 4.5:1 contrast on it (analytics.css). */
const shadeOf = (value: number, max: number) => (value <= 0 || max <= 0 ? 0 : Math.max(1, Math.ceil((5 * value) / max)));

export function RfmGrid() {
  const grid = useRfmGrid();
  const [measure, setMeasure] = useState<Measure>('accounts');
  const cells = grid.data?.cells ?? [];
  const max = Math.max(0, ...cells.map((cell) => cell[measure]));
  const rows = [5, 4, 3, 2, 1].map((r) => ({ r, cells: cells.filter((cell) => cell.r === r) }));

  return (
    <section className="card panel" aria-labelledby="rfm-heading">
      <h2 id="rfm-heading">RFM grid</h2>
      <p className="panel__intro">
        Customers by how recently (R, rows) and how often (F, columns) they order, in quintiles: 5 is the best fifth.
      </p>
      <fieldset className="toggle-group">
        <legend>Show</legend>
        {(['accounts', 'revenue'] as const).map((option) => (
          <label key={option} className="checkbox">
            <input type="radio" name="rfm-measure" value={option} checked={measure === option} onChange={() => setMeasure(option)} />
            {option === 'accounts' ? 'Customers' : 'Revenue'}
          </label>
        ))}
      </fieldset>
      {grid.isPending ? <Loading>Loading the RFM grid…</Loading> : null}
      {grid.isError ? <ErrorMessage error={grid.error} title="Could not load the RFM grid." /> : null}
      {grid.isSuccess ? (
        <table className="rfm-table" data-testid="rfm-grid">
          <caption className="sr-only">{`${measure === 'accounts' ? 'Customers' : 'Revenue'} per recency and frequency score, with each cell's segment`}</caption>
          <thead>
            <tr>
              <td />
              {frequencyHeadings.map((heading) => (
                <th key={heading} scope="col">
                  {heading}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.r}>
                <th scope="row">{row.r === 5 ? 'R5 (latest)' : row.r === 1 ? 'R1 (longest ago)' : `R${row.r}`}</th>
                {row.cells.map((cell) => (
                  <GridValue key={cell.f} cell={cell} measure={measure} shade={shadeOf(cell[measure], max)} />
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}

// Where the long segment names may break in a phone's narrow cells ("Hiber-nating"), instead of
// anywhere ("Hibernati / ng"): Chromium on Linux and Windows has no hyphenation dictionary.
const softHyphens: Partial<Record<string, string>> = {
  Champions: 'Cham\u00ADpions',
  Hibernating: 'Hiber\u00ADnating',
  Promising: 'Prom\u00ADising',
};
const breakable = (label: string) => label.split(' ').map((word) => softHyphens[word] ?? word).join(' ');

function GridValue({ cell, measure, shade }: { cell: GridCell; measure: Measure; shade: number }) {
  return (
    <td className={`rfm-cell rfm-cell--${shade}`}>
      <span className="rfm-cell__value">{measure === 'revenue' ? formatMoney(cell.revenue) : formatNumber(cell.accounts)}</span>
      {breakable(cell.segment_label)}
    </td>
  );
}
