import { formatMoney } from '../../ui/format.ts';
import type { OrderLine } from './orders.api.ts';

/** Specs as the customer agreed them ("grind: fine"), never as raw JSON. */
export const describeSpecs = (specs: Record<string, unknown>): string =>
  Object.entries(specs)
    .map(([key, value]) => `${key.replace(/[_-]+/g, ' ')}: ${typeof value === 'object' ? JSON.stringify(value) : String(value)}`)
    .join(' · ');

export function OrderLines({ lines, currency, caption, showPrices = true }: { lines: OrderLine[]; currency: string; caption: string; showPrices?: boolean }) {
  return (
    <div className="table-wrap">
      <table className="data-table order-lines">
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Item</th>
            <th scope="col">Quantity</th>
            {showPrices ? <th scope="col">Unit price</th> : null}
          </tr>
        </thead>
        <tbody>
          {lines.map((line) => (
            <tr key={line.id}>
              <td>
                {line.description}
                {line.sku ? <span className="order-lines__sku"> · {line.sku}</span> : null}
                {Object.keys(line.specs).length > 0 ? <span className="order-lines__specs">{describeSpecs(line.specs)}</span> : null}
              </td>
              <td>{line.quantity}</td>
              {showPrices ? <td>{formatMoney(line.unit_price, currency)}</td> : null}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
