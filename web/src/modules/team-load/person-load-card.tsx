import { Badge } from '../../ui/badge.tsx';
import { formatDay, humanize, pluralize } from '../../ui/format.ts';
import { describeCapacity } from '../people/capacity-summary.ts';
import type { DayLoad, PersonLoad } from './team-load.api.ts';

const weekdays = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'] as const;
const shortDay = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', timeZone: 'UTC' });
const dayLabel = (day: string) => shortDay.format(new Date(`${day}T12:00:00Z`));

function weeksOf(days: DayLoad[]): DayLoad[][] {
  const weeks: DayLoad[][] = [];
  for (let i = 0; i < days.length; i += 7) weeks.push(days.slice(i, i + 7));
  return weeks;
}

function cellState(day: DayLoad): string {
  if (day.past) return 'past';
  if (day.over) return 'over';
  if (day.capacity === 0) return 'off';
  if (day.planned === day.capacity) return 'full';
  return day.planned === 0 ? 'free' : 'ok';
}

function describeDay(day: DayLoad): string {
  const room = day.capacity === 0 ? 'not working' : `room for ${day.capacity}`;
  const movable = day.movable > 0 ? `, ${day.movable} may move` : '';
  return `${formatDay(day.day)}: ${day.planned} planned, ${room}${movable}`;
}

function DayCell({ day }: { day: DayLoad }) {
  const state = cellState(day);
  return (
    <td className={`team-load-cell team-load-cell--${state}`} title={describeDay(day)} data-testid="day-load" data-day={day.day} data-state={state}>
      {day.capacity === 0 && day.planned === 0 ? (
        <span aria-hidden="true">·</span>
      ) : (
        <>
          <span className="team-load-cell__n">{day.planned}</span>
          {day.capacity > 0 ? <span className="team-load-cell__cap">/{day.capacity}</span> : null}
        </>
      )}
      <span className="sr-only">{day.over ? ` over capacity: ${describeDay(day)}` : ` ${describeDay(day)}`}</span>
    </td>
  );
}

/** One person's next four weeks, a row per week, each day's planned touches against their capacity. */
export function PersonLoadCard({ person }: { person: PersonLoad }) {
  const headingId = `load-${person.id}`;
  const away = person.away_from && person.away_until ? `Away ${formatDay(person.away_from)} – ${formatDay(person.away_until)}` : null;
  return (
    <section className="card team-load-person" aria-labelledby={headingId} data-testid="person-load" data-over={person.over_days > 0}>
      <div className="team-load-person__head">
        <h2 id={headingId}>{person.name}</h2>
        <Badge>{humanize(person.role)}</Badge>
        {person.over_days > 0 ? (
          <Badge tone="danger" testId="person-overflow">
            {pluralize(person.over_touches, 'touch', 'touches')} over on {pluralize(person.over_days, 'day')}
          </Badge>
        ) : (
          <Badge tone="success">Within capacity</Badge>
        )}
      </div>
      <p className="team-load-person__capacity">
        {describeCapacity(person)}
        {away ? <span className="team-load-person__away"> · {away}</span> : null}
      </p>
      <table className="team-load-grid">
        <caption className="sr-only">Planned touches per day for {person.name}, against what they can take</caption>
        <thead>
          <tr>
            <th scope="col">Week of</th>
            {weekdays.map((d) => (
              <th scope="col" key={d}>
                {d}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {weeksOf(person.days).map((week) => {
            const planned = week.reduce((sum, d) => sum + d.planned, 0);
            const capacity = week.reduce((sum, d) => sum + d.capacity, 0);
            return (
              <tr key={week[0]?.day}>
                <th scope="row">
                  {week[0] ? dayLabel(week[0].day) : null}
                  <span className="team-load-grid__total">
                    {planned}/{capacity}
                  </span>
                </th>
                {week.map((day) => (
                  <DayCell key={day.day} day={day} />
                ))}
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}
