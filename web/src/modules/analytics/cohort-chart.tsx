import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { EmptyState, ErrorMessage, Loading } from '../../ui/status.tsx';
import { type CohortPoint, useCohorts } from './analytics.api.ts';

// Distinct hues that stay apart for the common kinds of colour blindness (Okabe–Ito), darkened for contrast on white.
const lineColours = ['#0f5fa8', '#b35900', '#007a5a', '#a3306b', '#5a4fcf', '#7a6a00', '#c0392b', '#1e293b'];

const cohortLabel = (cohort: string) => `${cohort.slice(0, 4)} Q${Math.floor(Number(cohort.slice(5, 7)) / 3) + 1}`;
const percent = (share: number) => `${Math.round(share * 100)} %`;

/** One row per quarter since the first order, one column per cohort: the shape a line chart wants. */
function byPeriod(points: CohortPoint[], cohorts: string[]) {
  const periods = [...new Set(points.map((p) => p.period))].sort((a, b) => a - b);
  return periods.map((period) => ({
    period,
    ...Object.fromEntries(cohorts.map((c) => [c, points.find((p) => p.cohort === c && p.period === period)?.retention])),
  }));
}

export function CohortChart() {
  const cohorts = useCohorts();
  const points = cohorts.data?.cohorts ?? [];
  const names = [...new Set(points.map((p) => p.cohort))];
  const rows = byPeriod(points, names);
  return (
    <section className="card panel" aria-labelledby="cohort-heading">
      <h2 id="cohort-heading">Retention by cohort</h2>
      {cohorts.isPending ? <Loading>Loading cohorts…</Loading> : null}
      {cohorts.isError ? <ErrorMessage error={cohorts.error} title="Could not load cohorts." /> : null}
      {cohorts.isSuccess && names.length === 0 ? <EmptyState>No orders yet.</EmptyState> : null}
      {names.length > 0 ? (
        <figure className="chart-figure">
          <figcaption>Share of each quarter's new customers who ordered again, by quarters since their first order.</figcaption>
          <div className="chart-box">
            <ResponsiveContainer>
              <LineChart data={rows} margin={{ top: 8, right: 16, bottom: 8, left: 0 }}>
                <CartesianGrid stroke="#e2e8f0" />
                <XAxis dataKey="period" tickFormatter={(p: number) => `+${p}Q`} stroke="#475569" />
                <YAxis domain={[0, 1]} tickFormatter={percent} stroke="#475569" />
                <Tooltip formatter={(value) => percent(Number(value))} labelFormatter={(p) => `${p} quarters after the first order`} />
                <Legend formatter={cohortLabel} />
                {names.map((name, i) => (
                  <Line key={name} dataKey={name} name={name} stroke={lineColours[i % lineColours.length]} strokeWidth={2} dot={false} connectNulls />
                ))}
              </LineChart>
            </ResponsiveContainer>
          </div>
          <details className="chart-data">
            <summary>Show the numbers</summary>
            <div className="table-wrap">
              <table className="data-table">
                <caption className="sr-only">Retention by cohort and quarter</caption>
                <thead>
                  <tr>
                    <th scope="col">Cohort (customers)</th>
                    {rows.map((row) => (
                      <th key={row.period} scope="col">{`+${row.period}Q`}</th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {names.map((name) => (
                    <tr key={name}>
                      <th scope="row">{`${cohortLabel(name)} (${points.find((p) => p.cohort === name)?.customers ?? 0})`}</th>
                      {rows.map((row) => {
                        const share = points.find((p) => p.cohort === name && p.period === row.period)?.retention;
                        return <td key={row.period}>{share === undefined ? '–' : percent(share)}</td>;
                      })}
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
