import { type FormEvent, useEffect, useRef, useState } from 'react';
import { ErrorMessage } from '../../ui/status.tsx';
import { describeCapacity, hourChoices, weekdayNames } from './capacity-summary.ts';
import { type TeamUser, useChangeUser } from './people.api.ts';

type Props = { user: TeamUser; onDone: (message: string) => void; onCancel: () => void };

/** An admin sets how much planned work a person takes per day; playbooks place tasks within it. */
export function CapacityPanel({ user, onDone, onCancel }: Props) {
  const change = useChangeUser(user.id);
  const [perDay, setPerDay] = useState(String(user.touches_per_day));
  const [days, setDays] = useState<number[]>(user.working_days);
  const [start, setStart] = useState(user.work_start_hour);
  const [end, setEnd] = useState(user.work_end_hour);
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => headingRef.current?.focus(), []);

  const toggleDay = (day: number) => setDays((current) => (current.includes(day) ? current.filter((d) => d !== day) : [...current, day].sort((a, b) => a - b)));
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const capacity = { touches_per_day: Number(perDay), working_days: days, work_start_hour: start, work_end_hour: end };
    change.mutate(capacity, { onSuccess: () => onDone(`${user.name} now takes ${describeCapacity(capacity)}.`) });
  };

  return (
    <section className="card people-card" aria-labelledby="capacity-heading" data-testid="capacity-panel">
      <h2 id="capacity-heading" ref={headingRef} tabIndex={-1}>
        Capacity of {user.name}
      </h2>
      <p className="muted">Playbooks place tasks that can wait on the first working day with room, so nobody's day holds more than this.</p>
      <form className="people-form people-form--grid" onSubmit={onSubmit}>
        <div className="field">
          <label htmlFor="touches-per-day">Touches per working day</label>
          <input id="touches-per-day" className="input" type="number" min={1} max={200} required value={perDay} onChange={(e) => setPerDay(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="work-start">Working day starts</label>
          <select id="work-start" className="input" value={start} onChange={(e) => setStart(Number(e.target.value))}>
            {hourChoices.slice(0, 24).map((h) => (
              <option key={h.value} value={h.value}>
                {h.label}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="work-end">Working day ends</label>
          <select id="work-end" className="input" value={end} onChange={(e) => setEnd(Number(e.target.value))}>
            {hourChoices.slice(1).map((h) => (
              <option key={h.value} value={h.value}>
                {h.label}
              </option>
            ))}
          </select>
        </div>
        <fieldset className="field capacity-days">
          <legend>Working days</legend>
          {weekdayNames.map((name, index) => (
            <label key={name} className="capacity-days__day">
              <input type="checkbox" checked={days.includes(index + 1)} onChange={() => toggleDay(index + 1)} /> {name}
            </label>
          ))}
        </fieldset>
        <div className="people-form__actions">
          <button type="submit" className="button" disabled={change.isPending || days.length === 0}>
            Save capacity
          </button>
          <button type="button" className="button button--secondary" onClick={onCancel}>
            Cancel
          </button>
        </div>
        {change.isError ? <ErrorMessage error={change.error} title="Capacity not saved." /> : null}
      </form>
    </section>
  );
}
