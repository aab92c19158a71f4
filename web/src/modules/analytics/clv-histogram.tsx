import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { formatMoney, formatNumber } from '../../ui/format.ts';
import { EmptyState, ErrorMessage, Loading } from '../../ui/status.tsx';
import { type ClvBucket, useClvDistribution } from './analytics.api.ts';

const bucketLabel = (b: ClvBucket) => (b.to === null ? `${formatMoney(b.from)}+` : `${formatMoney(b.from)}–${formatMoney(b.to)}`);

export function ClvHistogram() {
  const distribution = useClvDistribution();
  const buckets = (distribution.data?.buckets ?? []).map((b) => ({ ...b, label: bucketLabel(b) }));
  return (
    <section className="card panel" aria-labelledby="clv-heading">
      <h2 id="clv-heading">Customer lifetime value</h2>
      {distribution.isPending ? <Loading>Loading CLV…</Loading> : null}
      {distribution.isError ? <ErrorMessage error={distribution.error} title="Could not load CLV." /> : null}
      {distribution.isSuccess && buckets.length === 0 ? (
        <EmptyState>No CLV yet: the models need more repeat customers (see the fit report).</EmptyState>
      ) : null}
      {buckets.length > 0 ? (
        <figure className="chart-figure">
          <figcaption>Customers by expected discounted value of their orders over the CLV horizon.</figcaption>
          <div className="chart-box">
            <ResponsiveContainer>
              <BarChart data={buckets} margin={{ top: 8, right: 16, bottom: 8, left: 0 }}>
                <CartesianGrid stroke="#e2e8f0" vertical={false} />
                <XAxis dataKey="label" stroke="#475569" interval="preserveStartEnd" />
                <YAxis allowDecimals={false} stroke="#475569" />
                <Tooltip formatter={(value) => [formatNumber(Number(value)), 'Customers']} />
                <Bar dataKey="accounts" name="Customers" fill="#1d4ed8" />
              </BarChart>
            </ResponsiveContainer>
          </div>
          <details className="chart-data">
            <summary>Show the numbers</summary>
            <div className="table-wrap">
              <table className="data-table">
                <caption className="sr-only">Customers per CLV range</caption>
                <thead>
                  <tr>
                    <th scope="col">CLV</th>
                    <th scope="col">Customers</th>
                  </tr>
                </thead>
                <tbody>
                  {buckets.map((b) => (
                    <tr key={b.from}>
                      <th scope="row">{b.label}</th>
                      <td>{formatNumber(b.accounts)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </details>
        </figure>
      ) : null}
    </section>
  );
}
