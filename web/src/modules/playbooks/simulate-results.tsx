import { formatDay, formatMoney, formatNumber, pluralize } from '../../ui/format.ts';
import type { ForgottenCustomer, ProgramResult, Simulation } from './simulate.api.ts';

const shortDay = (day: string) => new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', timeZone: 'UTC' }).format(new Date(`${day}T12:00:00Z`));
const monthName = (month: string) => new Intl.DateTimeFormat(undefined, { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${month}-15T12:00:00Z`));

/** The period ends just before its `to`: the last day replayed is the one before. */
const lastDay = (to: string) => new Date(Date.parse(to) - 1).toISOString().slice(0, 10);

/** A cell's shade: empty weeks stay white, the busiest week of the table is the darkest. */
function heat(count: number, peak: number): string {
  if (count === 0 || peak === 0) return 'transparent';
  const share = count / peak;
  return `hsl(213 94% ${Math.round(94 - share * 26)}%)`;
}

function Heatmap({ program, title }: { program: ProgramResult; title: string }) {
  const { weeks, people, peak_week: peak } = program.workload;
  if (people.length === 0) return <p className="simulate-empty">{title}: no tasks for people in this period.</p>;
  return (
    <section className="simulate-section" aria-labelledby={`heat-${title}`}>
      <h3 id={`heat-${title}`}>{title}: tasks per person and week</h3>
      <p className="simulate-note">
        Busiest week: {pluralize(peak, 'task')} for one person · a typical week: {formatNumber(program.workload.median_week)}
      </p>
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a table wider than the screen scrolls sideways, and keyboard users scroll it by focusing it */}
      <section className="heatmap-wrap" tabIndex={0} aria-label={`${title}: workload per week, scrolls sideways`}>
        <table className="heatmap" style={{ gridTemplateColumns: `minmax(8rem, max-content) repeat(${weeks.length}, 1.9rem) 3.5rem` }}>
          <caption className="sr-only">{title}: tasks planned per person per week</caption>
          <thead>
            <tr>
              <th scope="col">Person</th>
              {weeks.map((week, i) => (
                <th scope="col" key={week} className="heatmap__week">
                  <span aria-hidden="true">{i % 4 === 0 ? shortDay(week) : ''}</span>
                  <span className="sr-only">Week of {formatDay(week)}</span>
                </th>
              ))}
              <th scope="col">Total</th>
            </tr>
          </thead>
          <tbody>
            {people.map((person) => (
              <tr key={person.user_id}>
                <th scope="row">{person.name}</th>
                {person.weeks.map((count, i) => (
                  <td key={weeks[i]} style={{ background: heat(count, peak) }} title={`${person.name}, week of ${formatDay(weeks[i] ?? '')}: ${count}`}>
                    {count || ''}
                  </td>
                ))}
                <td className="heatmap__total">{formatNumber(person.total)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </section>
  );
}

function ForgottenList({ customers, title, silentDays }: { customers: ForgottenCustomer[]; title: string; silentDays: number }) {
  return (
    <section className="simulate-section" aria-labelledby={`forgotten-${title}`}>
      <h3 id={`forgotten-${title}`}>
        {title}: {pluralize(customers.length, 'customer')} nobody would touch for more than {silentDays} days
      </h3>
      {customers.length === 0 ? (
        <p className="simulate-empty">Nobody is forgotten.</p>
      ) : (
        <div className="table-wrap">
          <table className="data-table">
            <caption className="sr-only">{title}: forgotten customers, highest value at risk first</caption>
            <thead>
              <tr>
                <th scope="col">Customer</th>
                <th scope="col">Longest silence</th>
                <th scope="col">Lifetime value</th>
                <th scope="col">Chance still active</th>
                <th scope="col">Value at risk</th>
              </tr>
            </thead>
            <tbody>
              {customers.slice(0, 25).map((c) => (
                <tr key={c.account_id}>
                  <th scope="row">{c.name}</th>
                  <td>{pluralize(c.longest_silence_days, 'day')}</td>
                  <td>{c.clv === null ? 'Not scored yet' : formatMoney(c.clv)}</td>
                  <td>{c.p_alive === null ? 'Not scored yet' : `${Math.round(c.p_alive * 100)}%`}</td>
                  <td>{formatMoney(c.value_at_risk)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {customers.length > 25 ? <p className="simulate-note">And {pluralize(customers.length - 25, 'more customer')}; download the CSV from the API for all.</p> : null}
        </div>
      )}
    </section>
  );
}

type Row = { label: string; current: number; edited?: number };

function Comparison({ rows, hasEdited }: { rows: Row[]; hasEdited: boolean }) {
  return (
    <div className="table-wrap">
      <table className="data-table simulate-compare" data-testid="simulation-summary">
        <caption className="sr-only">What each program would have done in the period</caption>
        <thead>
          <tr>
            <th scope="col">In the period</th>
            <th scope="col">Current program</th>
            {hasEdited ? <th scope="col">Edited program</th> : null}
            {hasEdited ? <th scope="col">Change</th> : null}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.label}>
              <th scope="row">{row.label}</th>
              <td>{formatNumber(row.current)}</td>
              {row.edited !== undefined ? <td>{formatNumber(row.edited)}</td> : null}
              {row.edited !== undefined ? <td className={row.edited === row.current ? '' : 'simulate-change'}>{row.edited - row.current > 0 ? '+' : ''}{formatNumber(row.edited - row.current)}</td> : null}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function summaryRows(current: ProgramResult, edited: ProgramResult | null): Row[] {
  const row = (label: string, pick: (p: ProgramResult) => number): Row => ({ label, current: pick(current), ...(edited ? { edited: pick(edited) } : {}) });
  return [
    row('Touches planned (tasks and emails)', (p) => p.touches),
    row('Busiest week of one person (tasks)', (p) => p.workload.peak_week),
    row('Forgotten customers', (p) => p.forgotten.length),
    row('Emails, surveys and referral asks', (p) => p.emails.total),
    row('Most emails to one customer in a month', (p) => p.emails.most_in_a_month),
    row('Surveys sent', (p) => p.surveys_sent),
    row('Recovery calls after a detractor’s answer', (p) => p.recovery_calls),
  ];
}

function EmailWarnings({ program, title }: { program: ProgramResult; title: string }) {
  const over = program.emails.over_warning;
  if (over.length === 0) return null;
  return (
    <p className="simulate-warning" role="note">
      {title}: {pluralize(over.length, 'customer month')} with more than {program.emails.warning_above} emails, e.g. {over[0]?.name} in {monthName(over[0]?.month ?? '')} ({over[0]?.emails}).
    </p>
  );
}

export function SimulationResults({ result }: { result: Simulation }) {
  const { current, edited, diff } = result;
  const days = result.silent_days;
  return (
    <div className="simulate-results" data-testid="simulation-results">
      <h2>
        {formatDay(result.period.from.slice(0, 10))} to {formatDay(lastDay(result.period.to))}
      </h2>
      <p className="simulate-note">Replayed in {result.seconds.toFixed(1)} seconds. Repeating touches are counted each time they come due, as if done on time.</p>
      <Comparison rows={summaryRows(current, edited)} hasEdited={edited !== null} />
      <EmailWarnings program={current} title="Current program" />
      {edited ? <EmailWarnings program={edited} title="Edited program" /> : null}
      <Heatmap program={current} title="Current program" />
      {edited ? <Heatmap program={edited} title="Edited program" /> : null}
      {diff ? (
        <section className="simulate-section" aria-labelledby="diff-people">
          <h3 id="diff-people">Tasks per person: current against edited</h3>
          <div className="table-wrap">
            <table className="data-table simulate-compare">
              <caption className="sr-only">Tasks per person under each program</caption>
              <thead>
                <tr>
                  <th scope="col">Person</th>
                  <th scope="col">Current</th>
                  <th scope="col">Edited</th>
                  <th scope="col">Change</th>
                </tr>
              </thead>
              <tbody>
                {diff.people.map((p) => (
                  <tr key={p.user_id}>
                    <th scope="row">{p.name}</th>
                    <td>{formatNumber(p.current)}</td>
                    <td>{formatNumber(p.edited)}</td>
                    <td className={p.edited === p.current ? '' : 'simulate-change'}>{p.edited - p.current > 0 ? '+' : ''}{formatNumber(p.edited - p.current)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <ForgottenList customers={diff.newly_forgotten} title="Forgotten only under the edited program" silentDays={days} />
          <ForgottenList customers={diff.no_longer_forgotten} title="Forgotten only under the current program" silentDays={days} />
        </section>
      ) : (
        <ForgottenList customers={current.forgotten} title="Current program" silentDays={days} />
      )}
    </div>
  );
}
