import { useState } from 'react';
import { useSignedInUser } from '../../app/signed-in-user.ts';
import { formatNumber } from '../../ui/format.ts';
import { SkeletonRows } from '../../ui/skeleton.tsx';
import { EmptyState, ErrorMessage } from '../../ui/status.tsx';
import { canSeeFulfilmentReports } from '../auth/permissions.ts';
import { type ShippingTimes, useFulfilmentReport } from './fulfilment.api.ts';
import './fulfilment.css';

const hours = (h: number) => (h < 48 ? `${formatNumber(Math.round(h))} h` : `${formatNumber(Math.round(h / 24))} d`);
// "Sep 7": the table covers at most a year, and a short label keeps the week on one line on a phone.
const weekLabel = (day: string) => new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', timeZone: 'UTC' }).format(new Date(`${day}T12:00:00Z`));
const share = (s: number | null) => (s === null ? '–' : `${Math.round(s * 100)} %`);

type Row = ShippingTimes & { key: string; label: string };

function TimesTable({ caption, heading, rows }: { caption: string; heading: string; rows: Row[] }) {
  return (
    // Scrolls sideways on a phone: focusable, so a keyboard can scroll it too.
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard (WCAG 2.1.1)
    <section className="table-wrap" tabIndex={0} aria-label={`Shipping times ${caption.toLowerCase()}`}>
      <table className="data-table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{heading}</th>
            <th scope="col">Shipped</th>
            <th scope="col">Median</th>
            <th scope="col">90th percentile</th>
            <th scope="col">Within promise</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.key}>
              <th scope="row">{row.label}</th>
              <td>{formatNumber(row.shipped)}</td>
              <td>{hours(row.median_hours)}</td>
              <td>{hours(row.p90_hours)}</td>
              <td>{share(row.within_promise_share)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

/** For managers: how fast orders ship from order to shipment, per week, product and person responsible. */
export function ShippingTimesPanel() {
  const user = useSignedInUser();
  const manager = canSeeFulfilmentReports(user.role);
  const [weeks, setWeeks] = useState(12);
  const report = useFulfilmentReport(weeks, manager);
  if (!manager) return null;
  const data = report.data;
  return (
    <section className="card panel" aria-labelledby="shipping-times-heading" data-testid="shipping-times">
      <div className="shipping-times__header">
        <h2 id="shipping-times-heading">Shipping times</h2>
        <div className="field field--inline">
          <label htmlFor="shipping-weeks">Shipped in the last</label>
          <select id="shipping-weeks" className="input" value={weeks} onChange={(e) => setWeeks(Number(e.target.value))}>
            {[4, 12, 26, 52].map((w) => (
              <option key={w} value={w}>
                {w} weeks
              </option>
            ))}
          </select>
        </div>
      </div>
      <p className="muted">Hours from order to shipment, and the share shipped by the promised day. The person responsible is the customer's service owner, else its owner.</p>
      {report.isPending ? <SkeletonRows label="Loading shipping times…" /> : null}
      {report.isError ? <ErrorMessage error={report.error} title="Could not load shipping times." /> : null}
      {data && data.weeks.length === 0 ? <EmptyState title="Nothing shipped in this period">Orders appear here once they are marked shipped, by hand, an import or a webhook.</EmptyState> : null}
      {data && data.weeks.length > 0 ? (
        <div className="shipping-times__tables">
          <TimesTable caption="Per week" heading="Week of" rows={data.weeks.map((w) => ({ ...w, key: w.week_start, label: weekLabel(w.week_start) }))} />
          <TimesTable caption="Per person responsible" heading="Person" rows={data.people.map((p) => ({ ...p, key: p.user_id ?? 'nobody', label: p.name ?? 'Nobody' }))} />
          <TimesTable caption="Per product" heading="Product" rows={data.products.slice(0, 10).map((p) => ({ ...p, key: p.product_id, label: p.name }))} />
        </div>
      ) : null}
    </section>
  );
}
