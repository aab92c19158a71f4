import { Bar, CartesianGrid, ComposedChart, Legend, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { kindLabels, type SurveyKind, type SurveyMonth } from './surveys.api.ts';

const monthLabel = (month: string) => new Date(`${month}-15T12:00:00`).toLocaleDateString(undefined, { month: 'short', year: 'numeric' });

/** The score by month as a line over the number of answers as bars; the numbers are in a table below. */
export function ScoreChart({ kind, months }: { kind: SurveyKind; months: SurveyMonth[] }) {
  const scoreName = kind === 'nps' ? 'NPS' : 'CSAT (% satisfied)';
  return (
    <figure className="chart-figure">
      <figcaption>{`${scoreName} and number of answers by month.`}</figcaption>
      <div className="chart-box">
        <ResponsiveContainer>
          <ComposedChart data={months} margin={{ top: 8, right: 16, bottom: 8, left: 0 }}>
            <CartesianGrid stroke="#e2e8f0" />
            <XAxis dataKey="month" tickFormatter={monthLabel} stroke="#475569" />
            <YAxis yAxisId="score" domain={kind === 'nps' ? [-100, 100] : [0, 100]} stroke="#475569" />
            <YAxis yAxisId="answers" orientation="right" allowDecimals={false} stroke="#475569" />
            <Tooltip labelFormatter={(m) => monthLabel(String(m))} />
            <Legend />
            <Bar yAxisId="answers" dataKey="responses" name="Answers" fill="#93c5fd" />
            <Line yAxisId="score" dataKey="score" name={scoreName} stroke="#0f5fa8" strokeWidth={2} connectNulls />
          </ComposedChart>
        </ResponsiveContainer>
      </div>
      <details className="chart-data">
        <summary>Show the numbers</summary>
        <div className="table-wrap">
          <table className="data-table">
            <caption className="sr-only">{`${kindLabels[kind]} by month`}</caption>
            <thead>
              <tr>
                <th scope="col">Month</th>
                <th scope="col">Answers</th>
                <th scope="col">{kind === 'nps' ? 'Promoters' : 'Satisfied'}</th>
                <th scope="col">{kind === 'nps' ? 'Detractors' : 'Dissatisfied'}</th>
                <th scope="col">{scoreName}</th>
              </tr>
            </thead>
            <tbody>
              {months.map((m) => (
                <tr key={m.month}>
                  <th scope="row">{monthLabel(m.month)}</th>
                  <td>{m.responses}</td>
                  <td>{m.promoters}</td>
                  <td>{m.detractors}</td>
                  <td>{m.score ?? '–'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}
